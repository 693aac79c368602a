"""Tests of decks: no repeats within a cycle, state that survives JSON and bank changes."""

from __future__ import annotations

import itertools
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from intimacy import (
    Bank,
    Deck,
    Exercise,
    IntimacyError,
    Mood,
    NoMatchError,
    Pack,
    Practice,
    Prompt,
    UnknownNameError,
    ValidationError,
)
from intimacy.testing import numbered_pack, packs, prompts


def tiny_pack(count: int, name: str = "tiny") -> Pack:
    """A pack of ``count`` light empathy prompts for calm moods."""
    return numbered_pack(count, name=name, practice="empathy")


def through_json(state: dict[str, Any]) -> dict[str, Any]:
    """The state as an app would get it back from storage."""
    loaded: dict[str, Any] = json.loads(json.dumps(state))
    return loaded


class DeckMachine(RuleBasedStateMachine):
    """Draws, saves and restores, and changes the bank, checking the deck's promises."""

    def __init__(self) -> None:
        super().__init__()
        self.pack = tiny_pack(1)
        self.bank = Bank([self.pack])
        self.filters: dict[str, Any] = {}
        self.deck: Deck[Prompt] = Deck(self.bank)
        self.seen: set[str] = set()
        self.last: str | None = None

    @initialize(
        pack=packs(10),
        seed=st.integers() | st.text(max_size=8),
        practice=st.none() | st.sampled_from(Practice),
    )
    def start(self, pack: Pack, seed: int | str, practice: Practice | None) -> None:
        self.pack = pack
        self.bank = Bank([pack])
        self.filters = {} if practice is None else {"practice": practice}
        self.deck = Deck(self.bank, seed=seed, **self.filters)

    def pool(self) -> set[str]:
        return {prompt.id for prompt in self.bank.prompts(**self.filters)}

    def checked_draw(self) -> str | None:
        pool = self.pool()
        if not pool:
            with pytest.raises(NoMatchError):
                self.deck.draw()
            return None
        cycle = self.deck.cycle
        drawn = self.deck.draw().id
        assert drawn in pool
        if self.deck.cycle != cycle:
            assert self.deck.cycle == cycle + 1
            assert pool <= self.seen, "a cycle ended before every item was drawn"
            if len(pool) > 1:
                assert drawn != self.last, "the new cycle began with the last item"
            self.seen = set()
        assert drawn not in self.seen, "an item came twice in one cycle"
        self.seen.add(drawn)
        self.last = drawn
        return drawn

    @rule()
    def draw(self) -> None:
        self.checked_draw()

    @rule(count=st.integers(1, 12))
    def save_and_restore(self, count: int) -> None:
        restored = Deck.from_state(self.bank, through_json(self.deck.state()))
        ahead = [restored.draw().id if self.pool() else None for _ in range(count)]
        assert ahead == [self.checked_draw() for _ in range(count)]

    @rule(data=st.data())
    def change_bank(self, data: st.DataObject) -> None:
        state = through_json(self.deck.state())
        old = self.pack.prompts
        kept: list[Prompt] = data.draw(
            st.lists(st.sampled_from(old), unique=True) if old else st.just([])
        )
        taken = {p.id for p in kept} | {e.id for e in self.pack.exercises}
        added = data.draw(
            st.lists(
                prompts(self.pack.name, self.pack.language), max_size=3, unique_by=lambda p: p.id
            )
        )
        new = [prompt for prompt in added if prompt.id not in taken]
        note(f"kept {len(kept)} of {len(self.pack.prompts)} prompts, added {len(new)}")
        self.pack = attrs.evolve(self.pack, prompts=(*kept, *new))
        self.bank = Bank([self.pack])
        self.deck = Deck.from_state(self.bank, state)

    @invariant()
    def remaining_counts_the_undrawn(self) -> None:
        assert self.deck.remaining == len(self.pool() - self.seen)
        assert len(self.deck) == len(self.pool())


