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
    Variation,
    loads_pack,
    render,
)
from intimacy.model.models import MAX_LINE, MAX_PARAGRAPH, MAX_PROMPT_TEXT
from intimacy.model.placeholders import MAX_VALUE, placeholders_in
from intimacy.testing import prompts

BASE = {"id": "my/hello", "practice": "connection", "moods": ["calm"], "minutes": 2, "depth": 1}


#: Values render accepts: 1 to MAX_VALUE characters, not blank, no control, line-break or
#: format characters (a subset: render allows joiners, which are format characters).
VALUES = st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1, max_size=MAX_VALUE
).filter(str.strip)


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

    @given(VALUES)
    def test_render_never_fails_on_allowed_text(self, value: str) -> None:
        """Any allowed value renders, and the result contains it."""
        assert value in render(prompt("Hello, $partner!"), partner=value).text


class TestRenderLimits:
    """render checks the values, not the result's length: every valid item renders."""

    def test_long_text_grows_past_the_pack_limit(self) -> None:
        """A 300-character prompt filled with a default or a long name renders, longer than 300."""
        text = "Ask $partner. " * 21 + "x" * 6
        assert len(text) == MAX_PROMPT_TEXT
        item = prompt(text, follow_ups=[text])
        assert len(render(item).text) > MAX_PROMPT_TEXT
        named = render(item, partner="N" * MAX_VALUE)
        assert named.text.count("N" * MAX_VALUE) == 21
        assert named.follow_ups == (named.text,)
        assert item.text == text  # the item itself is unchanged

    def test_long_exercise_texts(self) -> None:
        """An exercise whose title, steps and variations are at their limits renders too."""
        title = "$partner_b " * 10 + "y" * (MAX_LINE - 110)
        step = "$partner " * (MAX_PARAGRAPH // 9)
        exercise = Exercise(
            id="my/ex",
            title=title,
            summary="For $partner_a.",
            practice="empathy",
            steps=[Step(text=step, minutes=2)],
            variations=[Variation(name="short", text=step)],
            minutes=2,
            depth=1,
            moods=["calm"],
            why="Because.",
        )
        done = render(exercise, partner_b="B" * MAX_VALUE, partner="P" * MAX_VALUE)
        assert len(done.title) > MAX_LINE
        assert len(done.steps[0].text) > MAX_PARAGRAPH
        assert done.variations[0].text == done.steps[0].text
        assert done.minutes == exercise.minutes

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            pytest.param("", "must not be empty", id="empty"),
            pytest.param(" \t", "must not be empty", id="blank"),
            pytest.param("N" * (MAX_VALUE + 1), f"the limit is {MAX_VALUE}", id="too-long"),
            pytest.param("Sam\nSays", "(U+000A)", id="newline"),
            pytest.param("Sam\x1b[2J", "(U+001B)", id="escape"),
            pytest.param("Sam\u202eevil", "(U+202E)", id="bidi"),
            pytest.param("Sam\u2028", "(U+2028)", id="line-separator"),
        ],
    )
    def test_bad_values_are_refused(self, value: str, message: str) -> None:
        """Empty, too long, or holding control characters: a ValidationError naming the value."""
        with pytest.raises(ValidationError) as info:
            render(prompt("Hi $partner."), partner=value)
        ((name, reason),) = info.value.problems
        assert name == "partner"
        assert message in reason

    def test_joiners_are_allowed(self) -> None:
        """A zero-width joiner (in emoji, in some scripts' names) is part of a name."""
        name = "\U0001f469\u200d\U0001f3a8 Ana"
        assert render(prompt("Hi $partner."), partner=name).text == f"Hi {name}."

    @given(item=prompts(placeholders=True), value=VALUES)
    def test_every_valid_prompt_renders(self, item: Prompt, value: str) -> None:
        """Any valid prompt renders with any allowed value, which fills every placeholder."""
        done = render(item, partner=value, partner_a=value, partner_b=value)
        for before, after in zip(
            (item.text, *item.follow_ups), (done.text, *done.follow_ups), strict=True
        ):
            assert (value in after) >= bool(placeholders_in(before))
        assert done.id == item.id


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
