"""Typed usage of the public API, checked by ``mypy --strict`` (and run by pytest).

Each ``assert_type`` states the type a user's editor and type checker see. If a signature
loosens (say, ``random_prompt`` starts returning ``Prompt | Exercise`` or ``Any``), mypy fails
here before any user notices. At run time ``assert_type`` does nothing, so each test also
asserts the value, to show the typed call works as written.
"""

from __future__ import annotations

import datetime as dt
import random
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, assert_type

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import (
    Bank,
    Deck,
    Depth,
    Exercise,
    Filters,
    InstalledPack,
    IntimacyError,
    Mood,
    NoMatchError,
    Pack,
    PackError,
    Plan,
    Practice,
    Problem,
    Prompt,
    Quadrant,
    Reference,
    Role,
    Step,
    Suited,
    TimedStep,
    Topic,
    UnknownIdError,
    UnknownNameError,
)
from intimacy.testing import exercises, packs, prompts

if TYPE_CHECKING:
    from pathlib import Path


class TestQueries:
    """The bank and the one-line shortcuts keep their precise return types."""

    def test_default_bank_and_queries(self) -> None:
        """Queries return tuples of the model asked for, never ``Any``."""
        bank = intimacy.default_bank()
        assert_type(bank, Bank)
        found = bank.prompts(practice="empathy", mood=[Mood.TIRED, "sad"], max_minutes=5)
        assert_type(found, tuple[Prompt, ...])
        assert_type(bank.exercises(depth=[1, "personal"]), tuple[Exercise, ...])
        assert_type(bank.packs, tuple[Pack, ...])
        assert all(prompt.practice is Practice.EMPATHY for prompt in found)

    def test_random_choices(self) -> None:
        """``random_prompt`` gives a ``Prompt`` and ``random_exercise`` an ``Exercise``."""
        prompt = intimacy.random_prompt(mood="tired", seed=7)
        assert_type(prompt, Prompt)
        exercise = intimacy.default_bank().random_exercise(rng=random.Random(1))
        assert_type(exercise, Exercise)
        assert_type(prompt.moods, frozenset[Mood])
        assert_type(prompt.follow_ups, tuple[str, ...])
        assert_type(exercise.steps, tuple[Step, ...])
        assert_type(exercise.safety, str | None)
        assert Mood.TIRED in prompt.moods

    def test_get_is_a_union_narrowed_by_isinstance(self) -> None:
        """``get`` returns ``Prompt | Exercise``; ``isinstance`` narrows it."""
        item = intimacy.default_bank().get("core/em-old-hurt-gently-heard")
        assert_type(item, Prompt | Exercise)
        assert isinstance(item, Exercise)
        assert_type(item, Exercise)
        timeline = item.timeline()
        assert_type(timeline, tuple[TimedStep, ...])
        assert timeline[-1].end == item.minutes

    def test_filters_typed_dict(self) -> None:
        """A ``Filters`` dict built ahead of time can be spread into any query."""
        filters: Filters = {"practice": "connection", "exclude_topics": ["grief", Topic.SEX]}
        bank = intimacy.default_bank()
        assert_type(bank.prompts(**filters), tuple[Prompt, ...])
        assert_type(bank.random_prompt(seed="x", **filters), Prompt)
        assert all(Topic.GRIEF not in prompt.topics for prompt in bank.prompts(**filters))

    def test_references(self) -> None:
        """``references()`` is a read-only mapping of keys to ``Reference``."""
        table = intimacy.references()
        assert_type(table, Mapping[str, Reference])
        assert table["gable2004"].citation


class TestVocabulary:
    """The enums parse to their own type."""

    def test_parse_returns_the_enum(self) -> None:
        """``parse`` returns the enum it is called on; properties are typed."""
        assert_type(Practice.parse("Quality Time"), Practice)
        assert_type(Mood.parse("angry"), Mood)
        assert_type(Role.parse("listener"), Role)
        assert_type(Topic.parse("grief"), Topic)
        assert_type(Depth.parse("deep"), Depth)
        assert_type(Mood.TENSE.quadrant, Quadrant)
        assert_type(Mood.names(), tuple[str, ...])
        assert Depth.parse("3") is Depth.DEEP