TestDeckMachine = DeckMachine.TestCase
TestDeckMachine.settings = settings(max_examples=60, stateful_step_count=30)


class TestDraw:
    def test_one_cycle_draws_every_item_once(self) -> None:
        """A full cycle of draws is a permutation of the matching prompts."""
        bank = Bank([tiny_pack(7)])
        deck = Deck(bank, seed="us")
        drawn = [deck.draw().id for _ in range(7)]
        assert sorted(drawn) == sorted(p.id for p in bank.prompts())
        assert deck.cycle == 0
        assert deck.remaining == 0
        assert deck.drawn == tuple(drawn)

    def test_reshuffles_without_repeating_the_boundary(self) -> None:
        """Over many cycles of a small deck, no item is drawn twice in a row."""
        deck = Deck(Bank([tiny_pack(2)]), seed=5)
        drawn = [deck.draw().id for _ in range(40)]
        assert all(a != b for a, b in itertools.pairwise(drawn))
        assert deck.cycle == 19

    def test_one_item_deck_repeats_it(self) -> None:
        """A deck of one item can only give that item."""
        deck = Deck(Bank([tiny_pack(1)]), seed=1)
        assert [deck.draw().id for _ in range(3)] == ["tiny/p0"] * 3

    def test_cycles_have_new_orders(self) -> None:
        """A new cycle is a new shuffle, not a replay of the last one."""
        deck = Deck(Bank([tiny_pack(12)]), seed=3)
        first = [deck.draw().id for _ in range(12)]
        second = [deck.draw().id for _ in range(12)]
        assert sorted(first) == sorted(second)
        assert first != second

    @given(seed=st.integers() | st.text(max_size=10))
    def test_same_seed_same_draws(self, seed: int | str) -> None:
        """Two decks with one seed draw the same sequence, across reshuffles."""
        bank = Bank([tiny_pack(5)])
        one, two = Deck(bank, seed=seed), Deck(bank, seed=seed)
        assert [one.draw() for _ in range(11)] == [two.draw() for _ in range(11)]

    def test_seeds_differ(self) -> None:
        """Different seeds shuffle differently."""
        bank = Bank([tiny_pack(10)])
        orders = {tuple(Deck(bank, seed=s).draw().id for _ in range(10)) for s in range(5)}
        assert len(orders) > 1

    def test_unseeded_deck_records_its_seed(self) -> None:
        """A deck made without a seed picks one, and its state replays it."""
        bank = Bank([tiny_pack(6)])
        deck = Deck(bank)
        again = Deck(bank, seed=deck.seed)
        assert [deck.draw() for _ in range(6)] == [again.draw() for _ in range(6)]

    def test_filters_apply(self, bank: Bank) -> None:
        """Every draw satisfies the deck's filters."""
        deck = Deck(bank, practice="empathy", depth=3, seed=1)
        for _ in range(len(deck) + 3):
            prompt = deck.draw()
            assert prompt.practice is Practice.EMPATHY
            assert prompt.depth == 3

    def test_exercise_deck(self, bank: Bank) -> None:
        """kind='exercise' draws exercises, each once per cycle."""
        deck = Deck(bank, kind="exercise", max_minutes=10, seed=2)
        drawn = [deck.draw() for _ in range(len(deck))]
        assert all(isinstance(item, Exercise) and item.minutes <= 10 for item in drawn)
        assert len({item.id for item in drawn}) == len(drawn) == len(bank.exercises(max_minutes=10))

    def test_nothing_matches_raises_on_draw(self) -> None:
        """An empty deck can be made, and says why when asked to draw."""
        deck = Deck(Bank([tiny_pack(3)]), practice="connection")
        assert len(deck) == 0
        with pytest.raises(NoMatchError, match="connection"):
            deck.draw()

    def test_empty_filter_matches_what_the_bank_matches(self, bank: Bank) -> None:
        """``practice=[]`` ("any of none") gives the deck the bank's answer: nothing."""
        deck = Deck(bank, practice=[], seed=1)
        assert len(deck) == len(bank.prompts(practice=[])) == 0
        restored = Deck.from_state(bank, through_json(deck.state()))
        assert len(restored) == 0
        with pytest.raises(NoMatchError, match="practice"):
            restored.draw()

    def test_bad_arguments(self) -> None:
        """An unknown filter name, kind or seed type fails when the deck is made."""
        bank = Bank([tiny_pack(3)])
        with pytest.raises(UnknownNameError, match="did you mean 'empathy'"):
            Deck(bank, practice="empaty")
        with pytest.raises(ValidationError, match="kind"):
            Deck(bank, kind="card")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="seed"):
            Deck(bank, seed=1.5)  # type: ignore[call-overload]

    def test_repr_names_the_counts(self) -> None:
        """The repr shows the size, the cycle and the seed."""
        deck = Deck(Bank([tiny_pack(3)]), seed=9)
        deck.draw()
        assert repr(deck) == "<Deck prompts=3 cycle=0 drawn=1 seed=9>"


