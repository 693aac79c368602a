from __future__ import annotations

from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import (
    PLACEHOLDERS,
    Exercise,
    PackError,
    Prompt,
    Step,
    ValidationError,
    loads_pack,
    render,
)
from intimacy._placeholders import placeholders_in

BASE = {"id": "my/hello", "practice": "connection", "moods": ["calm"], "minutes": 2, "depth": 1}


def prompt(text: str, **more: object) -> Prompt:
    return Prompt(**BASE, text=text, **more)  # type: ignore[arg-type]


class TestRender:
    def test_defaults_follow_the_language(self) -> None:
        """A placeholder without a value gets its default in the item's language."""
        prompt = Prompt(
            id="my/a", text="Ask $partner, then $partner_a.", practice="connection",
            moods=["calm"], minutes=2, depth=1, language="es-MX",
        )  # fmt: skip
        assert render(prompt).text == "Ask tu pareja, then Persona A."
        assert render(prompt, partner="Sam").text == "Ask Sam, then Persona A."
        english = render(attrs.evolve(prompt, language="en")).text
        assert english == "Ask your partner, then Partner A."

    def test_fills_values_and_defaults(self) -> None:
        """Given values fill their placeholders; missing ones get a sensible default."""
        item = prompt("Tell $partner one thing you liked today.", follow_ups=["Ask ${partner}."])
        named = render(item, partner="Sam")
        assert named.text == "Tell Sam one thing you liked today."
        assert named.follow_ups == ("Ask Sam.",)
        assert render(item).text == "Tell your partner one thing you liked today."
        assert item.text.startswith("Tell $partner")

    def test_dollar_escape_and_plain_dollars(self) -> None:
        """$$ is a dollar sign, and a dollar before a number is left alone."""
        assert render(prompt("What would you do with $$5? Or $10?")).text == (
            "What would you do with $5? Or $10?"
        )

    def test_values_are_inserted_verbatim(self) -> None:
        """A value that looks like a placeholder or a format field is not expanded again."""
        item = prompt("Say hi to $partner.")
        assert render(item, partner="$partner {0.__class__}").text == (
            "Say hi to $partner {0.__class__}."
        )

    def test_exercise_steps(self) -> None:
        """An exercise's steps and texts are rendered too."""
        exercise = Exercise(
            id="my/ex",
            title="For $partner",
            summary="With $partner_a and $partner_b.",
            practice="empathy",
            steps=[Step(text="$partner_a talks to $partner.", minutes=2)],
            minutes=2,
            depth=1,
            moods=["calm"],
            why="Because.",
            safety="Ask $partner first.",
        )
        done = render(exercise, partner="Ana")
        assert done.steps[0].text == "Partner A talks to Ana."
        assert done.title == "For Ana"
        assert done.safety == "Ask Ana first."

    def test_unknown_value_name(self) -> None:
        """Naming a value that is not a placeholder is an error that lists the real ones."""
        with pytest.raises(ValidationError, match="is not a placeholder; use one of partner"):
            render(prompt("Hi."), partnr="Sam")
        with pytest.raises(ValidationError, match="must be a string"):
            render(prompt("Hi."), **cast("Any", {"partner": 5}))

    @given(st.text(max_size=40))
    def test_render_never_fails_on_allowed_text(self, value: str) -> None:
        """Any string value renders, and the result contains it."""
        assert value in render(prompt("Hello, $partner!"), partner=value).text


class TestChecks:
    def test_rendered_text_may_hold_dollars(self) -> None:
        """Models hold any text, so a rendered value with a dollar sign is fine."""
        assert render(prompt("Hi $partner."), partner="$name").text == "Hi $name."

    def test_unknown_placeholder_rejected_in_pack(self) -> None:
        """A pack with an unknown placeholder fails to load, naming the field."""
        text = """
[pack]
name = "my"
version = "1"
title = "Mine"

[[prompts]]
id = "my/hello"
text = "Ask ${name} about it."
practice = "connection"
moods = ["calm"]
minutes = 2
depth = 1
"""
        with pytest.raises(PackError) as info:
            loads_pack(text, "toml", source="my.toml")
        (problem,) = info.value.problems
        assert problem.path == "prompts[0].text"
        assert problem.line == 9

    def test_allow_list(self) -> None:
        """Every allowed placeholder has a default text."""
        assert set(PLACEHOLDERS) == {"partner", "partner_a", "partner_b"}
        assert placeholders_in("$partner and ${partner_a} and $$x") == {"partner", "partner_a"}
