"""Calls that type checkers must reject, and that fail at run time too.

Each rejected line carries ``# type: ignore[code]``. mypy ``--strict`` (``warn_unused_ignores``)
and pyright (``reportUnnecessaryTypeIgnoreComment``, switched on for this file below) both
report an ignore that nothing needs: if a hole such as ``Prompt(...)`` without an ``id`` opens
again, the ignore becomes unnecessary and the type check fails.
"""
# pyright: reportUnnecessaryTypeIgnoreComment=true

from __future__ import annotations

import pytest

import intimacy
from intimacy import (
    Exercise,
    ExerciseData,
    IntimacyError,
    Pack,
    Prompt,
    PromptData,
    PromptTranslation,
    Step,
)


class TestConstructors:
    """A model's required fields are required for the type checker, as at run time."""

    def test_prompt_without_id(self) -> None:
        """``Prompt(...)`` without ``id`` is a type error and a ``TypeError``."""
        with pytest.raises(TypeError, match="id"):
            Prompt(  # type: ignore[call-arg]
                text="What made you smile today?",
                practice="connection",
                moods=["calm"],
                minutes=2,
                depth=1,
            )

    def test_exercise_and_translation_without_id(self) -> None:
        """``Exercise`` and ``PromptTranslation`` need their ``id`` too."""
        with pytest.raises(TypeError, match="id"):
            Exercise(  # type: ignore[call-arg]
                title="T",
                summary="S",
                practice="empathy",
                steps=[Step(text="Listen.", minutes=2)],
                minutes=2,
                depth=1,
                moods=["calm"],
                why="W",
            )
        with pytest.raises(TypeError, match="id"):
            PromptTranslation(text="¿Qué te hizo sonreír hoy?")  # type: ignore[call-arg]

    def test_id_must_be_a_string(self) -> None:
        """An ``id`` that is not a ``str`` is a type error and a ``ValidationError``."""
        with pytest.raises(intimacy.ValidationError):
            Step(text="Listen.", minutes="2")  # type: ignore[arg-type]

    def test_retired_must_be_a_mapping(self) -> None:
        """``Pack.retired`` takes a mapping of ids, not anything."""
        with pytest.raises(intimacy.ValidationError):
            Pack(name="p", version="1", title="P", retired=["p/old"])  # type: ignore[arg-type]


class TestData:
    """The data shapes and ``export`` are checked as precisely as they are documented."""

    def test_shapes_do_not_mix(self) -> None:
        """An exercise's data is not a prompt's."""
        exercise = intimacy.random_exercise(seed=1)
        data: PromptData = exercise.to_dict()  # type: ignore[assignment]
        assert "steps" in data
        right: ExerciseData = exercise.to_dict()
        assert right["steps"]

    def test_export_format_is_checked(self) -> None:
        """An unknown format is a type error and an ``IntimacyError``."""
        with pytest.raises(IntimacyError):
            intimacy.export([], "pdf")  # type: ignore[arg-type]
