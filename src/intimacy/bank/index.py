"""The per-kind index of a bank: items sorted by id, the columns selection reads, and postings.

A bank keeps two indexes, one of its prompts and one of its exercises. Each holds the selection
columns of its items (:class:`~intimacy.bank.select.Columns`) in id order and each id's position;
a query narrows its candidates through the posting list of a practice, mood or depth (made when
a query first asks for it), keeps those the columns allow, and recent selections are cached. The
items are given (a bank of packs), or built from the compiled bundled packs when one is handed
out (:mod:`intimacy.bank.compiled`).
"""

from __future__ import annotations

import functools
import itertools
import operator

from intimacy.bank.select import Columns
from intimacy.model.hints import Generic, TypeVar

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from intimacy.bank.select import Query
    from intimacy.model.models import Exercise, Prompt
    from intimacy.model.views import ExerciseView, PromptView

__all__ = ["Selection"]

_Item = TypeVar("_Item", "Prompt", "Exercise")
_CACHE_SIZE = 1024


class Selection:
    """The items a query keeps: their positions in the index, and their ids, in id order."""

    __slots__ = ("ids", "positions")

    def __init__(self, positions: tuple[int, ...], ids: tuple[str, ...]) -> None:
        self.positions = positions
        self.ids = ids


# The attribute of a model that each column holds.
_ATTRIBUTES = {
    "practices": "practice",
    "moods": "moods",
    "minutes": "minutes",
    "depths": "depth",
    "tags": "tags",
    "topics": "topics",
    "languages": "language",
}


def _columns(items: Sequence[Prompt | Exercise]) -> Columns:
    """The selection columns of ``items``, in their order, each read when first needed."""
    return Columns(
        tuple(map(operator.attrgetter("id"), items)),
        lambda name: tuple(map(operator.attrgetter(_ATTRIBUTES[name]), items)),
    )


class _Index(Generic[_Item]):
    """Items sorted by id: the columns that selection reads, and each item, built when needed.

    The items are given (a bank of packs), or built from the compiled bundled packs only when one
    is handed out (see :mod:`intimacy.bank.compiled`), and then kept: a race between threads may
    build one twice, but both are equal. Posting lists (the positions of each practice, mood and
    depth) are made when a query first asks for one, and recent selections are cached.
    """

    columns: Columns
    where: dict[str, int]
    select: Callable[[Query], Selection]
    items: Callable[[Query], tuple[_Item, ...]]
    _built: list[_Item | None]
    _build: Callable[[int], _Item] | None
    _view: Callable[[int], PromptView | ExerciseView] | None
    _postings: dict[tuple[str, object], tuple[int, ...]]

    def __init__(self, items: Iterable[_Item]) -> None:
        ordered = sorted(items, key=lambda item: item.id)
        built: list[_Item | None] = list(ordered)
        self._setup(_columns(ordered), built, None, None)

    @classmethod
    def compiled(
        cls,
        columns: Columns,
        build: Callable[[int], _Item],
        view: Callable[[int], PromptView | ExerciseView],
    ) -> _Index[_Item]:
        """An index over ``columns`` (sorted by id) whose items ``build`` makes from a position.

        ``view`` makes the lightweight view of a position that the command line prints.
        """
        index = cls.__new__(cls)
        index._setup(columns, [None] * len(columns.ids), build, view)
        return index

    def _setup(
        self,
        columns: Columns,
        built: list[_Item | None],
        build: Callable[[int], _Item] | None,
        view: Callable[[int], PromptView | ExerciseView] | None,
    ) -> None:
        self.columns = columns
        self._built = built
        self._build = build
        self._view = view
        self.where = dict(zip(columns.ids, range(len(columns.ids)), strict=True))  # id: position
        self._postings = {}
        self.select = functools.lru_cache(maxsize=_CACHE_SIZE)(self._select)
        self.items = functools.lru_cache(maxsize=_CACHE_SIZE)(self._items)

    def __len__(self) -> int:
        return len(self._built)

    def item(self, position: int) -> _Item:
        """The item at ``position``, built the first time it is asked for."""
        found = self._built[position]
        if found is None:
            assert self._build is not None  # noqa: S101 - only compiled indexes start empty
            found = self._build(position)
            self._built[position] = found
        return found

    def view(self, position: int) -> _Item | PromptView | ExerciseView:
        """What the command line prints for ``position``: a view where no model is built yet."""
        found = self._built[position]
        if found is None and self._view is not None:
            return self._view(position)
        return self.item(position)

    def matching(self, query: Query) -> tuple[_Item, ...]:
        """The items ``query`` keeps, sorted by id.

        ``exclude`` is applied after the cached selection, so that a per-user history does not
        fill the cache with near copies of one query.
        """
        found = self.items(query.without_exclude())
        if not query.exclude:
            return found
        return tuple(item for item in found if item.id not in query.exclude)

    def _items(self, query: Query) -> tuple[_Item, ...]:
        return tuple(self.item(position) for position in self.select(query).positions)

    def _posting(self, field: str, key: object) -> tuple[int, ...]:
        """The positions of the items with ``key`` in ``field`` (practice, mood or depth)."""
        found = self._postings.get((field, key))
        if found is None:
            hits: Iterable[bool]  # each position's test, run in C by map and compress
            if field == "mood":
                hits = map(operator.contains, self.columns.moods, itertools.repeat(key))
            else:
                column = self.columns.practices if field == "practice" else self.columns.depths
                hits = map(operator.eq, column, itertools.repeat(key))
            found = tuple(itertools.compress(range(len(self._built)), hits))
            found = self._postings.setdefault((field, key), found)
        return found

    def _candidates(self, field: str, keys: frozenset[Any] | None) -> tuple[int, ...] | None:
        if keys is None:
            return None
        if len(keys) == 1:
            return self._posting(field, next(iter(keys)))
        return tuple(sorted({p for key in keys for p in self._posting(field, key)}))

    def _select(self, query: Query) -> Selection:
        narrowed = [
            found
            for found in (
                self._candidates("practice", query.practices),
                self._candidates("mood", query.moods),
                self._candidates("depth", query.depths),
            )
            if found is not None
        ]
        candidates: Sequence[int] = min(narrowed, key=len) if narrowed else range(len(self._built))
        positions = query.keep(self.columns, candidates)
        ids = self.columns.ids
        return Selection(positions, tuple(ids[p] for p in positions))
