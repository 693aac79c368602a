"""Tests of decks: no repeats within a cycle, state that survives JSON and bank changes."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

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
    UnknownFilterError,
    UnknownNameError,
    ValidationError,
)
from intimacy.testing import numbered_pack, packs, prompts

if TYPE_CHECKING:
    from collections.abc import Mapping


def tiny_pack(count: int, name: str = "tiny") -> Pack:
    """A pack of ``count`` light empathy prompts for calm moods."""
    return numbered_pack(count, name=name, practice="empathy")


def through_json(state: Mapping[str, object]) -> dict[str, Any]:
    """The state as an app would get it back from storage."""
    loaded: dict[str, Any] = json.loads(json.dumps(state))
    return loaded


class DeckMachine(RuleBasedStateMachine):
    """Draws, saves and restores, and changes the bank, checking the deck's promises.

    With the bank unchanged: every draw matches, no item comes twice in a cycle, a cycle ends
    only when every item was drawn, and two draws of one item are at least ``n // 2 + 1``
    draws apart. Across a bank change: nothing drawn in the cycle comes back in it, items that
    were there the whole cycle are drawn before it ends, and the gap holds again for draws
    from the cycle after the change on.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pack = tiny_pack(1)
        self.bank = Bank([self.pack])
        self.filters: dict[str, Any] = {}
        self.deck: Deck[Prompt] = Deck(self.bank)
        self.seen: set[str] = set()
        self.whole_cycle: set[str] = set()  # in the pool since the cycle began
        self.joined: set[str] = set()  # joined the pool during this cycle
        self.shown: dict[str, tuple[int, int]] = {}  # id: (draw number, cycle) of its last draw
        self.draws = 0
        self.steady_from = 0  # the first cycle wholly on the current bank

    @initialize(
        pack=packs(10),
        seed=st.integers() | st.text(max_size=8),
        practice=st.none() | st.sampled_from(Practice),
        data=st.data(),
    )
    def start(
        self, pack: Pack, seed: int | str, practice: Practice | None, data: st.DataObject
    ) -> None:
        self.pack = pack
        self.bank = Bank([pack])
        self.filters = {} if practice is None else {"practice": practice}
        ids = [prompt.id for prompt in pack.prompts]
        excluded: list[str] = data.draw(
            st.lists(st.sampled_from(ids), max_size=3) if ids else st.just([])
        )
        if excluded:
            self.filters["exclude"] = excluded
        self.deck = Deck(self.bank, seed=seed, **self.filters)
        self.whole_cycle = self.pool()

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
            assert self.whole_cycle <= self.seen, "a cycle ended before every item was drawn"
            self.seen, self.whole_cycle, self.joined = set(), set(pool), set()
        assert drawn not in self.seen, "an item came twice in one cycle"
        self.seen.add(drawn)
        if drawn in self.shown and self.shown[drawn][1] >= self.steady_from:
            gap = self.draws - self.shown[drawn][0]
            assert gap >= len(pool) // 2 + 1, f"{drawn} came back after {gap} draws"
        self.shown[drawn] = (self.draws, self.deck.cycle)
        self.draws += 1
        return drawn

    @rule()
    def draw(self) -> None:
        self.checked_draw()

    @rule(count=st.integers(1, 12))
    def save_and_restore(self, count: int) -> None:
        restored = Deck.from_state(self.bank, through_json(self.deck.state()), kind="prompt")
        assert restored.state() == self.deck.state()
        ahead = [restored.draw().id if self.pool() else None for _ in range(count)]
        assert ahead == [self.checked_draw() for _ in range(count)]

    @rule(data=st.data())
    def change_bank(self, data: st.DataObject) -> None:
        state = through_json(self.deck.state())
        before = self.pool()
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
        self.deck = Deck.from_state(self.bank, state, kind="prompt")
        self.whole_cycle &= self.pool()
        self.joined |= self.pool() - before
        self.steady_from = self.deck.cycle + 1

    @invariant()
    def remaining_counts_the_undrawn(self) -> None:
        undrawn = self.pool() - self.seen
        assert len(undrawn - self.joined) <= self.deck.remaining <= len(undrawn)
        assert len(self.deck) == len(self.pool())

    @invariant()
    def state_stays_small(self) -> None:
        assert len(json.dumps(self.deck.state())) < 600