class TestMoods:
    def test_both_rule(self, bank: Bank) -> None:
        """With partners' moods, a deck draws only what suits both, and says so."""
        deck = Deck(bank, moods=("playful", "tired"), seed=1)
        assert deck.rule == "both"
        assert len(deck) > 0
        for _ in range(len(deck)):
            assert {Mood.PLAYFUL, Mood.TIRED} <= deck.draw().moods

    def test_careful_rule(self) -> None:
        """When nothing suits both moods, the deck holds the calmer mood's lightest items."""
        pack = tiny_pack(2)
        deep = attrs.evolve(pack.prompts[1], id="tiny/deep", depth=3)
        playful = attrs.evolve(pack.prompts[0], id="tiny/fun", moods=["playful"])
        bank = Bank([attrs.evolve(pack, prompts=(*pack.prompts, deep, playful))])
        deck = Deck(bank, moods=["playful", "calm"], seed=0)
        assert deck.rule == "careful"
        assert sorted(deck.draw().id for _ in range(2)) == ["tiny/p0", "tiny/p1"]

    def test_nothing_suits_names_the_moods(self) -> None:
        """An empty deck with moods names them when asked to draw."""
        deck = Deck(Bank([tiny_pack(2)]), moods=("sad", "tired"))
        assert deck.rule == "careful"
        with pytest.raises(NoMatchError, match=r"moods=\['sad', 'tired'\]"):
            deck.draw()

    def test_no_moods_no_rule(self) -> None:
        """Without partners' moods there is no rule to report."""
        assert Deck(Bank([tiny_pack(2)])).rule is None

    def test_moods_survive_state(self, bank: Bank) -> None:
        """The partners' moods are part of the state."""
        deck = Deck(bank, moods=("celebratory", "sad"), seed=4)
        restored = Deck.from_state(bank, through_json(deck.state()))
        assert restored.rule == deck.rule
        assert [restored.draw() for _ in range(5)] == [deck.draw() for _ in range(5)]


