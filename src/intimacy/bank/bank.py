"""The bank: an immutable, indexed collection of packs, and queries over it."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack

from intimacy.bank.select import Query, choose
from intimacy.model.errors import (
    NoMatchError,
    PackError,
    Problem,
    RetiredIdError,
    UnknownIdError,
    closest,
)
from intimacy.model.models import Exercise, Prompt

if TYPE_CHECKING:
    import datetime
    import random
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from intimacy.model.models import Pack, Reference
    from intimacy.model.translations import Coverage, Translation
    from intimacy.model.types import Filters
    from intimacy.model.vocab import Mood
    from intimacy.sessions.plan import Plan

__all__ = ["Bank"]

_Item = TypeVar("_Item", Prompt, Exercise)
_CACHE_SIZE = 1024


class _Index(Generic[_Item]):
    """Items sorted by id, with posting lists by practice, mood and depth."""

    def __init__(self, items: Iterable[_Item]) -> None:
        self.items: tuple[_Item, ...] = tuple(sorted(items, key=lambda item: item.id))
        postings: dict[object, list[int]] = defaultdict(list)
        for position, item in enumerate(self.items):
            postings[item.practice].append(position)
            postings[item.depth].append(position)
            for mood in item.moods:
                postings[mood].append(position)
        self._postings = {key: tuple(value) for key, value in postings.items()}
        self.select: Callable[[Query], tuple[_Item, ...]] = functools.lru_cache(
            maxsize=_CACHE_SIZE
        )(self._select)

    def _candidates(self, keys: frozenset[Any] | None) -> tuple[int, ...] | None:
        if keys is None:
            return None
        if len(keys) == 1:
            return self._postings.get(next(iter(keys)), ())
        return tuple(sorted({p for key in keys for p in self._postings.get(key, ())}))

    def matching(self, query: Query) -> tuple[_Item, ...]:
        """The items ``query`` keeps, sorted by id.

        ``exclude`` is applied after the cached selection, so that a per-user history does not
        fill the cache with near copies of one query.
        """
        found = self.select(query.without_exclude())
        if not query.exclude:
            return found
        return tuple(item for item in found if item.id not in query.exclude)

    def _select(self, query: Query) -> tuple[_Item, ...]:
        narrowed = [
            found
            for found in (
                self._candidates(query.practices),
                self._candidates(query.moods),
                self._candidates(query.depths),
            )
            if found is not None
        ]
        if narrowed:
            positions = min(narrowed, key=len)
            return tuple(self.items[p] for p in positions if query.matches(self.items[p]))
        return tuple(item for item in self.items if query.matches(item))


class Bank:
    """An immutable collection of packs, queried by filters.

    A bank never changes after it is made: :meth:`with_packs` returns a new one. Queries are
    cached, so one bank is safe and cheap to share between threads.
    """

    __slots__ = (
        "_by_id",
        "_exercises",
        "_language",
        "_packs",
        "_prompts",
        "_retired",
        "_sources",
        "_translations",
    )

    def __init__(
        self,
        packs: Iterable[Pack | Translation] = (),
        *,
        sources: Mapping[str, str] | None = None,
        language: str | None = None,
    ) -> None:
        """Make a bank of ``packs``; ``sources`` says where each came from, by pack name.

        ``packs`` may hold translation packs (:class:`Translation`) too. With ``language``,
        items are shown in that language where a translation covers them (see
        :meth:`translated`); without, as their packs wrote them.

        Raises:
            PackError: two packs have the same name.
            ValidationError: ``language`` is not a language tag.
        """
        from intimacy.model.translations import (  # noqa: PLC0415 - a cycle: they import the models
            Translation,
            apply_translation,
            matches,
            translator,
        )

        given_packs = tuple(packs)
        self._packs = tuple(p for p in given_packs if not isinstance(p, Translation))
        self._translations = tuple(p for p in given_packs if isinstance(p, Translation))
        self._language = None if language is None else _language_tag(language)
        given = sources or {}
        self._sources: dict[str, str] = {}
        for pack in given_packs:
            source = given.get(pack.name, "given")
            if pack.name in self._sources:
                raise PackError([_name_taken(pack.name, source, self._sources[pack.name])])
            self._sources[pack.name] = source
        words = translator(self._translations, self._language)

        def shown(item: _Item) -> _Item:
            found = words.get(item.id)
            if found is None or not matches(item, found[1]):
                return item
            return apply_translation(item, found[1], found[0])  # type: ignore[return-value]

        self._prompts = _Index(shown(p) for pack in self._packs for p in pack.prompts)
        self._exercises = _Index(shown(e) for pack in self._packs for e in pack.exercises)
        self._by_id: dict[str, Prompt | Exercise] = {p.id: p for p in self._prompts.items}
        self._by_id.update((e.id, e) for e in self._exercises.items)
        self._retired: dict[str, str] = {
            old: new for pack in self._packs for old, new in pack.retired.items()
        }

    def __repr__(self) -> str:
        names = ", ".join(pack.name for pack in self._packs)
        translations = ", ".join(t.name for t in self._translations)
        extra = f" translations=[{translations}]" if translations else ""
        extra += f" language={self._language!r}" if self._language else ""
        return (
            f"<Bank packs=[{names}]{extra} prompts={len(self._prompts.items)} "
            f"exercises={len(self._exercises.items)}>"
        )

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the natural name
        return id in self._by_id

    def _every(self) -> tuple[Pack | Translation, ...]:
        return (*self._packs, *self._translations)

    @property
    def packs(self) -> tuple[Pack, ...]:
        """The packs in the bank, in the order they were added, as their authors wrote them."""
        return self._packs

    @property
    def translations(self) -> tuple[Translation, ...]:
        """The translation packs in the bank, in the order they were added."""
        return self._translations

    @property
    def language(self) -> str | None:
        """The language items are shown in where a translation allows, or ``None``."""
        return self._language

    def translated(self, language: str | None) -> Bank:
        """A copy of the bank with its items shown in ``language`` where translations allow.

        Each item goes through a fallback chain, item by item: ``es-MX``, then ``es``, then the
        item's own language. An item keeps its id, practice, moods, minutes and depth, so the
        same seed picks the same item in every language; ``item.language`` says which language
        it is shown in. ``None`` shows every item as its pack wrote it.

        >>> import intimacy
        >>> english = intimacy.default_bank()
        >>> spanish = english.translated("es-MX")
        >>> spanish.random_prompt(seed=1).id == english.random_prompt(seed=1).id
        True
        >>> spanish.language
        'es-MX'

        Raises:
            ValidationError: ``language`` is not a language tag such as ``"es"`` or ``"pt-BR"``.
        """
        return Bank(self._every(), sources=self._sources, language=language)

    def languages(self) -> tuple[Coverage, ...]:
        """Each language the bank can show, with how many items it covers, sorted by tag.

        The languages are those of the packs and of the translation packs; an item counts for
        a language when :meth:`translated` would show it in that language (or one it falls
        back to from there, such as ``es`` for ``es-MX``).
        """
        from intimacy.model.translations import coverage  # noqa: PLC0415

        tags = {p.language for p in self._packs} | {t.language for t in self._translations}
        sources: list[Prompt | Exercise] = [item for pack in self._packs for item in pack.prompts]
        sources.extend(item for pack in self._packs for item in pack.exercises)
        return tuple(
            coverage(sources, self._translations, tag) for tag in sorted(tags, key=str.lower)
        )

    def source(self, name: str) -> str:
        """Where the pack called ``name`` came from: ``"bundled"``, a file, or a plugin.

        Raises:
            KeyError: no pack has that name.
        """
        return self._sources[name]

    def with_packs(
        self, *packs: Pack | Translation, replace: bool = False, source: str = "given"
    ) -> Bank:
        """A new bank with ``packs`` added (from ``source``); this bank is unchanged.

        ``packs`` may be translation packs; the new bank keeps this one's :attr:`language`.

        Raises:
            PackError: a pack has the name of one already in the bank, and ``replace`` is false
                (with ``replace=True`` the new pack takes the old one's place).
        """
        if not replace:
            taken = [
                _name_taken(pack.name, source, self._sources[pack.name])
                for pack in packs
                if pack.name in self._sources
            ]
            if taken:
                raise PackError(taken)
        new = {pack.name for pack in packs}
        kept = [pack for pack in self._every() if pack.name not in new]
        sources = {**self._sources, **dict.fromkeys(new, source)}
        return Bank([*kept, *packs], sources=sources, language=self._language)

    def _with_each(
        self, found: Iterable[tuple[Pack | Translation, str]], *, replace: bool = False
    ) -> Bank:
        """A new bank with each pack added after the other, each from its own source.

        The same bank as calling :meth:`with_packs` once per pack, in order (a pack replaces an
        earlier one of its name only with ``replace``, and moves to the end), built once: adding
        ``n`` packs costs one index of the result, not ``n``. Unlike those calls, it reports
        every name clash, not only the first.

        Raises:
            PackError: a pack has the name of one before it (in the bank or in ``found``), and
                ``replace`` is false.
        """
        given = tuple(found)
        if not given:
            return self
        packs: dict[str, Pack | Translation] = {pack.name: pack for pack in self._every()}
        sources = dict(self._sources)
        taken: list[Problem] = []
        for pack, source in given:
            if pack.name in sources and not replace:
                taken.append(_name_taken(pack.name, source, sources[pack.name]))
                continue
            packs.pop(pack.name, None)  # a replaced pack leaves its place: the new one is last
            packs[pack.name] = pack
            sources[pack.name] = source
        if taken:
            raise PackError(taken)
        return Bank(packs.values(), sources=sources, language=self._language)

    def prompts(self, **filters: Unpack[Filters]) -> tuple[Prompt, ...]:
        """Every prompt matching the filters (and not in ``exclude``), sorted by id.

        Raises:
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return self._prompts.matching(Query.build(**filters))

    def exercises(self, **filters: Unpack[Filters]) -> tuple[Exercise, ...]:
        """Every exercise matching the filters (and not in ``exclude``), sorted by id.

        Raises:
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return self._exercises.matching(Query.build(**filters))

    def random_prompt(
        self,
        *,
        seed: int | str | None = None,
        rng: random.Random | None = None,
        **filters: Unpack[Filters],
    ) -> Prompt:
        """One prompt matching the filters; the same seed gives the same prompt everywhere.

        ``exclude`` (one id or several, such as an app's history) leaves those prompts out
        without moving the pick: excluding ids other than the one a seed picks never changes
        it, and an excluded pick gives way to another the seed decides. Ids the bank does not
        hold are ignored.

        Raises:
            NoMatchError: no prompt matches (or every match is excluded); the error names the
                filters.
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return _pick("prompt", self._prompts, filters, seed, rng)

    def random_exercise(
        self,
        *,
        seed: int | str | None = None,
        rng: random.Random | None = None,
        **filters: Unpack[Filters],
    ) -> Exercise:
        """One exercise matching the filters; the same seed gives the same one everywhere.

        ``exclude`` works as for :meth:`random_prompt`.

        Raises:
            NoMatchError: no exercise matches (or every match is excluded); the error names
                the filters.
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return _pick("exercise", self._exercises, filters, seed, rng)

    def get(self, id: str) -> Prompt | Exercise:  # noqa: A002 - the natural name
        """The prompt or exercise with this id.

        Raises:
            RetiredIdError: the id was retired by its pack; the error's ``replaced_by`` is the
                id of the item that took its place.
            UnknownIdError: no item has this id; the error suggests the closest one.
        """
        try:
            return self._by_id[id]
        except KeyError:
            if id in self._retired:
                raise RetiredIdError(id, self._retired[id]) from None
            raise UnknownIdError(id, closest(str(id), self._by_id)) from None

    @property
    def retired(self) -> Mapping[str, str]:
        """Every retired id of the bank's packs, with the id that replaced it.

        An app that stored ids (favorites, a history) can move them forward in one pass:

        >>> import intimacy
        >>> bank = intimacy.default_bank()
        >>> all(new in bank for new in bank.retired.values())
        True
        """
        from types import MappingProxyType  # noqa: PLC0415

        return MappingProxyType(self._retired)

    def references(self) -> Mapping[str, Reference]:
        """The research references of every pack, by key (a later pack wins a clash)."""
        return {ref.key: ref for pack in self._packs for ref in pack.references}

    def daily(
        self, date: datetime.date | str, *, key: int | str = "", **filters: Unpack[Filters]
    ) -> Prompt:
        """The prompt of the day: the same for the same key, date and filters on every device.

        ``date`` is a :class:`datetime.date` or ``"YYYY-MM-DD"``; ``key`` is shared by the
        couple (such as a pairing code) and gives them their own sequence. The days run in
        cycles as long as the number ``n`` of matching prompts: within a cycle no prompt
        repeats, and across cycles a prompt comes back no sooner than ``n // 2 + 1`` days later.
        Each call costs the same however many prompts match.

        ``exclude`` (one id or several) never changes a day whose prompt it does not name; a
        day whose prompt it names gets the next prompt of that cycle that is not excluded.

        Raises:
            NoMatchError: no prompt matches the filters (or every match is excluded).
            ValidationError: ``date`` is a string that is not ``YYYY-MM-DD``.
        """
        from intimacy.sessions.daily import daily_prompt  # noqa: PLC0415 - sessions load on first use

        return daily_prompt(self, date, key=key, **filters)

    def plan(
        self,
        minutes: int,
        *,
        seed: int | str | None = None,
        moods: Sequence[Mood | str] | None = None,
        **filters: Unpack[Filters],
    ) -> Plan:
        """A session that fits ``minutes``, as a :class:`intimacy.Plan`.

        A light warm-up, a middle that climbs in depth, and a closing appreciation. The total
        never passes ``minutes`` and fills at least 80% of it when the matching items allow.
        ``moods`` takes each partner's mood (see :func:`intimacy.suit`); an unpleasant mood
        makes the plan gentle: no deep items and none over 10 minutes. A plan never holds an
        id in ``exclude``; the rest keep their seeded order, so a plan changes only where the
        excluded items were or where the time no longer fits the same way.

        Raises:
            NoMatchError: no item matches (or fits the time).
            ValidationError: ``minutes`` is not from 1 to 600.
        """
        from intimacy.sessions.plan import build_plan  # noqa: PLC0415 - sessions load on first use

        return build_plan(self, minutes, seed=seed, moods=moods, **filters)


def _language_tag(language: object) -> str:
    """``language`` as a tag in its usual form (``es_mx`` and ``es-mx`` become ``es-MX``)."""
    import re  # noqa: PLC0415

    from intimacy.model.errors import ValidationError  # noqa: PLC0415
    from intimacy.model.models import LANGUAGE_PATTERN  # noqa: PLC0415

    if not isinstance(language, str):
        raise ValidationError([("language", f"must be a string, not {type(language).__name__}")])
    parts = language.replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
    if not re.fullmatch(LANGUAGE_PATTERN, tag) or len(tag) > 20:
        reason = f"{language!r} is not a language tag such as 'es' or 'pt-BR'"
        raise ValidationError([("language", reason)])
    return tag


def _name_taken(name: str, source: str, holder: str) -> Problem:
    """The problem of a pack from ``source`` whose name the pack from ``holder`` has."""
    return Problem(
        source,
        "pack.name",
        f"a pack named {name!r} is already in the bank (from {holder}); rename this pack or "
        "ask to replace the other",
    )


def _pick(
    kind: str,
    index: _Index[_Item],
    filters: Mapping[str, object],
    seed: int | str | None,
    rng: random.Random | None,
) -> _Item:
    """A seeded (or random) choice from the items ``filters`` keep, skipping ``exclude``."""
    query = Query.build(**filters)
    found = choose(index.select(query.without_exclude()), seed=seed, rng=rng, exclude=query.exclude)
    if found is None:
        raise NoMatchError(kind, filters)
    return found
