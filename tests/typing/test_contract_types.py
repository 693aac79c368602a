"""Typed usage of the data-in-and-out API and of the rest of ``intimacy.__all__``.

Checked by ``mypy --strict`` and by pyright in strict mode (see ``[tool.pyright]``), and run by
pytest. ``test_every_public_name_is_typed_here`` makes sure that every public name appears in
this folder, so a new one cannot go unchecked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, assert_type

import pytest

import intimacy
from intimacy import (
    CONCEPT_GROUPS,
    IDIOMS,
    JSON,
    PLACEHOLDERS,
    SPELLING_VARIANTS,
    TOUCH_OFFERS,
    TOUCH_WORDS,
    ArgumentTypeError,
    Coverage,
    Depth,
    Energy,
    Exercise,
    ExerciseData,
    ExerciseItemData,
    ExerciseTranslation,
    ExerciseTranslationData,
    Finding,
    Format,
    ItemData,
    Mood,
    MoodRule,
    OutputError,
    Pack,
    PackData,
    Part,
    Plan,
    PlanData,
    PlanEntryData,
    Pleasantness,
    Practice,
    Prompt,
    PromptData,
    PromptItemData,
    PromptTranslation,
    PromptTranslationData,
    Reference,
    ReferenceData,
    RetiredIdError,
    Role,
    Step,
    StepData,
    Translation,
    TranslationData,
    UnknownFilterError,
    ValidationError,
    Variation,
    VariationData,
)


class TestDataInAndOut:
    """``to_dict`` gives each model's TypedDict; ``from_dict`` gives the model back."""

    def test_prompt(self) -> None:
        """A prompt's data is a ``PromptData`` whose fields are plain types."""
        prompt = intimacy.random_prompt(seed=1)
        data = prompt.to_dict()
        assert_type(data, PromptData)
        assert_type(data["moods"], list[str])
        assert_type(data["depth"], int)
        assert_type(Prompt.from_dict(data), Prompt)
        assert Prompt.from_dict(json.loads(json.dumps(data))) == prompt

    def test_exercise_and_its_parts(self) -> None:
        """Exercises, steps, variations and references have their own shapes."""
        exercise = intimacy.random_exercise(seed=1)
        data = exercise.to_dict()
        assert_type(data, ExerciseData)
        assert_type(data["steps"], list[StepData])
        assert_type(data["safety"], str | None)
        assert_type(Exercise.from_dict(data), Exercise)
        step = exercise.steps[0]
        assert_type(step.to_dict(), StepData)
        assert_type(Step.from_dict(step.to_dict()), Step)
        variation = Variation(name="short", text="Do one round only.")
        assert_type(variation.to_dict(), VariationData)
        assert_type(Variation.from_dict(variation.to_dict()), Variation)
        reference = intimacy.references()["gable2004"]
        assert_type(reference.to_dict(), ReferenceData)
        assert_type(Reference.from_dict(reference.to_dict()), Reference)
        assert Step.from_dict(step.to_dict()) == step

    def test_packs_and_translations(self) -> None:
        """Packs and translation packs, and the words of each translated item."""
        bank = intimacy.default_bank()
        pack = bank.packs[0]
        assert_type(pack.to_dict(), PackData)
        assert_type(pack.to_dict()["retired"], dict[str, str])
        assert_type(Pack.from_dict(pack.to_dict()), Pack)
        translation = bank.translations[0]
        assert_type(translation.to_dict(), TranslationData)
        assert_type(Translation.from_dict(translation.to_dict()), Translation)
        words = translation.prompts[0]
        assert_type(words, PromptTranslation)
        assert_type(words.to_dict(), PromptTranslationData)
        assert_type(PromptTranslation.from_dict(words.to_dict()), PromptTranslation)
        steps = translation.exercises[0]
        assert_type(steps, ExerciseTranslation)
        assert_type(steps.to_dict(), ExerciseTranslationData)
        assert_type(ExerciseTranslation.from_dict(steps.to_dict()), ExerciseTranslation)
        assert Translation.from_dict(translation.to_dict()) == translation

    def test_plan(self) -> None:
        """A plan's data lists entries whose items carry their kind, narrowed by it."""
        session = intimacy.plan(30, seed=2)
        data = session.to_dict()
        assert_type(data, PlanData)
        entry = data["items"][0]
        assert_type(entry, PlanEntryData)
        assert_type(entry["part"], Part)
        item = entry["item"]
        assert_type(item, ItemData)
        if item["kind"] == "prompt":
            assert_type(item, PromptItemData)
        else:
            assert_type(item, ExerciseItemData)
            assert_type(item["steps"], list[StepData])
        assert_type(data["rule"], Literal["both", "careful"] | None)
        assert_type(Plan.from_dict(data), Plan)
        assert_type(session.rule, MoodRule | None)
        assert Plan.from_dict(data) == session

    def test_export(self) -> None:
        """``export`` takes items and a format, and returns text."""
        fmt: Format = "markdown"
        text = intimacy.export([intimacy.random_prompt(seed=1)], fmt)
        assert_type(text, str)
        refs: Mapping[str, Reference] = intimacy.references()
        assert_type(intimacy.export((), "json", references=refs), str)
        assert text.startswith("# ")

    def test_json_values(self) -> None:
        """``JSON`` is any JSON value; the schema's values are JSON."""
        value: JSON = {"a": [1, 2.5, True, None, "x"]}
        assert_type(intimacy.pack_schema()["type"], JSON)
        assert json.loads(json.dumps(value)) == value


