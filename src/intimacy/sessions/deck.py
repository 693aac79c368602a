"""Decks: draw without repeats until every item has been drawn once, then reshuffle.

The order of a cycle comes from keyed hashes of the items' ids, not from their places in the
set, so a deck restored on a bank that changed keeps its promises for the items it still has.
The seed splits the matching items into two halves for good: sorted by a keyed hash of their
ids, the first ``n // 2`` and the rest; the first item of the second half is the *split*. Cycle
``c`` draws the first half sorted by a keyed hash of (seed, ``c``) and id, then the second half
the same way (see :mod:`intimacy.bank.order` for why that keeps repeats ``n // 2 + 1`` draws apart).

So the place of the last item drawn is enough to know what was drawn: everything before it in
the cycle's order. The state holds that id and the split, not the ids drawn, so it stays the
same size however many draws a deck makes.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypedDict, TypeVar, Unpack, cast, overload

from intimacy.bank.choice import new_seed, seed_bytes
from intimacy.bank.order import first_half, hash_key, hash_rank
from intimacy.bank.select import Query
from intimacy.model.errors import NoMatchError, ValidationError
from intimacy.sessions.suit import parse_moods, suit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Exercise, Prompt
    from intimacy.model.types import Filters
    from intimacy.model.vocab import Mood
    from intimacy.sessions.suit import MoodRule

__all__ = ["STATE_VERSION", "Deck", "DeckState"]

_Item = TypeVar("_Item", bound="Prompt | Exercise")
#: The version of :class:`DeckState` this intimacy writes and reads.
STATE_VERSION = 1
_KINDS = ("prompt", "exercise")
# Cycles and positions are hashed as 64-bit signed numbers.
_LIMIT = 2**63
_KEYS = ("version", "kind", "seed", "filters", "moods", "cycle", "position", "last", "split")
_SortKey = tuple[int, bytes, str]


class DeckState(TypedDict):
    """A deck's state: plain JSON-ready data of the same size after 5 draws or 5 million.

    :meth:`Deck.state` writes it and :meth:`Deck.from_state` reads it back. Every key is
    always present.

    ``version``: the format, :data:`1 <intimacy.sessions.deck.STATE_VERSION>`.
    ``kind``: ``"prompt"`` or ``"exercise"``.
    ``seed``: the deck's seed (an int or a str).
    ``filters``: the deck's filters as plain lists and numbers (``exclude`` among them).
    ``moods``: the partners' moods (their slugs), or ``None``.
    ``cycle``: how many times the deck has reshuffled.
    ``position``: how many items it has drawn in this cycle.
    ``last``: the id of the last item drawn in this cycle, ``None`` before the first draw.
    ``split``: the id where the second half of each cycle begins (``None`` for an empty deck).
    """

    version: int
    kind: Literal["prompt", "exercise"]
    seed: int | str
    filters: Filters
    moods: list[str] | None
    cycle: int
    position: int
    last: str | None
    split: str | None


class Deck(Generic[_Item]):
    """Draw prompts (or exercises) one at a time, never repeating one until all have been drawn.

    The ``n`` items matching the filters are drawn in cycles. The seed splits them into two
    halves for good, and each cycle draws a fresh shuffle of the first half, then of the
    second, so within a cycle no item comes twice, and an item comes back no sooner than
    ``n // 2 + 1`` draws after it was drawn. The same seed gives the same draws in every
    process, whatever ``PYTHONHASHSEED`` and the Python version. A deck of one item can only
    repeat it.

    :meth:`state` is a small JSON-ready dict (a :class:`DeckState`) an app can store between
    sessions; its size does not grow with the draws. :meth:`from_state` rebuilds the deck
    from it and a bank, which may have changed in between (see :meth:`from_state`).

    ``moods`` takes each partner's mood (see :func:`intimacy.suit`); :attr:`rule` then says
    whether the deck holds items that suit both moods or the more careful ones. ``exclude``
    (one id or several) leaves items out, like the other filters.

    A deck changes as it draws: keep one deck per user (or per couple), and do not draw from
    the same deck in two threads at once without a lock. The bank is immutable and safe to
    share between any number of decks and threads.
    """

    __slots__ = (
        "_cycle",
        "_filters",
        "_kind",
        "_last",
        "_moods",
        "_order",
        "_pool",
        "_position",
        "_rule",
        "_seed",
        "_split",
        "_split_key",
    )

    @overload
    def __init__(
        self: Deck[Prompt],
        bank: Bank,
        *,
        kind: Literal["prompt"] = "prompt",
        seed: int | str | None = None,
        moods: Sequence[Mood | str] | None = None,
        **filters: Unpack[Filters],
    ) -> None: ...
    @overload
    def __init__(
        self: Deck[Exercise],
        bank: Bank,
        *,
        kind: Literal["exercise"],
        seed: int | str | None = None,
        moods: Sequence[Mood | str] | None = None,
        **filters: Unpack[Filters],
    ) -> None: ...
    def __init__(
        self,
        bank: Bank,
        *,
        kind: Literal["prompt", "exercise"] = "prompt",
        seed: int | str | None = None,
        moods: Sequence[Mood | str] | None = None,
        **filters: Unpack[Filters],
    ) -> None:
        if kind not in _KINDS:
            raise ValidationError([("kind", f"must be 'prompt' or 'exercise', not {kind!r}")])
        query = Query.build(**filters)
        if seed is not None:
            seed_bytes(seed)  # a seed of the wrong type fails here, not at the first draw
        self._kind: Literal["prompt", "exercise"] = kind
        self._seed: int | str = new_seed() if seed is None else seed
        self._filters = cast("Filters", query.as_filters())
        self._moods = None if moods is None else parse_moods(moods)
        self._split_key = hash_key("intimacy-deck-split", self._seed)
        self._cycle = 0
        self._position = 0
        self._last: str | None = None
        self._order: tuple[int, str | None, list[_SortKey], list[_Item]] | None = None
        pool: tuple[Any, ...] = (
            bank.prompts(**self._filters) if kind == "prompt" else bank.exercises(**self._filters)
        )
        self._rule: MoodRule | None = None
        if self._moods is not None:
            suited = suit(pool, self._moods)
            pool, self._rule = suited.items, suited.rule
        self._pool: tuple[_Item, ...] = pool
        self._split = self._choose_split()

    def __repr__(self) -> str:
        return (
            f"<Deck {self._kind}s={len(self._pool)} cycle={self._cycle} "
            f"drawn={self._position} seed={self._seed!r}>"
        )

    def __len__(self) -> int:
        return len(self._pool)

    @property
    def seed(self) -> int | str:
        """The seed: the one given, or a random one chosen when none was."""
        return self._seed

    @property
    def cycle(self) -> int:
        """How many times the deck has been reshuffled (0 until every item has been drawn)."""
        return self._cycle

    @property
    def position(self) -> int:
        """How many items the deck has drawn in this cycle."""
        return self._position

    @property
    def drawn(self) -> tuple[str, ...]:
        """The ids drawn in the current cycle, in order.

        After :meth:`from_state` on a bank that changed, these are the ids the cycle's order
        has passed: the ids drawn that the bank still holds, and any that joined behind them.
        """
        _, items = self._cycle_order()
        return tuple(item.id for item in items[: self._next_index()])

    @property
    def remaining(self) -> int:
        """How many items are left to draw before the deck reshuffles."""
        return len(self._pool) - self._next_index()

    @property
    def rule(self) -> MoodRule | None:
        """With ``moods``: ``"both"`` or ``"careful"`` (see :func:`intimacy.suit`), else None."""
        return self._rule

    def draw(self) -> _Item:
        """The next item: one not drawn yet in this cycle, reshuffling when all have been.

        Raises:
            NoMatchError: no item matches the deck's filters (and moods).
        """
        if not self._pool:
            given: dict[str, object] = dict(self._filters)
            if self._moods is not None:
                given["moods"] = [mood.value for mood in self._moods]
            raise NoMatchError(self._kind, given)
        index = self._next_index()
        if index == len(self._pool):
            self._cycle = (self._cycle + 1) % _LIMIT
            self._position, self._last = 0, None
            self._split = self._choose_split()
            index = 0
        pick = self._cycle_order()[1][index]
        self._position = min(self._position + 1, _LIMIT - 1)
        self._last = pick.id
        return pick

    def _split_rank(self, item_id: str) -> tuple[bytes, str]:
        return hash_rank(self._split_key, item_id), item_id

    def _choose_split(self) -> str | None:
        """The id where the second half begins, for the items the deck holds now."""
        if not self._pool:
            return None
        ranked = sorted(self._split_rank(item.id) for item in self._pool)
        return ranked[first_half(len(ranked))][1]

    def _sort_key(self, item_id: str, cycle_key: bytes) -> _SortKey:
        """Where ``item_id`` comes in this cycle: its half, then a keyed hash, then the id."""
        second = self._split is not None and self._split_rank(item_id) >= self._split_rank(
            self._split
        )
        return int(second), hash_rank(cycle_key, item_id), item_id

    def _cycle_order(self) -> tuple[list[_SortKey], list[_Item]]:
        """The sort keys and items of the current cycle, in the order the cycle draws them."""
        if self._order is None or self._order[:2] != (self._cycle, self._split):
            key = hash_key("intimacy-deck", self._seed, self._cycle)
            ranked = sorted((self._sort_key(item.id, key), item) for item in self._pool)
            self._order = (
                self._cycle,
                self._split,
                [sort_key for sort_key, _ in ranked],
                [item for _, item in ranked],
            )
        return self._order[2], self._order[3]

    def _next_index(self) -> int:
        """The place in this cycle's order of the next item to draw."""
        keys, _ = self._cycle_order()
        if self._last is None:
            return 0
        mark = self._sort_key(self._last, hash_key("intimacy-deck", self._seed, self._cycle))
        return bisect.bisect_right(keys, mark)

    def state(self) -> DeckState:
        """The deck's state as plain JSON-ready data, for :meth:`from_state`.

        It holds the version, the kind, the seed, the filters, the partners' moods, the cycle,
        the position in it, the last id drawn and the split (see :class:`DeckState`): the
        same size however many draws the deck has made.
        """
        return {
            "version": STATE_VERSION,
            "kind": self._kind,
            "seed": self._seed,
            "filters": cast("Filters", dict(self._filters)),
            "moods": None if self._moods is None else [mood.value for mood in self._moods],
            "cycle": self._cycle,
            "position": self._position,
            "last": self._last,
            "split": self._split,
        }

    @overload
    @classmethod
    def from_state(
        cls, bank: Bank, state: Mapping[str, object], *, kind: Literal["prompt"]
    ) -> Deck[Prompt]: ...
    @overload
    @classmethod
    def from_state(
        cls, bank: Bank, state: Mapping[str, object], *, kind: Literal["exercise"]
    ) -> Deck[Exercise]: ...
    @overload
    @classmethod
    def from_state(
        cls, bank: Bank, state: Mapping[str, object], *, kind: None = None
    ) -> Deck[Prompt] | Deck[Exercise]: ...
    @classmethod
    def from_state(
        cls,
        bank: Bank,
        state: Mapping[str, object],
        *,
        kind: Literal["prompt", "exercise"] | None = None,
    ) -> Deck[Prompt] | Deck[Exercise]:
        """The deck that :meth:`state` described, drawing from ``bank`` (which may have changed).

        Pass ``kind`` (``"prompt"`` or ``"exercise"``) to get a ``Deck[Prompt]`` or a
        ``Deck[Exercise]`` that a type checker knows, and to have a state of the other kind
        refused; without it the result is typed as either.

        If the bank changed in between (an update, a pack added or removed), the deck draws
        from the items that match now: items that left are skipped; items that joined are
        drawn in this cycle if its order has not passed them yet, and otherwise from the next
        cycle on; nothing drawn in this cycle comes back before the cycle ends, even an item
        that was removed and added back. The gap of ``n // 2 + 1`` draws may be shorter across
        the change and the next reshuffle; once a whole cycle has run on the new set, every
        promise holds again. With the same bank, the restored deck draws exactly what the
        original would have drawn.

        Raises:
            ValidationError: ``state`` is not a state this version of intimacy wrote, or not
                of ``kind``; the error names the key at fault.
            UnknownNameError: a filter names a practice, mood or depth that does not exist.
        """
        _check_state(state, kind)
        deck = _from_checked(bank, cast("DeckState", state))
        deck._cycle = cast("int", state["cycle"])
        deck._position = cast("int", state["position"])
        deck._last = cast("str | None", state["last"])
        if deck._last is not None:  # before the first draw the split fits the items of now
            deck._split = cast("str | None", state["split"]) or deck._split
        return deck


