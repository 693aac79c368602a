"""Decks: draw without repeats until every item has been drawn once, then reshuffle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Unpack, overload

from intimacy._errors import NoMatchError, ValidationError
from intimacy._order import hash_key, hash_order
from intimacy._select import Query, new_seed, seed_bytes
from intimacy._suit import parse_moods, suit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from intimacy._bank import Bank
    from intimacy._models import Exercise, Prompt
    from intimacy._suit import MoodRule
    from intimacy._types import Filters
    from intimacy._vocab import Mood

__all__ = ["Deck"]

_Item = TypeVar("_Item", bound="Prompt | Exercise")
STATE_VERSION = 1
_KINDS = ("prompt", "exercise")


class Deck(Generic[_Item]):
    """Draw prompts (or exercises) one at a time, never repeating one until all have been drawn.

    The items matching the filters are shuffled by a keyed hash of the seed and the cycle
    number, so the same seed gives the same draws in every process. When every item has been
    drawn, a new cycle starts in a new order, and its first draw is never the item drawn last.
    A deck of one item can only repeat it.

    :meth:`state` is a small JSON-ready dict an app can store between sessions;
    :meth:`from_state` rebuilds the deck from it and a bank. If the bank changed in between,
    items that left are skipped, items that joined are drawn in the current cycle, and no item
    already drawn in the cycle comes back before the cycle ends.

    ``moods`` takes each partner's mood (see :func:`intimacy.suit`); :attr:`rule` then says
    whether the deck holds items that suit both moods or the more careful ones.

    A deck changes as it draws: keep one deck per user (or per couple), and do not draw from
    the same deck in two threads at once without a lock. The bank is immutable and safe to
    share between any number of decks and threads.
    """

    __slots__ = (
        "_cycle",
        "_drawn",
        "_filters",
        "_kind",
        "_moods",
        "_order",
        "_pool",
        "_rule",
        "_seed",
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
        self._kind = kind
        self._seed: int | str = new_seed() if seed is None else seed
        self._filters = query.as_filters()
        self._moods = None if moods is None else parse_moods(moods)
        self._cycle = 0
        self._drawn: dict[str, None] = {}
        self._order: tuple[int, tuple[_Item, ...]] | None = None
        pool: tuple[Any, ...] = (
            bank.prompts(**self._filters) if kind == "prompt" else bank.exercises(**self._filters)
        )
        self._rule: MoodRule | None = None
        if self._moods is not None:
            suited = suit(pool, self._moods)
            pool, self._rule = suited.items, suited.rule
        self._pool: tuple[_Item, ...] = pool

    def __repr__(self) -> str:
        return (
            f"<Deck {self._kind}s={len(self._pool)} cycle={self._cycle} "
            f"drawn={len(self._drawn)} seed={self._seed!r}>"
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
    def drawn(self) -> tuple[str, ...]:
        """The ids drawn in the current cycle, in order."""
        return tuple(self._drawn)

    @property
    def remaining(self) -> int:
        """How many items are left to draw before the deck reshuffles."""
        return sum(1 for item in self._pool if item.id not in self._drawn)

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
        last = next(reversed(self._drawn), None)
        if self.remaining == 0:
            self._cycle += 1
            self._drawn.clear()
        fresh = [item for item in self._cycles_order() if item.id not in self._drawn]
        pick = next((item for item in fresh if item.id != last), fresh[0])
        self._drawn[pick.id] = None
        return pick

    def _cycles_order(self) -> tuple[_Item, ...]:
        if self._order is None or self._order[0] != self._cycle:
            key = hash_key("intimacy-deck", self._seed, self._cycle)
            self._order = (self._cycle, hash_order(self._pool, key))
        return self._order[1]

    def state(self) -> dict[str, Any]:
        """The deck's state as plain JSON-ready data, for :meth:`from_state`.

        It holds a version, the kind, the seed, the filters, the partners' moods, the cycle and
        the ids drawn in this cycle: it grows by one id per draw and shrinks at each reshuffle.
        """
        return {
            "version": STATE_VERSION,
            "kind": self._kind,
            "seed": self._seed,
            "filters": dict(self._filters),
            "moods": None if self._moods is None else [mood.value for mood in self._moods],
            "cycle": self._cycle,
            "drawn": list(self._drawn),
        }

    @classmethod
    def from_state(cls, bank: Bank, state: Mapping[str, Any]) -> Deck[Any]:
        """The deck that :meth:`state` described, drawing from ``bank`` (which may have changed).

        Raises:
            ValidationError: ``state`` is not a state this version of intimacy wrote; the
                error names the key at fault.
            UnknownNameError: a filter names a practice, mood or depth that does not exist.
        """
        _check_state(state)
        try:
            deck: Deck[Any] = Deck(
                bank,
                kind=state["kind"],
                seed=state["seed"],
                moods=state.get("moods"),
                **state["filters"],
            )
        except TypeError as err:
            raise ValidationError([("state['filters']", str(err))]) from err
        deck._cycle = state["cycle"]
        deck._drawn = dict.fromkeys(state["drawn"])
        return deck


def _check_state(state: object) -> None:
    def fail(key: str, reason: str) -> ValidationError:
        return ValidationError([(f"state[{key!r}]" if key else "state", reason)])

    if not isinstance(state, Mapping):
        raise fail("", f"must be the dict Deck.state() returned, not {type(state).__name__}")
    required = ("version", "kind", "seed", "filters", "cycle", "drawn")
    missing = [key for key in required if key not in state]
    if missing:
        raise fail(missing[0], "is missing; pass the dict Deck.state() returned")
    if state["version"] != STATE_VERSION:
        raise fail("version", f"{state['version']!r} is not supported (expected {STATE_VERSION})")
    if state["kind"] not in _KINDS:
        raise fail("kind", f"must be 'prompt' or 'exercise', not {state['kind']!r}")
    try:
        seed_bytes(state["seed"])
    except TypeError as err:
        raise fail("seed", str(err)) from err
    if not isinstance(state["filters"], Mapping):
        raise fail("filters", f"must be a dict, not {type(state['filters']).__name__}")
    moods = state.get("moods")
    if moods is not None and (
        not isinstance(moods, list) or not all(isinstance(mood, str) for mood in moods)
    ):
        raise fail("moods", "must be null or a list of mood names")
    cycle = state["cycle"]
    if isinstance(cycle, bool) or not isinstance(cycle, int) or cycle < 0:
        raise fail("cycle", f"must be a whole number of at least 0, not {cycle!r}")
    drawn = state["drawn"]
    if not isinstance(drawn, list) or not all(isinstance(item, str) for item in drawn):
        raise fail("drawn", "must be a list of item ids")