class TestVocabulary:
    """The enums are strings (Depth an int) with typed display names."""

    def test_members_are_strings(self) -> None:
        """A member is usable wherever a ``str`` is."""
        slug: str = Practice.EMPATHY
        assert_type(Practice.EMPATHY.label, str)
        assert_type(Practice.EMPATHY.label_in("es"), str)
        assert_type(Role.SPEAKER.label, str)
        assert_type(Mood.CALM.energy, Energy)
        assert_type(Mood.CALM.quadrant.pleasantness, Pleasantness)
        assert_type(Pleasantness.parse("pleasant"), Pleasantness)
        assert_type(Energy.names(), tuple[str, ...])
        assert_type(sorted({Mood.CALM, Mood.SAD}), list[Mood])
        assert slug == "empathy"

    def test_depth_is_an_int(self) -> None:
        """A depth is usable wherever an ``int`` is, and has a label."""
        number: int = Depth.DEEP
        assert_type(Depth.DEEP.label, str)
        assert_type(Depth.DEEP.name_in("es"), str)
        assert number == 3


class TestPacksAndLint:
    """Reading translation packs, linting, and the word lists the linter uses."""

    def test_loads_and_lint(self, tmp_path: Path) -> None:
        """``loads_pack`` gives a Pack, ``loads_translation`` a Translation, ``lint`` findings."""
        bank = intimacy.default_bank()
        pack = bank.packs[0]
        assert_type(intimacy.loads_pack(intimacy.dumps_pack(pack, "json"), "json"), Pack)
        translation = bank.translations[0]
        text = intimacy.dumps_pack(translation)
        assert_type(intimacy.loads_translation(text, "toml"), Translation)
        path = tmp_path / "es.toml"
        path.write_text(text, encoding="utf-8")
        assert_type(intimacy.load_translation(path), Translation)
        findings = intimacy.lint(pack, translation)
        assert_type(findings, tuple[Finding, ...])
        assert all(isinstance(finding, Finding) for finding in findings)

    def test_word_lists(self) -> None:
        """The constants are tuples and a read-only mapping."""
        assert_type(CONCEPT_GROUPS, tuple[tuple[str, ...], ...])
        assert_type(IDIOMS, tuple[str, ...])
        assert_type(SPELLING_VARIANTS, tuple[tuple[str, str, str], ...])
        assert_type(TOUCH_WORDS, tuple[str, ...])
        assert_type(TOUCH_OFFERS, tuple[str, ...])
        assert_type(PLACEHOLDERS, Mapping[str, str])
        assert "partner" in PLACEHOLDERS

    def test_languages(self) -> None:
        """``languages()`` gives one ``Coverage`` per language."""
        found = intimacy.languages()
        assert_type(found, tuple[Coverage, ...])
        assert_type(found[0].share, float)


class TestErrors:
    """The errors not checked elsewhere carry typed attributes."""

    def test_validation_error(self) -> None:
        """``from_dict`` raises ``ValidationError`` with ``(path, reason)`` pairs."""
        with pytest.raises(ValidationError) as caught:
            Step.from_dict({"text": "Listen.", "minutes": "3"})
        assert_type(caught.value.problems, tuple[tuple[str, str], ...])
        assert caught.value.problems[0][0] == "minutes"

    def test_other_errors(self) -> None:
        """The remaining error classes are the builtins they resemble."""
        assert issubclass(ArgumentTypeError, TypeError)
        assert issubclass(OutputError, OSError)
        assert issubclass(RetiredIdError, KeyError)
        assert issubclass(UnknownFilterError, TypeError)
        error = RetiredIdError("core/old", "core/new")
        assert_type(error.replaced_by, str)


def test_every_public_name_is_typed_here() -> None:
    """Each name of ``intimacy.__all__`` is used in a typing test of this folder."""
    text = "".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("*.py"))
    missing = [name for name in intimacy.__all__ if not re.search(rf"\b{name}\b", text)]
    assert missing == []