def _from_checked(bank: Bank, state: DeckState) -> Deck[Prompt] | Deck[Exercise]:
    try:
        if state["kind"] == "exercise":
            return Deck(
                bank,
                kind="exercise",
                seed=state["seed"],
                moods=state["moods"],
                **state["filters"],
            )
        return Deck(bank, seed=state["seed"], moods=state["moods"], **state["filters"])
    except TypeError as err:
        raise ValidationError([("state['filters']", str(err))]) from err


def _check_state(state: object, kind: str | None) -> None:
    def fail(key: str, reason: str) -> ValidationError:
        return ValidationError([(f"state[{key!r}]" if key else "state", reason)])

    def whole(values: Mapping[object, object], key: str) -> None:
        value = values[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < _LIMIT:
            raise fail(key, f"must be a whole number from 0 to 2**63 - 1, not {value!r}")

    if not isinstance(state, Mapping):
        raise fail("", f"must be the dict Deck.state() returned, not {type(state).__name__}")
    missing = [key for key in _KEYS if key not in state]
    if missing:
        raise fail(missing[0], "is missing; pass the dict Deck.state() returned")
    unknown = sorted(str(key) for key in state if key not in _KEYS)
    if unknown:
        raise fail(unknown[0], "is not part of a deck state; pass the dict Deck.state() returned")
    if state["version"] != STATE_VERSION:
        raise fail("version", f"{state['version']!r} is not supported (expected {STATE_VERSION})")
    if state["kind"] not in _KINDS:
        raise fail("kind", f"must be 'prompt' or 'exercise', not {state['kind']!r}")
    if kind is not None and state["kind"] != kind:
        raise fail("kind", f"is {state['kind']!r}, but a deck of kind {kind!r} was asked for")
    try:
        seed_bytes(cast("int | str", state["seed"]))
    except TypeError as err:
        raise fail("seed", str(err)) from err
    if not isinstance(state["filters"], Mapping):
        raise fail("filters", f"must be a dict, not {type(state['filters']).__name__}")
    moods = state["moods"]
    if moods is not None and (
        not isinstance(moods, list) or not all(isinstance(mood, str) for mood in moods)
    ):
        raise fail("moods", "must be null or a list of mood names")
    whole(state, "cycle")
    whole(state, "position")
    for key in ("last", "split"):
        if state[key] is not None and not isinstance(state[key], str):
            raise fail(key, f"must be null or an item id, not {state[key]!r}")
    if (state["position"] == 0) != (state["last"] is None):
        raise fail("last", "must be null exactly when position is 0")