class TestPacks:
    """Loading and building packs."""

    def test_load_and_extend(self, tmp_path: Path) -> None:
        """``load_pack`` gives a ``Pack``; ``with_packs`` a new ``Bank``."""
        pack = Pack(
            name="ours",
            version="1",
            title="Ours",
            prompts=[
                Prompt(
                    id="ours/hello",
                    text="What made you smile today?",
                    practice="connection",
                    moods=["calm"],
                    minutes=2,
                    depth=1,
                )
            ],
        )
        path = tmp_path / "ours.toml"
        path.write_text(intimacy.dumps_pack(pack), encoding="utf-8")
        loaded = intimacy.load_pack(path)
        assert_type(loaded, Pack)
        assert_type(intimacy.load_packs(tmp_path), tuple[Pack | intimacy.Translation, ...])
        bank = intimacy.default_bank().with_packs(loaded)
        assert_type(bank, Bank)
        assert "ours/hello" in bank

    def test_installed_packs(self) -> None:
        """``installed_packs`` gives ``InstalledPack`` records."""
        with warnings.catch_warnings():  # a broken plugin installed nearby is not our subject
            warnings.simplefilter("ignore", intimacy.PluginWarning)
            found = intimacy.installed_packs()
        assert_type(found, tuple[InstalledPack, ...])
        assert all(isinstance(entry.pack, Pack) for entry in found)

    def test_render_keeps_the_model_type(self) -> None:
        """``render`` returns the same model type it is given."""
        prompt = intimacy.random_prompt(seed=1)
        assert_type(intimacy.render(prompt, partner="Sam"), Prompt)
        exercise = intimacy.random_exercise(seed=1)
        assert_type(intimacy.render(exercise, partner="Sam"), Exercise)
        assert intimacy.render(prompt).id == prompt.id

    def test_schema_is_json_data(self) -> None:
        """``pack_schema`` is a plain dict of JSON values, ready for ``json.dumps``."""
        schema = intimacy.pack_schema()
        assert_type(schema, dict[str, intimacy.JSON])
        assert "properties" in schema


class TestSessions:
    """Decks, the prompt of the day, plans and mood suiting."""

    def test_deck_is_generic(self) -> None:
        """A deck of prompts draws ``Prompt``; a deck of exercises draws ``Exercise``."""
        bank = intimacy.default_bank()
        prompts_deck = Deck(bank, seed=3, mood="calm")
        assert_type(prompts_deck, Deck[Prompt])
        assert_type(prompts_deck.draw(), Prompt)
        exercises_deck = Deck(bank, kind="exercise", seed=3)
        assert_type(exercises_deck, Deck[Exercise])
        assert_type(exercises_deck.draw(), Exercise)
        state = prompts_deck.state()
        assert_type(state, intimacy.DeckState)
        assert_type(Deck.from_state(bank, state, kind="prompt"), Deck[Prompt])
        assert_type(Deck.from_state(bank, exercises_deck.state(), kind="exercise"), Deck[Exercise])
        assert_type(Deck.from_state(bank, state), Deck[Prompt] | Deck[Exercise])

    def test_daily_and_plan(self) -> None:
        """``daily`` gives a ``Prompt`` for a date or a string; ``plan`` gives a ``Plan``."""
        assert_type(intimacy.daily(dt.date(2026, 11, 26), key="k"), Prompt)
        assert_type(intimacy.daily("2026-11-26"), Prompt)
        session = intimacy.plan(30, seed=1)
        assert_type(session, Plan)
        assert session.minutes <= 30

    def test_suit(self) -> None:
        """``suit`` keeps the item type it is given."""
        chosen = intimacy.suit(intimacy.default_bank().prompts(), ["tired", "playful"])
        assert_type(chosen, Suited[Prompt])
        assert chosen.rule in {"both", "careful"}


class TestErrors:
    """Errors are catchable by their builtin base and carry typed attributes."""

    def test_error_attributes(self) -> None:
        """``NoMatchError`` is a ``LookupError`` with its ``filters``."""
        with pytest.raises(LookupError) as caught:
            intimacy.random_prompt(mood="tired", depth=3)
        assert isinstance(caught.value, NoMatchError)
        assert_type(caught.value.filters, dict[str, object])
        assert caught.value.filters == {"mood": "tired", "depth": 3}

    def test_error_hierarchy(self) -> None:
        """Each error is an ``IntimacyError`` and the builtin it resembles."""
        assert issubclass(UnknownNameError, IntimacyError)
        assert issubclass(UnknownNameError, ValueError)
        assert issubclass(PackError, ValueError)
        assert issubclass(UnknownIdError, KeyError)
        problem = Problem("p.toml", "prompts[0].moods", "'sleepy' is not a mood")
        assert_type(problem.line, int | None)
        assert str(problem) == "p.toml: prompts[0].moods: 'sleepy' is not a mood"


class TestStrategies:
    """``intimacy.testing`` strategies generate the public models."""

    @given(st.data())
    def test_strategies_are_typed(self, data: st.DataObject) -> None:
        """Drawn values have the model types, and are valid."""
        prompt = data.draw(prompts())
        assert_type(prompt, Prompt)
        exercise = data.draw(exercises())
        assert_type(exercise, Exercise)
        assert exercise.minutes == sum(step.minutes for step in exercise.steps)
        assert_type(data.draw(packs(max_items=2)), Pack)
