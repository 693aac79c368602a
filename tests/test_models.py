from __future__ import annotations

from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import (
    Depth,
    Exercise,
    IntimacyError,
    Mood,
    Pack,
    Practice,
    Prompt,
    Reference,
    Role,
    Step,
    ValidationError,
    Variation,
)
from intimacy.testing import exercises, packs, prompts

PROMPT: dict[str, Any] = {
    "id": "test/warm-up",
    "text": "What made you laugh today?",
    "practice": "connection",
    "moods": ["playful"],
    "minutes": 2,
    "depth": 1,
}
STEPS = (Step(text="Sit together.", minutes=1), Step(text="Talk.", minutes=4, role="speaker"))
EXERCISE: dict[str, Any] = {
    "id": "test/talk",
    "title": "Talk",
    "summary": "A short talk.",
    "practice": "active-listening",
    "steps": STEPS,
    "minutes": 5,
    "depth": 2,
    "moods": ["calm"],
    "why": "Because.",
}


def problems(error: ValidationError) -> dict[str, str]:
    return dict(error.problems)


class TestPrompt:
    def test_converts_names_and_collections(self) -> None:
        """Slugs become enum members and lists become frozensets and tuples."""
        prompt = Prompt(**PROMPT, tags=["fun", "fun"], follow_ups=["And then?"])
        assert prompt.practice is Practice.CONNECTION
        assert prompt.moods == frozenset({Mood.PLAYFUL})
        assert prompt.depth is Depth.LIGHT
        assert prompt.tags == frozenset({"fun"})
        assert prompt.follow_ups == ("And then?",)
        assert prompt.language == "en"

    def test_frozen(self) -> None:
        """A prompt cannot be changed after it is made."""
        prompt = Prompt(**PROMPT)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            prompt.text = "changed"  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("field", "value", "reason"),
        [
            ("id", "no-slash", "is not an id"),
            ("id", "Test/Upper", "is not an id"),
            ("id", "test/" + "a" * 80, "is not an id"),
            ("text", "", "must not be empty"),
            ("text", "   ", "must not be empty"),
            ("text", "x" * 301, "the limit is 300"),
            ("text", 5, "must be a string"),
            ("minutes", 0, "from 1 to 240"),
            ("minutes", 241, "from 1 to 240"),
            ("minutes", 2.5, "whole number"),
            ("minutes", True, "whole number"),
            ("moods", [], "must not be empty"),
            ("tags", ["Not A Tag"], "is not a tag"),
            ("language", "English", "is not a language tag"),
        ],
    )
    def test_rejects(self, field: str, value: object, reason: str) -> None:
        """Each broken field is named with the rule it breaks."""
        with pytest.raises(ValidationError) as info:
            Prompt(**{**PROMPT, field: value})
        assert reason in problems(info.value)[field]

    def test_reports_every_broken_field(self) -> None:
        """One error names all the fields that are wrong, not just the first."""
        with pytest.raises(ValidationError) as info:
            Prompt(**{**PROMPT, "text": "", "minutes": 0, "id": "x"})
        assert set(problems(info.value)) == {"text", "minutes", "id"}
        assert isinstance(info.value, IntimacyError)
        assert isinstance(info.value, ValueError)

    def test_bad_collection_names_the_element(self) -> None:
        """An unknown mood is reported at its index; a bare string is not a list."""
        with pytest.raises(ValidationError) as info:
            Prompt(**{**PROMPT, "moods": ["calm", "sleepyy"]})
        assert "moods[1]" in problems(info.value)
        with pytest.raises(ValidationError) as info:
            Prompt(**{**PROMPT, "moods": "calm"})
        assert "must be a list" in problems(info.value)["moods"]

    @given(prompts())
    def test_generated_prompts_are_valid(self, prompt: Prompt) -> None:
        """Rebuilding a valid prompt from its own fields gives an equal prompt."""
        assert Prompt(**attrs.asdict(prompt, recurse=False)) == prompt


