"""Filters: keyword filters normalised into a query, and the items of a bank that a query keeps.

A filter takes one value or several; several mean "any of these". ``tags`` and ``topics`` keep
items with at least one of the given values, ``exclude_tags`` and ``exclude_topics`` drop items
with any of them, and ``exclude`` drops the items with the given ids.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from intimacy.model.hints import cast
from intimacy.model.vocab import Depth, Mood, Practice, Topic

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _T = TypeVar("_T")

__all__ = ["COLUMNS", "FILTER_NAMES", "Columns", "Query"]

# Query's fields under the names of the keyword filters they come from.
_FILTER_NAMES = {
    "practices": "practice",
    "moods": "mood",
    "depths": "depth",
    "languages": "language",
}


def _several(parse: Callable[[object], _T], value: object) -> frozenset[_T] | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) or not isinstance(value, Iterable):
        return frozenset({parse(value)})
    return frozenset(parse(item) for item in value)


def _lowercase(what: str) -> Callable[[object], str]:
    """A parser of strings such as tags and language tags, which compare in lowercase."""

    def parse(value: object) -> str:
        if not isinstance(value, str):
            from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

            raise ArgumentTypeError(f"a {what} must be a string, not {type(value).__name__}")
        return value.strip().lower()

    return parse


_tag = _lowercase("tag")
_language = _lowercase("language")


def _id(value: object) -> str:
    if not isinstance(value, str):
        from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

        raise ArgumentTypeError(f"an id to exclude must be a string, not {type(value).__name__}")
    return value


def _bound(name: str, value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

        raise ArgumentTypeError(f"{name} must be a whole number, not {type(value).__name__}")
    return value


class Columns:
    """What selection reads of a bank's items: one tuple per field, each in the same order.

    Position ``p`` of every column describes the same item. The ids are given; every other
    column is read by ``read`` (given the column's name) the first time a query needs it, so a
    query that filters on one field reads one column. A vocabulary value may be its member or
    its plain slug (the bundled bank's columns hold the slugs read from its files): members are
    their slugs, so the two compare and hash alike.
    """

    __slots__ = ("_found", "_read", "ids")

    def __init__(self, ids: tuple[str, ...], read: Callable[[str], tuple[Any, ...]]) -> None:
        self.ids = ids
        self._read = read
        self._found: dict[str, tuple[Any, ...]] = {}

    def _column(self, name: str) -> tuple[Any, ...]:
        found = self._found.get(name)
        if found is None:  # two threads may both read a column: they read the same
            found = self._found.setdefault(name, self._read(name))
        return found

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def practices(self) -> tuple[str, ...]:
        """Each item's practice."""
        return self._column("practices")

    @property
    def moods(self) -> tuple[frozenset[str], ...]:
        """Each item's moods."""
        return self._column("moods")

    @property
    def minutes(self) -> tuple[int, ...]:
        """Each item's minutes."""
        return self._column("minutes")

    @property
    def depths(self) -> tuple[int, ...]:
        """Each item's depth."""
        return self._column("depths")

    @property
    def tags(self) -> tuple[frozenset[str], ...]:
        """Each item's tags."""
        return self._column("tags")

    @property
    def topics(self) -> tuple[frozenset[str], ...]:
        """Each item's topics."""
        return self._column("topics")

    @property
    def languages(self) -> tuple[str, ...]:
        """The language each item is shown in."""
        return self._column("languages")

    def row(self, position: int) -> tuple[object, ...]:
        """Each column's value at ``position``: id, practice, moods, minutes, depth, and so on."""
        return (
            self.ids[position],
            *(self._column(name)[position] for name in COLUMNS),
        )

    def with_languages(self, languages: tuple[str, ...]) -> Columns:
        """The same columns with other languages (items shown in another language)."""
        return Columns(
            self.ids, lambda name: languages if name == "languages" else self._column(name)
        )


#: The columns besides the ids, in order.
COLUMNS = ("practices", "moods", "minutes", "depths", "tags", "topics", "languages")


#: Query's fields, in order.
_FIELDS = (
    "practices",
    "moods",
    "min_minutes",
    "max_minutes",
    "depths",
    "max_depth",
    "tags",
    "exclude_tags",
    "topics",
    "exclude_topics",
    "languages",
    "exclude",
)


class Query(tuple[object, ...]):
    """Normalised filters: ``None`` means "any". Immutable and hashable, so queries are cached.

    A tuple of its fields, in the order of the constructor's arguments: two queries are equal
    when every field is. :meth:`build` makes one from keyword filters.
    """

    __slots__ = ()

    def __new__(
        cls,
        *,
        practices: frozenset[Practice] | None = None,
        moods: frozenset[Mood] | None = None,
        min_minutes: int | None = None,
        max_minutes: int | None = None,
        depths: frozenset[Depth] | None = None,
        max_depth: Depth | None = None,
        tags: frozenset[str] | None = None,
        exclude_tags: frozenset[str] = frozenset(),
        topics: frozenset[Topic] | None = None,
        exclude_topics: frozenset[Topic] = frozenset(),
        languages: frozenset[str] | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> Query:
        """The query of these normalised filters (see :meth:`build` for keyword filters)."""
        values = (
            practices,
            moods,
            min_minutes,
            max_minutes,
            depths,
            max_depth,
            tags,
            exclude_tags,
            topics,
            exclude_topics,
            languages,
            exclude,
        )
        return tuple.__new__(cls, values)

    def __repr__(self) -> str:
        given = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self, strict=True))
        return f"Query({given})"

    @property
    def practices(self) -> frozenset[Practice] | None:
        """Any of these practices, or ``None`` for any."""
        return cast("frozenset[Practice] | None", self[0])

    @property
    def moods(self) -> frozenset[Mood] | None:
        """Any of these moods."""
        return cast("frozenset[Mood] | None", self[1])

    @property
    def min_minutes(self) -> int | None:
        """At least this many minutes."""
        return cast("int | None", self[2])

    @property
    def max_minutes(self) -> int | None:
        """At most this many minutes."""
        return cast("int | None", self[3])

    @property
    def depths(self) -> frozenset[Depth] | None:
        """Any of these depths."""
        return cast("frozenset[Depth] | None", self[4])

    @property
    def max_depth(self) -> Depth | None:
        """No deeper than this."""
        return cast("Depth | None", self[5])

    @property
    def tags(self) -> frozenset[str] | None:
        """Any of these tags."""
        return cast("frozenset[str] | None", self[6])

    @property
    def exclude_tags(self) -> frozenset[str]:
        """None of these tags."""
        return cast("frozenset[str]", self[7])

    @property
    def topics(self) -> frozenset[Topic] | None:
        """Any of these topics."""
        return cast("frozenset[Topic] | None", self[8])

    @property
    def exclude_topics(self) -> frozenset[Topic]:
        """None of these topics."""
        return cast("frozenset[Topic]", self[9])

    @property
    def languages(self) -> frozenset[str] | None:
        """Any of these languages (``en`` also matches ``en-GB``)."""
        return cast("frozenset[str] | None", self[10])

    @property
    def exclude(self) -> frozenset[str]:
        """None of these ids."""
        return cast("frozenset[str]", self[11])

    @classmethod
    def build(cls, **filters: object) -> Query:
        """Normalise keyword filters.

        Raises:
            UnknownFilterError: a keyword is not a filter (a ``TypeError``), naming the closest.
            UnknownNameError: a practice, mood, depth or topic that does not exist.
            ArgumentTypeError: a value of the wrong type.
        """
        for name in filters:
            if name not in FILTER_NAMES:
                from intimacy.model.errors import UnknownFilterError, closest  # noqa: PLC0415

                suggestion = closest(name, (*FILTER_NAMES, *_OTHER_KEYWORDS))
                raise UnknownFilterError(name, FILTER_NAMES, suggestion)
        get = filters.get
        max_depth = get("max_depth")
        return cls(
            practices=_several(Practice.parse, get("practice")),
            moods=_several(Mood.parse, get("mood")),
            min_minutes=_bound("min_minutes", get("min_minutes")),
            max_minutes=_bound("max_minutes", get("max_minutes")),
            depths=_several(Depth.parse, get("depth")),
            max_depth=None if max_depth is None else Depth.parse(max_depth),
            tags=_several(_tag, get("tags")),
            exclude_tags=_several(_tag, get("exclude_tags")) or frozenset(),
            topics=_several(Topic.parse, get("topics")),
            exclude_topics=_several(Topic.parse, get("exclude_topics")) or frozenset(),
            languages=_several(_language, get("language")),
            exclude=_several(_id, get("exclude")) or frozenset(),
        )

    def without_exclude(self) -> Query:
        """These filters without ``exclude``: the set a seeded pick is made from."""
        if not self.exclude:
            return self
        return tuple.__new__(Query, (*self[:-1], frozenset()))

    def as_filters(self) -> dict[str, Any]:
        """These filters as JSON-ready keyword filters, which :meth:`build` reads back.

        Use them to query again: they are plain lists, where the filters given may have been
        iterators that one query used up. Unset filters are left out; an empty "any of" filter
        is kept, since it matches nothing.
        """
        plain: dict[str, Any] = {}
        for name, value in zip(_FIELDS, self, strict=True):
            if value is None or value == _DEFAULTS.get(name):
                continue
            shown: object = value
            if isinstance(value, frozenset):
                shown = sorted(
                    item.value if isinstance(item, enum.Enum) else item for item in value
                )
            elif isinstance(value, enum.Enum):
                shown = value.value
            plain[_FILTER_NAMES.get(name, name)] = shown
        return plain

    def keep(self, columns: Columns, positions: Iterable[int]) -> tuple[int, ...]:
        """The ``positions`` (in the order given) whose items satisfy every filter.

        Each filter that is set narrows the positions by one column, so an unset filter costs
        nothing (and its column is not even read).
        """
        kept = list(positions)
        if self.practices is not None:
            practices, wanted = columns.practices, self.practices
            kept = [p for p in kept if practices[p] in wanted]
        if self.moods is not None:
            moods, felt = columns.moods, self.moods
            kept = [p for p in kept if not felt.isdisjoint(moods[p])]
        if self.min_minutes is not None:
            minutes, least = columns.minutes, self.min_minutes
            kept = [p for p in kept if minutes[p] >= least]
        if self.max_minutes is not None:
            minutes, most = columns.minutes, self.max_minutes
            kept = [p for p in kept if minutes[p] <= most]
        if self.depths is not None:
            depths, deep = columns.depths, self.depths
            kept = [p for p in kept if depths[p] in deep]
        if self.max_depth is not None:
            depths, deepest = columns.depths, self.max_depth
            kept = [p for p in kept if depths[p] <= deepest]
        if self.tags is not None or self.exclude_tags:
            kept = _with_any(kept, columns.tags, self.tags, self.exclude_tags)
        if self.topics is not None or self.exclude_topics:
            kept = _with_any(kept, columns.topics, self.topics, self.exclude_topics)
        if self.languages is not None:
            languages, spoken = columns.languages, self.languages
            kept = [p for p in kept if _speaks(languages[p], spoken)]
        if self.exclude:
            ids, left_out = columns.ids, self.exclude
            kept = [p for p in kept if ids[p] not in left_out]
        return tuple(kept)


# The fields whose default is not None: the empty set, which filters nothing.
_DEFAULTS: dict[str, frozenset[str]] = dict.fromkeys(
    ("exclude_tags", "exclude_topics", "exclude"), frozenset()
)


def _with_any(
    kept: list[int],
    column: tuple[frozenset[str], ...],
    wanted: frozenset[Any] | None,
    unwanted: frozenset[Any],
) -> list[int]:
    """``kept`` narrowed to items with any of ``wanted`` (if set) and none of ``unwanted``."""
    if wanted is not None:
        kept = [p for p in kept if not wanted.isdisjoint(column[p])]
    if unwanted:
        kept = [p for p in kept if unwanted.isdisjoint(column[p])]
    return kept


#: The keyword filters every query takes, in the order the docs list them.
FILTER_NAMES = (
    "practice",
    "mood",
    "min_minutes",
    "max_minutes",
    "depth",
    "max_depth",
    "tags",
    "exclude_tags",
    "topics",
    "exclude_topics",
    "language",
    "exclude",
)
# Keywords the functions that take filters also take: suggested for a near miss.
_OTHER_KEYWORDS = ("seed", "rng", "key", "moods", "kind", "minutes")


def _speaks(language: str, wanted: frozenset[str]) -> bool:
    """``"en"`` matches ``en`` and ``en-GB``; ``"en-gb"`` matches only ``en-GB``."""
    tag = language.lower()
    return tag in wanted or tag.split("-", 1)[0] in wanted