class TestState:
    def test_state_is_small_plain_data(self, bank: Bank) -> None:
        """The state holds plain values: version, kind, seed, filters, moods, cycle, drawn."""
        deck = Deck(bank, practice=["empathy", "connection"], mood="calm", max_depth=2, seed=8)
        first = deck.draw()
        state = deck.state()
        assert through_json(state) == state
        assert state == {
            "version": 1,
            "kind": "prompt",
            "seed": 8,
            "filters": {
                "practice": ["connection", "empathy"],
                "mood": ["calm"],
                "max_depth": 2,
            },
            "moods": None,
            "cycle": 0,
            "drawn": [first.id],
        }

    @given(
        filters=st.fixed_dictionaries(
            {},
            optional={
                "practice": st.lists(st.sampled_from(Practice), min_size=1),
                "mood": st.sampled_from(Mood),
                "depth": st.lists(st.sampled_from([1, 2, 3]), min_size=1),
                "min_minutes": st.integers(1, 5),
                "max_minutes": st.integers(5, 30),
                "tags": st.sampled_from(["memories", "fun"]),
                "exclude_topics": st.sampled_from(["sex", "money"]),
                "language": st.just("en"),
            },
        ),
        draws=st.integers(0, 5),
    )
    def test_round_trip_keeps_filters_and_draws(
        self, bank: Bank, filters: dict[str, Any], draws: int
    ) -> None:
        """A restored deck has the same filters and draws what the original would."""
        deck = Deck(bank, seed="x", **filters)
        for _ in range(min(draws, len(deck))):
            deck.draw()
        restored = Deck.from_state(bank, through_json(deck.state()))
        assert restored.state() == deck.state()
        assert len(restored) == len(deck)
        ahead = min(5, len(deck))
        assert [restored.draw() for _ in range(ahead)] == [deck.draw() for _ in range(ahead)]

    def test_restore_on_a_smaller_bank(self) -> None:
        """Items gone from the bank are skipped; the cycle ends when the rest are drawn."""
        deck = Deck(Bank([tiny_pack(6)]), seed=1)
        drawn = {deck.draw().id for _ in range(2)}
        smaller = Bank([tiny_pack(3)])
        restored = Deck.from_state(smaller, deck.state())
        rest = {restored.draw().id for _ in range(restored.remaining)}
        assert rest == {"tiny/p0", "tiny/p1", "tiny/p2"} - drawn
        assert restored.cycle == 0

    def test_new_items_join_the_cycle(self) -> None:
        """Items added to the bank are drawn before the cycle ends."""
        deck = Deck(Bank([tiny_pack(3)]), seed=1)
        for _ in range(3):
            deck.draw()
        opened = deck.draw().id  # the first draw of the second cycle
        restored = Deck.from_state(Bank([tiny_pack(5)]), deck.state())
        assert restored.cycle == 1
        rest = [restored.draw().id for _ in range(restored.remaining)]
        assert sorted([opened, *rest]) == [f"tiny/p{i}" for i in range(5)]
        assert restored.cycle == 1

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            ({"version": 2}, "state['version']"),
            ({"kind": "card"}, "state['kind']"),
            ({"seed": 1.5}, "state['seed']"),
            ({"seed": True}, "state['seed']"),
            ({"filters": ["practice"]}, "state['filters']"),
            ({"filters": {"colour": "red"}}, "state['filters']"),
            ({"moods": "calm"}, "state['moods']"),
            ({"cycle": -1}, "state['cycle']"),
            ({"cycle": "1"}, "state['cycle']"),
            ({"drawn": "core/x"}, "state['drawn']"),
            ({"drawn": [1]}, "state['drawn']"),
        ],
    )
    def test_bad_state_names_the_key(self, change: dict[str, Any], where: str) -> None:
        """A damaged state raises one ValidationError (a ValueError) naming the bad key."""
        bank = Bank([tiny_pack(2)])
        state = {**Deck(bank, seed=1).state(), **change}
        with pytest.raises(ValidationError, match=where.replace("[", r"\[")) as info:
            Deck.from_state(bank, state)
        assert isinstance(info.value, IntimacyError)
        assert isinstance(info.value, ValueError)

    def test_missing_key_and_wrong_type(self) -> None:
        """A state without a key, or not a dict at all, is reported as such."""
        bank = Bank([tiny_pack(2)])
        state = Deck(bank).state()
        del state["drawn"]
        with pytest.raises(ValidationError, match=r"state\['drawn'\]: is missing"):
            Deck.from_state(bank, state)
        with pytest.raises(ValidationError, match=r"must be the dict Deck\.state"):
            Deck.from_state(bank, [])  # type: ignore[arg-type]

    def test_state_without_moods_key(self) -> None:
        """A state written without the moods key restores a deck without moods."""
        bank = Bank([tiny_pack(2)])
        state = Deck(bank, seed=3).state()
        del state["moods"]
        assert Deck.from_state(bank, state).rule is None
