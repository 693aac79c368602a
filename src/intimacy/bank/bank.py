"""The bank: an immutable, indexed collection of packs, and queries over it."""

from __future__ import annotations

from intimacy.bank.choice import choose
from intimacy.bank.index import _Index
from intimacy.bank.select import Query
from intimacy.model.hints import overload

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    import datetime
    import random
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Literal, Unpack

    from intimacy.bank.compiled import Bundled
    from intimacy.bank.index import Selection, _Item
    from intimacy.model.errors import Problem
    from intimacy.model.models import Exercise, Pack, Prompt, Reference
    from intimacy.model.translations import Coverage, Translation
    from intimacy.model.types import Filters
    from intimacy.model.views import ReferenceView
    from intimacy.model.vocab import Mood
    from intimacy.sessions.plan import Plan

__all__ = ["Bank"]


class Bank:
    """An immutable collection of packs, queried by filters.

    A bank never changes after it is made: :meth:`with_packs` returns a new one. Queries are
    cached, so one bank is safe and cheap to share between threads.
    """

    __slots__ = (
        "_exercises",
        "_language",
        "_origin",
        "_packs",
        "_prompts",
        "_retired",
        "_sources",
        "_tags",
        "_translation_names",
        "_translations",
    )

    _prompts: _Index[Prompt] | None
    _exercises: _Index[Exercise] | None
    _retired: dict[str, str] | None
    _packs: tuple[Pack, ...] | None
    _translations: tuple[Translation, ...] | None
    _origin: Bundled | None

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
        own = tuple(p for p in given_packs if not isinstance(p, Translation))
        translations = tuple(p for p in given_packs if isinstance(p, Translation))
        language = None if language is None else _language_tag(language)
        given = sources or {}
        names: dict[str, str] = {}
        for pack in given_packs:
            source = given.get(pack.name, "given")
            if pack.name in names:
                from intimacy.model.errors import PackError  # noqa: PLC0415 - failures only

                raise PackError([_name_taken(pack.name, source, names[pack.name])])
            names[pack.name] = source
        words = translator(translations, language)

        def shown(item: _Item) -> _Item:
            found = words.get(item.id)
            if found is None or not matches(item, found[1]):
                return item
            return apply_translation(item, found[1], found[0])  # type: ignore[return-value]

        self._setup(
            prompts=_Index(shown(p) for pack in own for p in pack.prompts),
            exercises=_Index(shown(e) for pack in own for e in pack.exercises),
            sources=names,
            retired={old: new for pack in own for old, new in pack.retired.items()},
            tags=frozenset(pack.language.lower() for pack in given_packs),
            translation_names=tuple(t.name for t in translations),
            language=language,
        )
        self._packs, self._translations, self._origin = own, translations, None

    @classmethod
    def _compiled(
        cls,
        origin: Bundled,
        *,
        sources: dict[str, str],
        tags: frozenset[str],
        translation_names: tuple[str, ...],
        language: str | None,
    ) -> Bank:
        """A bank of the compiled bundled packs: no model is built until one is handed out.

        Its indexes, retired ids, packs and translation packs come from ``origin`` when first
        needed.
        """
        bank = cls.__new__(cls)
        bank._setup(
            prompts=None,
            exercises=None,
            sources=sources,
            retired=None,
            tags=tags,
            translation_names=translation_names,
            language=language,
        )
        bank._packs, bank._translations, bank._origin = None, None, origin
        return bank

    def _setup(
        self,
        *,
        prompts: _Index[Prompt] | None,
        exercises: _Index[Exercise] | None,
        sources: dict[str, str],
        retired: dict[str, str] | None,
        tags: frozenset[str],
        translation_names: tuple[str, ...],
        language: str | None,
    ) -> None:
        self._prompts = prompts
        self._exercises = exercises
        self._sources = sources
        self._retired = retired
        self._tags = tags
        self._translation_names = translation_names
        self._language = language

    def __repr__(self) -> str:
        names = ", ".join(name for name in self._sources if name not in self._translation_names)
        translations = ", ".join(self._translation_names)
        extra = f" translations=[{translations}]" if translations else ""
        extra += f" language={self._language!r}" if self._language else ""
        return (
            f"<Bank packs=[{names}]{extra} prompts={len(self._index('prompt'))} "
            f"exercises={len(self._index('exercise'))}>"
        )

    def __len__(self) -> int:
        return len(self._index("prompt")) + len(self._index("exercise"))

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the natural name
        return id in self._index("prompt").where or id in self._index("exercise").where

    def _every(self) -> tuple[Pack | Translation, ...]:
        return (*self.packs, *self.translations)

    def _languages_held(self) -> frozenset[str]:
        """The languages (in lowercase) of the bank's packs and translation packs."""
        return self._tags

    @property
    def packs(self) -> tuple[Pack, ...]:
        """The packs in the bank, in the order they were added, as their authors wrote them."""
        if self._packs is None:  # the bundled bank builds its packs when first asked
            assert self._origin is not None  # noqa: S101 - set with the compiled bank
            self._packs = self._origin.packs()
        return self._packs

    @property
    def translations(self) -> tuple[Translation, ...]:
        """The translation packs in the bank, in the order they were added."""
        if self._translations is None:
            assert self._origin is not None  # noqa: S101 - set with the compiled bank
            self._translations = self._origin.translations()
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
        if self._origin is not None:  # the bundled bank: compiled once for each language
            return self._origin.bank(None if language is None else _language_tag(language))
        return Bank(self._every(), sources=self._sources, language=language)

    def languages(self) -> tuple[Coverage, ...]:
        """Each language the bank can show, with how many items it covers, sorted by tag.

        The languages are those of the packs and of the translation packs; an item counts for
        a language when :meth:`translated` would show it in that language (or one it falls
        back to from there, such as ``es`` for ``es-MX``).
        """
        from intimacy.model.translations import coverage  # noqa: PLC0415

        packs, translations = self.packs, self.translations
        tags = {p.language for p in packs} | {t.language for t in translations}
        sources: list[Prompt | Exercise] = [item for pack in packs for item in pack.prompts]
        sources.extend(item for pack in packs for item in pack.exercises)
        return tuple(coverage(sources, translations, tag) for tag in sorted(tags, key=str.lower))

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
                from intimacy.model.errors import PackError  # noqa: PLC0415 - failures only

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
            from intimacy.model.errors import PackError  # noqa: PLC0415 - failures only

            raise PackError(taken)
        return Bank(packs.values(), sources=sources, language=self._language)

    def prompts(self, **filters: Unpack[Filters]) -> tuple[Prompt, ...]:
        """Every prompt matching the filters (and not in ``exclude``), sorted by id.

        Raises:
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return self._index("prompt").matching(Query.build(**filters))

    def exercises(self, **filters: Unpack[Filters]) -> tuple[Exercise, ...]:
        """Every exercise matching the filters (and not in ``exclude``), sorted by id.

        Raises:
            UnknownFilterError: a keyword is not a filter (it names the closest one).
        """
        return self._index("exercise").matching(Query.build(**filters))

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
        return self._index("prompt").item(self._pick("prompt", filters, seed, rng))

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
        return self._index("exercise").item(self._pick("exercise", filters, seed, rng))

    def get(self, id: str) -> Prompt | Exercise:  # noqa: A002 - the natural name
        """The prompt or exercise with this id.

        Raises:
            RetiredIdError: the id was retired by its pack; the error's ``replaced_by`` is the
                id of the item that took its place.
            UnknownIdError: no item has this id; the error suggests the closest one.
        """
        kind, position = self._find(id)
        return self._index(kind).item(position)

    @overload
    def _index(self, kind: Literal["prompt"]) -> _Index[Prompt]: ...
    @overload
    def _index(self, kind: Literal["exercise"]) -> _Index[Exercise]: ...
    @overload
    def _index(self, kind: str) -> _Index[Prompt] | _Index[Exercise]: ...
    def _index(self, kind: str) -> _Index[Prompt] | _Index[Exercise]:
        """The index of ``"prompt"`` or ``"exercise"`` items (the bundled bank's, on first use)."""
        if kind == "prompt":
            if self._prompts is None:
                assert self._origin is not None  # noqa: S101 - set with the compiled bank
                self._prompts = self._origin.index("prompt", self._language)
            return self._prompts
        if self._exercises is None:
            assert self._origin is not None  # noqa: S101 - set with the compiled bank
            self._exercises = self._origin.index("exercise", self._language)
        return self._exercises

    def _retired_ids(self) -> dict[str, str]:
        if self._retired is None:
            assert self._origin is not None  # noqa: S101 - set with the compiled bank
            self._retired = self._origin.retired()
        return self._retired

    def _find(self, id: str) -> tuple[str, int]:  # noqa: A002 - as for get
        """The kind and the position in its index of the item with this id (see :meth:`get`)."""
        for kind in ("prompt", "exercise"):
            position = self._index(kind).where.get(id)
            if position is not None:
                return kind, position
        from intimacy.model.errors import RetiredIdError, UnknownIdError, closest  # noqa: PLC0415

        retired = self._retired_ids()
        if id in retired:
            raise RetiredIdError(id, retired[id])
        every = [*self._index("prompt").where, *self._index("exercise").where]
        raise UnknownIdError(id, closest(str(id), every))

    def _pick(
        self,
        kind: str,
        filters: Mapping[str, object],
        seed: int | str | None,
        rng: random.Random | None,
    ) -> int:
        """The position of a seeded (or random) choice from the ``kind`` items ``filters`` keep.

        ``exclude`` is skipped, as :func:`~intimacy.bank.choice.choose` says.

        Raises:
            NoMatchError: nothing matches, or everything that does is excluded.
        """
        query = Query.build(**filters)
        found = self._selection(kind, query)
        place = choose(found.ids, seed=seed, rng=rng, exclude=query.exclude)
        if place is None:
            from intimacy.model.errors import NoMatchError  # noqa: PLC0415 - failures only

            raise NoMatchError(kind, filters)
        return found.positions[place]

    def _selection(self, kind: str, query: Query) -> Selection:
        """The positions and ids of the ``kind`` items ``query`` keeps (``exclude`` aside)."""
        return self._index(kind).select(query.without_exclude())

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

        return MappingProxyType(self._retired_ids())

    def references(self) -> Mapping[str, Reference]:
        """The research references of every pack, by key (a later pack wins a clash)."""
        if self._packs is None and self._origin is not None:
            return self._origin.references()  # without building every pack
        return {ref.key: ref for pack in self.packs for ref in pack.references}

    def _reference_views(self) -> Mapping[str, Reference | ReferenceView]:
        """:meth:`references`, as lightweight views where no reference model is built yet."""
        if self._packs is None and self._origin is not None:
            return self._origin.reference_views()
        return self.references()

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

    from intimacy.model.languages import LANGUAGE_PATTERN  # noqa: PLC0415

    if not isinstance(language, str):
        from intimacy.model.errors import ValidationError  # noqa: PLC0415 - failures only

        raise ValidationError([("language", f"must be a string, not {type(language).__name__}")])
    parts = language.replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
    if not re.fullmatch(LANGUAGE_PATTERN, tag) or len(tag) > 20:
        from intimacy.model.errors import ValidationError  # noqa: PLC0415 - failures only

        reason = f"{language!r} is not a language tag such as 'es' or 'pt-BR'"
        raise ValidationError([("language", reason)])
    return tag


def _name_taken(name: str, source: str, holder: str) -> Problem:
    """The problem of a pack from ``source`` whose name the pack from ``holder`` has."""
    from intimacy.model.errors import Problem  # noqa: PLC0415 - failures only

    return Problem(
        source,
        "pack.name",
        f"a pack named {name!r} is already in the bank (from {holder}); rename this pack or "
        "ask to replace the other",
    )