class TestExercise:
    def test_minutes_must_add_up(self) -> None:
        """An exercise's minutes must equal the sum of its steps' minutes."""
        with pytest.raises(ValidationError) as info:
            Exercise(**{**EXERCISE, "minutes": 6})
        assert problems(info.value)["minutes"] == "is 6 but the steps add up to 5"

    def test_steps_must_be_steps(self) -> None:
        """Steps given as plain dicts are rejected, naming the index."""
        with pytest.raises(ValidationError) as info:
            Exercise(**{**EXERCISE, "steps": [{"text": "x", "minutes": 5}]})
        assert "must be a Step" in problems(info.value)["steps[0]"]

    def test_optional_parts(self) -> None:
        """Variations, research and a safety note are kept as given."""
        exercise = Exercise(
            **EXERCISE,
            research=["aron1997"],
            variations=[Variation(name="short", text="Two minutes each.")],
            safety="Either of you can pass.",
        )
        assert exercise.variations[0].name == "short"
        assert exercise.research == ("aron1997",)
        assert exercise.steps[1].role is Role.SPEAKER

    def test_blank_safety_is_rejected(self) -> None:
        """A safety note, when present, says something."""
        with pytest.raises(ValidationError):
            Exercise(**EXERCISE, safety=" ")

    @given(exercises())
    def test_generated_exercises_add_up(self, exercise: Exercise) -> None:
        """Every generated exercise keeps the minutes law."""
        assert exercise.minutes == sum(step.minutes for step in exercise.steps)


class TestStepAndReference:
    def test_step_role_defaults_to_both(self) -> None:
        """A step without a role is for both partners."""
        assert Step(text="Breathe.", minutes=1).role is Role.BOTH

    def test_step_rejects_unknown_role(self) -> None:
        """An unknown role names the closest one."""
        with pytest.raises(ValueError, match="did you mean 'listener'"):
            Step(text="x", minutes=1, role="listner")

    def test_reference_url_optional(self) -> None:
        """A reference needs a key and a citation; a URL is optional."""
        assert Reference(key="aron1997", citation="Aron et al.").url is None
        with pytest.raises(ValidationError):
            Reference(key="Aron 1997", citation="Aron et al.")


class TestPack:
    def test_ids_must_carry_the_pack_name(self) -> None:
        """Every id starts with the pack's name and a slash."""
        with pytest.raises(ValidationError) as info:
            Pack(name="mine", version="1", title="Mine", prompts=[Prompt(**PROMPT)])
        assert "must start with 'mine/'" in problems(info.value)["prompts[0].id"]

    def test_duplicate_ids(self) -> None:
        """An id used twice is reported at its second use."""
        prompt = Prompt(**PROMPT)
        with pytest.raises(ValidationError) as info:
            Pack(name="test", version="1", title="T", prompts=[prompt, prompt])
        assert "more than once" in problems(info.value)["prompts[1].id"]

    def test_language_must_match(self) -> None:
        """An item's language must be the pack's."""
        with pytest.raises(ValidationError) as info:
            Pack(name="test", version="1", title="T", language="es", prompts=[Prompt(**PROMPT)])
        assert (
            "differs from the pack's language 'es'" in problems(info.value)["prompts[0].language"]
        )

    def test_duplicate_reference_keys(self) -> None:
        """A reference key is defined once per pack."""
        ref = Reference(key="a", citation="A.")
        with pytest.raises(ValidationError) as info:
            Pack(name="test", version="1", title="T", references=[ref, ref])
        assert "references[0].key" in problems(info.value)

    @pytest.mark.parametrize("version", [2, 0, "1"])
    def test_schema_version(self, version: object) -> None:
        """Only the supported schema version is accepted, and the error says which it is."""
        with pytest.raises(ValidationError, match="schema_version = 1"):
            Pack(name="test", version="1", title="T", schema_version=version)  # type: ignore[arg-type]

    @given(packs())
    def test_generated_packs_hold_unique_ids(self, pack: Pack) -> None:
        """Generated packs keep the pack laws: unique, prefixed ids."""
        ids = [p.id for p in pack.prompts] + [e.id for e in pack.exercises]
        assert len(ids) == len(set(ids))
        assert all(i.startswith(pack.name + "/") for i in ids)

    @given(st.sampled_from(["prompts", "exercises", "references", "authors"]))
    def test_collections_reject_strings(self, field: str) -> None:
        """A bare string is never taken as a list of characters."""
        with pytest.raises(ValidationError, match="must be a list"):
            Pack(name="test", version="1", title="T", **cast("Any", {field: "abc"}))
