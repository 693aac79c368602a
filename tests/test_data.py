"""The bundled bank: read from the installed package, valid, and as big and varied as promised."""

from __future__ import annotations

from collections import Counter
from importlib.resources import files

import pytest

import intimacy
from intimacy import Bank, Depth, Mood, Practice
from intimacy.bank.default import bundled_packs, bundled_translations

HIGH_ENERGY_UNPLEASANT = {Mood.STRESSED, Mood.TENSE, Mood.ANXIOUS}


class TestBundledFiles:
    def test_read_from_the_installed_package(self) -> None:
        """The data ships inside the package (.ci/run checks the package is the built wheel)."""
        folder = files("intimacy.data")
        names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
        assert names == ["core-es.json", "core.json"]
        assert folder.joinpath("core.json").read_bytes().startswith(b"{")

    def test_strict_loader_agrees(self) -> None:
        """Each bundled file passes the strict loader, which builds exactly the same pack."""
        folder = files("intimacy.data")
        for pack in bundled_packs():
            text = folder.joinpath(f"{pack.name}.json").read_bytes()
            assert intimacy.loads_pack(text, "json", source=pack.name) == pack
        for translation in bundled_translations():
            text = folder.joinpath(f"{translation.name}.json").read_bytes()
            loaded = intimacy.loads_translation(text, "json", source=translation.name)
            assert loaded == translation

    def test_default_bank_is_cached(self) -> None:
        """default_bank() is built once and then shared."""
        assert intimacy.default_bank() is intimacy.default_bank()

    def test_core_pack_metadata(self, bank: Bank) -> None:
        """The core pack says who made it and under which license."""
        (core,) = bank.packs
        assert core.name == "core"
        assert core.license == "CC-BY-4.0"
        assert core.language == "en"


class TestCoverage:
    def test_counts(self, bank: Bank) -> None:
        """At least 1,000 prompts (180 per practice) and 60 exercises (10 per practice)."""
        prompts, exercises = bank.prompts(), bank.exercises()
        assert len(prompts) >= 1000
        assert len(exercises) >= 60
        for practice in Practice:
            assert len(bank.prompts(practice=practice)) >= 180, practice
            assert len(bank.exercises(practice=practice)) >= 10, practice

    @pytest.mark.parametrize("practice", list(Practice), ids=str)
    def test_every_mood_cell(self, bank: Bank, practice: Practice) -> None:
        """Every practice x mood cell has at least 5 prompts."""
        counts = Counter(m for p in bank.prompts(practice=practice) for m in p.moods)
        thin = {str(m): counts[m] for m in Mood if counts[m] < 5}
        assert not thin

    @pytest.mark.parametrize("practice", list(Practice), ids=str)
    def test_every_depth_cell(self, bank: Bank, practice: Practice) -> None:
        """Every practice x depth cell has at least 30 prompts."""
        for depth in Depth:
            assert len(bank.prompts(practice=practice, depth=depth)) >= 30, depth

    def test_minutes_span(self, bank: Bank) -> None:
        """Prompts run from quick (1-2 minutes) to long conversations (15 or more)."""
        minutes = Counter(p.minutes for p in bank.prompts())
        assert sum(n for m, n in minutes.items() if m <= 2) >= 50
        assert sum(n for m, n in minutes.items() if m >= 15) >= 50

    def test_exercise_durations(self, bank: Bank) -> None:
        """Exercises run from 2 to 60+ minutes: 12 of 10 or less, 8 of 30 or more."""
        minutes = [e.minutes for e in bank.exercises()]
        assert sum(m <= 10 for m in minutes) >= 12
        assert sum(m >= 30 for m in minutes) >= 8
        assert min(minutes) <= 5
        assert max(minutes) >= 60


class TestSafety:
    def test_no_deep_item_for_tense_moods(self, bank: Bank) -> None:
        """No depth-3 prompt or exercise is offered for stressed, tense or anxious moods."""
        assert not bank.prompts(depth=3, mood=HIGH_ENERGY_UNPLEASANT)
        assert not bank.exercises(depth=3, mood=HIGH_ENERGY_UNPLEASANT)

    def test_tired_items_are_short(self, bank: Bank) -> None:
        """Prompts for a tired couple take five minutes or less."""
        assert all(p.minutes <= 5 for p in bank.prompts(mood="tired"))

    def test_deep_exercises_point_to_the_safety_page(self, bank: Bank) -> None:
        """Every deep exercise has a safety note that points to the safety page."""
        for exercise in bank.exercises(depth=3):
            assert exercise.safety, exercise.id
            assert "safety page" in exercise.safety, exercise.id

    def test_exercises_have_variations_and_closing(self, bank: Bank) -> None:
        """Each exercise offers a short and a long-distance version."""
        for exercise in bank.exercises():
            names = {v.name for v in exercise.variations}
            assert {"short", "long-distance"} <= names, exercise.id
