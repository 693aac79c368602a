"""The default bank of bundled packs, and one-line shortcuts over it."""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Unpack

from intimacy._bank import Bank
from intimacy._errors import PackError

if TYPE_CHECKING:
    import datetime
    import os
    import random
    from collections.abc import Iterable, Mapping, Sequence

    from intimacy._models import Exercise, Pack, Prompt, Reference
    from intimacy._plan import Plan
    from intimacy._types import Filters
    from intimacy._vocab import Mood

__all__ = [
    "bank_with",
    "bundled_packs",
    "bundled_sources",
    "daily",
    "default_bank",
    "plan",
    "random_exercise",
    "random_prompt",
    "references",
]

_DATA_PACKAGE = "intimacy.data"


@functools.cache
def _bundled_files() -> tuple[tuple[str, Pack], ...]:
    """Each bundled pack file's name with its pack, sorted by name, read once."""
    import json  # noqa: PLC0415 - only when the data is first needed
    from importlib.resources import files  # noqa: PLC0415

    from intimacy._packs import pack_from_trusted_data  # noqa: PLC0415

    folder = files(_DATA_PACKAGE)
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
    return tuple(
        (entry.name, pack_from_trusted_data(json.loads(entry.read_bytes()))) for entry in entries
    )


@functools.cache
def bundled_packs() -> tuple[Pack, ...]:
    """The packs shipped inside the package, read (once) through ``importlib.resources``.

    Every ``.json`` file in ``intimacy/data`` is a pack. They are built without the strict
    loader (see :func:`intimacy._packs.pack_from_trusted_data`); the tests prove the strict
    loader accepts each of them and builds the same packs.
    """
    return tuple(pack for _, pack in _bundled_files())


def bundled_sources() -> dict[str, str]:
    """The file of each bundled pack inside the package, by pack name (``intimacy/data/...``)."""
    return {pack.name: f"intimacy/data/{name}" for name, pack in _bundled_files()}


@functools.cache
def _bundled_bank() -> Bank:
    return Bank(
        bundled_packs(), sources=dict.fromkeys((p.name for p in bundled_packs()), "bundled")
    )


def default_bank(*, plugins: bool = False) -> Bank:
    """The bank of bundled packs, loaded on first call and then shared (it is immutable).

    With ``plugins=True`` it also holds the packs of installed plugins (see
    :func:`installed_packs`), found afresh on each call; a plugin pack whose name is already in
    the bank is skipped with a :class:`PluginWarning`.
    """
    bank = _bundled_bank()
    if not plugins:
        return bank
    from intimacy._plugins import PluginWarning, installed_packs  # noqa: PLC0415

    for found in installed_packs():
        try:
            bank = bank.with_packs(found.pack, source=found.source)
        except PackError as err:
            warnings.warn(f"skipped {found.source}: {err}", PluginWarning, stacklevel=2)
    return bank


def bank_with(
    paths: Iterable[str | os.PathLike[str]] = (), *, plugins: bool = False, replace: bool = False
) -> Bank:
    """The default bank plus the packs in ``paths`` (files, or folders of pack files).

    Raises:
        PackError: a pack cannot be loaded, or its name is taken and ``replace`` is false; the
            error lists every problem in every file.
    """
    from intimacy._packs import expand_paths, load_files  # noqa: PLC0415

    bank = default_bank(plugins=plugins)
    for pack, source in load_files(expand_paths(paths)):
        bank = bank.with_packs(pack, replace=replace, source=str(source))
    return bank


def random_prompt(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Prompt:
    """A prompt from the default bank; see :meth:`Bank.random_prompt`."""
    return default_bank().random_prompt(seed=seed, rng=rng, **filters)


def random_exercise(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Exercise:
    """An exercise from the default bank; see :meth:`Bank.random_exercise`."""
    return default_bank().random_exercise(seed=seed, rng=rng, **filters)


def references() -> Mapping[str, Reference]:
    """The research table of the default bank: each key with its full citation."""
    return default_bank().references()


def daily(date: datetime.date | str, *, key: int | str = "", **filters: Unpack[Filters]) -> Prompt:
    """The prompt of the day from the default bank; see :meth:`Bank.daily`."""
    return default_bank().daily(date, key=key, **filters)


def plan(
    minutes: int,
    *,
    seed: int | str | None = None,
    moods: Sequence[Mood | str] | None = None,
    **filters: Unpack[Filters],
) -> Plan:
    """A time-boxed session from the default bank; see :meth:`Bank.plan`."""
    return default_bank().plan(minutes, seed=seed, moods=moods, **filters)