TestDeckMachine = DeckMachine.TestCase
TestDeckMachine.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)


class TestSameEverywhere:
    def test_pinned_draws(self, intimacy_deck: Deck[Prompt]) -> None:
        """The plugin's seeded deck draws this order forever: apps on other versions agree."""
        drawn = [intimacy_deck.draw().id.removeprefix("sample/") for _ in range(12)]
        assert drawn == [
            *("old-hurt", "retell", "best-part", "slow-sunday", "small-fear", "heard"),
            *("their-shoes", "never-said", "next-adventure", "thanks", "slow-sunday", "best-part"),
        ]

    @pytest.mark.parametrize("hash_seed", ["0", "77"])
    def test_identical_across_hash_seeds(self, bank: Bank, hash_seed: str) -> None:
        """Another process, with another PYTHONHASHSEED, draws the very same sequence."""
        script = (
            "import intimacy\n"
            "deck = intimacy.Deck(intimacy.default_bank(), practice='empathy', seed='s')\n"
            "print(' '.join(deck.draw().id for _ in range(300)))\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        deck = Deck(bank, practice="empathy", seed="s")
        assert done.stdout.split() == [deck.draw().id for _ in range(300)]


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
        assert deck.position == 7
        deck.draw()
        assert (deck.cycle, deck.position) == (1, 1)

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
        restored = Deck.from_state(bank, through_json(dict(deck.state())))
        assert len(restored) == 0
        with pytest.raises(NoMatchError, match="practice"):
            restored.draw()

    def test_bad_arguments(self) -> None:
        """An unknown filter value or name, kind or seed type fails when the deck is made."""
        bank = Bank([tiny_pack(3)])
        with pytest.raises(UnknownNameError, match="did you mean 'empathy'"):
            Deck(bank, practice="empaty")
        with pytest.raises(UnknownFilterError, match="did you mean 'practice'"):
            Deck(bank, practise="empathy")  # type: ignore[call-overload]
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
        restored = Deck.from_state(bank, through_json(dict(deck.state())))
        assert restored.rule == deck.rule
        assert [restored.draw() for _ in range(5)] == [deck.draw() for _ in range(5)]


class TestState:
    def test_state_is_small_plain_data(self, bank: Bank) -> None:
        """The state holds plain values: the deck's settings and where it stands."""
        deck = Deck(bank, practice=["empathy", "connection"], mood="calm", max_depth=2, seed=8)
        first = deck.draw()
        state = deck.state()
        assert through_json(dict(state)) == state
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
            "position": 1,
            "last": first.id,
            "split": state["split"],
        }
        assert state["split"] in {prompt.id for prompt in bank.prompts(**state["filters"])}

    def test_state_does_not_grow_with_draws(self, intimacy_bank: Bank) -> None:
        """After hundreds of draws the state is as small as after one."""
        deck = Deck(intimacy_bank, seed=1)
        deck.draw()
        sizes = {len(json.dumps(deck.state()))}
        for _ in range(500):
            deck.draw()
            sizes.add(len(json.dumps(deck.state())))
        assert max(sizes) < 300
        assert deck.cycle == 50

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
                "exclude": st.lists(st.sampled_from(["core/em-hungry-or-upset", "x/y"])),
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
        restored = Deck.from_state(bank, through_json(dict(deck.state())), kind="prompt")
        assert restored.state() == deck.state()
        assert len(restored) == len(deck)
        ahead = min(5, len(deck))
        assert [restored.draw() for _ in range(ahead)] == [deck.draw() for _ in range(ahead)]

    def test_exercise_state_restores_as_exercises(self, intimacy_bank: Bank) -> None:
        """An exercise deck comes back as one, and asking for a prompt deck from it fails."""
        deck = Deck(intimacy_bank, kind="exercise", seed=2)
        deck.draw()
        state = through_json(dict(deck.state()))
        restored = Deck.from_state(intimacy_bank, state, kind="exercise")
        assert isinstance(restored.draw(), Exercise)
        assert isinstance(Deck.from_state(intimacy_bank, state).draw(), Exercise)
        with pytest.raises(ValidationError, match=r"state\['kind'\]: is 'exercise'"):
            Deck.from_state(intimacy_bank, state, kind="prompt")

    def test_restore_on_a_smaller_bank(self) -> None:
        """Items gone from the bank are skipped; the cycle ends when the rest are drawn."""
        deck = Deck(Bank([tiny_pack(6)]), seed=1)
        drawn = {deck.draw().id for _ in range(2)}
        smaller = Bank([tiny_pack(3)])
        restored = Deck.from_state(smaller, deck.state())
        rest = {restored.draw().id for _ in range(restored.remaining)}
        assert rest == {"tiny/p0", "tiny/p1", "tiny/p2"} - drawn
        assert restored.cycle == 0

    def test_new_items_join(self) -> None:
        """Items added to the bank come in this cycle if it has not passed them, else the next."""
        deck = Deck(Bank([tiny_pack(6)]), seed=1)
        drawn = [deck.draw().id for _ in range(3)]
        restored = Deck.from_state(Bank([tiny_pack(12)]), deck.state(), kind="prompt")
        rest = [restored.draw().id for _ in range(restored.remaining)]
        assert restored.cycle == 0
        assert {f"tiny/p{i}" for i in range(6)} - set(drawn) <= set(rest)
        assert not set(drawn) & set(rest)
        late = {f"tiny/p{i}" for i in range(12)} - set(drawn) - set(rest)
        assert late, "with this seed some new items fall behind the cycle's place"
        following = [restored.draw().id for _ in range(12)]
        assert restored.cycle == 1
        assert late <= set(following)

    def test_removed_and_added_back_does_not_repeat(self) -> None:
        """An item drawn, removed and added back is not drawn again in the same cycle."""
        deck = Deck(Bank([tiny_pack(5)]), seed=4)
        first = deck.draw().id
        without = Bank([attrs.evolve(tiny_pack(5), prompts=())])
        emptied = Deck.from_state(without, deck.state())
        assert len(emptied) == 0
        back = Deck.from_state(Bank([tiny_pack(5)]), emptied.state())
        assert first not in {back.draw().id for _ in range(back.remaining)}

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            ({"version": 2}, "state['version']"),
            ({"kind": "card"}, "state['kind']"),
            ({"seed": 1.5}, "state['seed']"),
            ({"seed": True}, "state['seed']"),
            ({"filters": ["practice"]}, "state['filters']"),
            ({"filters": {"colour": "red"}}, "state['filters']"),
            ({"filters": {"practise": "empathy"}}, "state['filters']"),
            ({"moods": "calm"}, "state['moods']"),
            ({"cycle": -1}, "state['cycle']"),
            ({"cycle": 2**63}, "state['cycle']"),
            ({"cycle": "1"}, "state['cycle']"),
            ({"position": -1}, "state['position']"),
            ({"position": 1.0}, "state['position']"),
            ({"last": 3}, "state['last']"),
            ({"last": None}, "state['last']"),
            ({"split": ["tiny/p0"]}, "state['split']"),
            ({"drawn": ["tiny/p0"]}, "state['drawn']"),
        ],
    )
    def test_bad_state_names_the_key(self, change: dict[str, Any], where: str) -> None:
        """A damaged state raises one ValidationError (a ValueError) naming the bad key."""
        bank = Bank([tiny_pack(2)])
        deck = Deck(bank, seed=1)
        deck.draw()
        state = {**deck.state(), **change}
        with pytest.raises(ValidationError, match=where.replace("[", r"\[")) as info:
            Deck.from_state(bank, state)
        assert isinstance(info.value, IntimacyError)
        assert isinstance(info.value, ValueError)

    def test_missing_key_and_wrong_type(self) -> None:
        """A state without a key, or not a dict at all, is reported as such."""
        bank = Bank([tiny_pack(2)])
        state: dict[str, object] = dict(Deck(bank).state())
        del state["last"]
        with pytest.raises(ValidationError, match=r"state\['last'\]: is missing"):
            Deck.from_state(bank, state)
        with pytest.raises(ValidationError, match=r"must be the dict Deck\.state"):
            Deck.from_state(bank, [])  # type: ignore[call-overload]

    def test_last_cycle_wraps(self) -> None:
        """The deck at the last cycle a state can hold wraps round to cycle 0, not a crash."""
        bank = Bank([tiny_pack(2)])
        deck = Deck(bank, seed=1)
        deck.draw()
        deck.draw()
        state = {**deck.state(), "cycle": 2**63 - 1}
        restored = Deck.from_state(bank, state, kind="prompt")
        restored.draw()
        assert restored.cycle == 0
