"""The default bank of bundled packs, and one-line shortcuts over it."""

from __future__ import annotations

from intimacy.bank.bank import Bank, _language_tag, _name_taken
from intimacy.bank.compiled import bundled

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    import datetime
    import os
    import random
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Unpack

    from intimacy.model.models import Exercise, Pack, Prompt, Reference
    from intimacy.model.translations import Coverage, Translation
    from intimacy.model.types import Filters
    from intimacy.model.vocab import Mood
    from intimacy.sessions.plan import Plan

__all__ = [
    "bank_with",
    "bundled_packs",
    "bundled_sources",
    "bundled_translations",
    "daily",
    "default_bank",
    "languages",
    "plan",
    "random_exercise",
    "random_prompt",
    "references",
]


def bundled_packs() -> tuple[Pack, ...]:
    """The packs shipped inside the package, read (once) on first use.

    Every ``.json`` file in ``intimacy/data`` is a pack or a translation pack. Their items are
    built without the strict loader (see :mod:`intimacy.bank.compiled`); the tests prove the
    strict loader accepts each file and builds the same packs.
    """
    return bundled().packs()


def bundled_translations() -> tuple[Translation, ...]:
    """The translation packs shipped inside the package (see :func:`bundled_packs`)."""
    return bundled().translations()


def bundled_sources() -> dict[str, str]:
    """The file of each bundled pack inside the package, by pack name (``intimacy/data/...``)."""
    return bundled().sources()


def _bundled_bank(language: str | None = None) -> Bank:
    """The bank of bundled packs shown in ``language`` (a tag in its usual form), made once."""
    return bundled().bank(language)


def default_bank(*, plugins: bool = False, language: str | None = None) -> Bank:
    """The bank of bundled packs, loaded on first call and then shared (it is immutable).

    With ``language`` (such as ``"es"`` or ``"es-MX"``), items are shown in that language
    where a bundled (or plugin) translation covers them, and in their own language where not;
    see :meth:`Bank.translated`. Each language's bank is built once and shared.

    With ``plugins=True`` it also holds the packs of installed plugins (see
    :func:`installed_packs`), found afresh on each call; a plugin pack whose name is already in
    the bank is skipped with a :class:`PluginWarning`.

    Raises:
        ValidationError: ``language`` is not a language tag.
    """
    if not plugins:
        if language is None:
            return _bundled_bank()
        # One cached bank per tag, however it was spelled ("es_mx", "es-MX").
        return _bundled_bank(_language_tag(language))
    bank = _bundled_bank() if language is None else _bundled_bank().translated(language)
    from intimacy.packs.plugins import PluginWarning, installed_packs  # noqa: PLC0415

    holders = dict(bank._sources)  # every pack's name, without building the bundled packs
    added: list[tuple[Pack | Translation, str]] = []
    for found in installed_packs():
        holder = holders.get(found.pack.name)
        if holder is not None:
            import warnings  # noqa: PLC0415

            from intimacy.model.errors import PackError  # noqa: PLC0415

            err = PackError([_name_taken(found.pack.name, found.source, holder)])
            warnings.warn(f"skipped {found.source}: {err}", PluginWarning, stacklevel=2)
            continue
        holders[found.pack.name] = found.source
        added.append((found.pack, found.source))
    return bank._with_each(added)  # one index for every plugin pack, not one per pack


def bank_with(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    plugins: bool = False,
    replace: bool = False,
    language: str | None = None,
) -> Bank:
    """The default bank plus the packs in ``paths`` (files, or folders of pack files).

    Translation packs among them are added too; ``language`` is as for :func:`default_bank`.
    The packs are added in order, as one :meth:`Bank.with_packs` call per file would add them
    (a later pack takes the place of an earlier one of its name only with ``replace``), but
    the bank is built once: a folder of ``n`` packs loads in time linear in ``n``. Each pack's
    :meth:`Bank.source` is its file. An empty path is skipped (see
    :func:`intimacy.packs.files.expand_paths`).

    Raises:
        PackError: a pack cannot be loaded, or its name is taken and ``replace`` is false; the
            error lists every problem in every file.
    """
    from intimacy.packs.files import expand_paths, load_files, shown_path  # noqa: PLC0415

    bank = default_bank(plugins=plugins, language=language)
    found = load_files(expand_paths(paths))
    # One bank for every file: adding them one by one would index the bank once per file.
    return bank._with_each(((pack, shown_path(file)) for pack, file in found), replace=replace)


def _shown_in(filters: Filters) -> Bank:
    """The default bank, shown in the ``language`` taken out of a shortcut's ``filters``.

    On the shortcuts ``language`` chooses the language items are shown in; it does not filter.
    """
    language = filters.pop("language", None)
    if language is not None and not isinstance(language, str):
        from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415

        reason = "language= on a shortcut is the one language to show items in, such as 'es'"
        raise ArgumentTypeError(f"{reason}, not {type(language).__name__}")
    return default_bank(language=language)


def random_prompt(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Prompt:
    """A prompt from the default bank; see :meth:`Bank.random_prompt`.

    ``language`` (such as ``"es"``) shows the prompt in that language where a translation
    covers it: unlike the bank's filter of the same name, it never changes which prompt a seed
    picks (see :func:`default_bank`). ``exclude`` leaves ids out without moving a seeded pick
    that it does not name (see :meth:`Bank.random_prompt`).
    """
    return _shown_in(filters).random_prompt(seed=seed, rng=rng, **filters)


def random_exercise(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Exercise:
    """An exercise from the default bank; see :meth:`Bank.random_exercise`.

    ``language`` chooses the language it is shown in, as for :func:`random_prompt`.
    """
    return _shown_in(filters).random_exercise(seed=seed, rng=rng, **filters)


def references() -> Mapping[str, Reference]:
    """The research table of the default bank: each key with its full citation."""
    return default_bank().references()


def languages() -> tuple[Coverage, ...]:
    """The languages the bundled bank can be shown in, each with its coverage.

    >>> import intimacy
    >>> english = intimacy.languages()[0]
    >>> english.language, english.share
    ('en', 1.0)
    """
    return default_bank().languages()


def daily(date: datetime.date | str, *, key: int | str = "", **filters: Unpack[Filters]) -> Prompt:
    """The prompt of the day from the default bank; see :meth:`Bank.daily`.

    ``language`` chooses the language it is shown in, as for :func:`random_prompt`: the same
    key and date give the same prompt in every language.
    """
    return _shown_in(filters).daily(date, key=key, **filters)


def plan(
    minutes: int,
    *,
    seed: int | str | None = None,
    moods: Sequence[Mood | str] | None = None,
    **filters: Unpack[Filters],
) -> Plan:
    """A time-boxed session from the default bank; see :meth:`Bank.plan`.

    ``language`` chooses the language its items are shown in, as for :func:`random_prompt`.
    """
    return _shown_in(filters).plan(minutes, seed=seed, moods=moods, **filters)
