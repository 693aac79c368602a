"""Tests for building models a column at a time (the pack loader's fast path) and the checks'
column forms it relies on.

The fast path may only ever say "valid, and here are the objects" or "not plainly valid":
``tests/test_packs.py`` shows on generated packs that it agrees with the careful path.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import Depth, Exercise, Pack, Prompt, Step, ValidationError
from intimacy import testing as strategies
from intimacy.model.checks import (
    _all_match,
    _Check,
    _minutes,
    _not_empty,
    _optional_text,
    _short,
    _text,
    _texts,
    _validate_all,
)
from intimacy.model.columns import BATCH, NotPlain, build_all
from intimacy.model.models import NAME_PATTERN

_PROMPT: dict[str, Any] = {
    "id": "mini/a",
    "text": "What made you smile today?",
    "practice": "empathy",
    "moods": ["calm", "tired"],
    "minutes": 5,
    "depth": 1,
}


def _prompt(**changes: Any) -> dict[str, Any]:
    return {**_PROMPT, **changes}


class TestBuildAll:
    """Valid tables become the same objects their constructors make; anything else is refused."""

    def test_tables_become_models(self) -> None:
        """Each table becomes the model its constructor builds from the same values."""
        built = build_all(Prompt, [_prompt(), _prompt(id="mini/b", tags=["x"], topics=["sex"])])
        assert built == [
            Prompt(**_PROMPT),
            Prompt(**{**_PROMPT, "id": "mini/b", "tags": ["x"], "topics": ["sex"]}),
        ]

    def test_defaults_fill_what_a_table_leaves_out(self) -> None:
        """A default given for a key applies to tables without it, and to nested tables."""
        built = build_all(Prompt, [_prompt(), _prompt(language="de")], {"language": "es"})
        assert [prompt.language for prompt in built] == ["es", "de"]

    def test_nested_tables(self) -> None:
        """An exercise's steps are built with it, and its own check sees them."""
        steps: list[dict[str, Any]] = [
            {"text": "Sit.", "minutes": 2},
            {"text": "Talk.", "minutes": 3, "role": "partner-a"},
        ]
        table: dict[str, Any] = {
            "id": "mini/e",
            "title": "Sit",
            "summary": "Sit together.",
            "practice": "connection",
            "steps": steps,
            "minutes": 5,
            "depth": 2,
            "moods": ["calm"],
            "why": "It helps.",
        }
        (built,) = build_all(Exercise, [table])
        assert built == Exercise(**{**table, "steps": [Step(**step) for step in steps]})
        with pytest.raises(NotPlain):
            build_all(Exercise, [{**table, "minutes": 6}])  # the steps add up to 5

    def test_many_tables_in_batches(self) -> None:
        """More tables than a batch are all built, in order; repeated moods share one set."""
        tables = [_prompt(id=f"mini/p{index}") for index in range(BATCH * 2 + 3)]
        built = build_all(Prompt, tables)
        assert [prompt.id for prompt in built] == [table["id"] for table in tables]
        assert built[0].moods is built[-1].moods

    def test_empty_list(self) -> None:
        """No tables, no objects."""
        assert build_all(Prompt, []) == []

    @pytest.mark.parametrize(
        "items",
        [
            {"id": "mini/a"},  # not a list
            [_prompt(), "mini/b"],  # an item that is not a table
            [_prompt(mood="calm")],  # an unknown key
            [{key: value for key, value in _PROMPT.items() if key != "text"}],  # a missing key
            [_prompt(text=5)],  # no coercion
            [_prompt(minutes=True)],  # True is not a number here
            [_prompt(minutes=5.0)],
            [_prompt(depth=True)],  # not Depth(1)
            [_prompt(depth=4)],
            [_prompt(practice="Empathy")],  # slugs only, exactly
            [_prompt(practice=["empathy"])],
            [_prompt(moods="calm")],  # a string is not a list
            [_prompt(moods=["calm", "sleepy"])],
            [_prompt(moods=[["calm"]])],
            [_prompt(moods=[])],  # the field's own check
            [_prompt(tags=["ok", 5])],
            [_prompt(tags=[["ok"]])],
            [_prompt(follow_ups=[" "])],
            [_prompt(id="other pack/a")],
            [_prompt(language="english")],
            [_prompt(), _prompt(text="\u200b")],  # blank, though not at the start of the column
        ],
    )
    def test_refuses(self, items: object) -> None:
        """Anything the careful path would reject is refused, without saying why."""
        with pytest.raises(NotPlain):
            build_all(Prompt, items)

    def test_refuses_a_bad_retired_table(self) -> None:
        """The pack's retired ids go through the field's own converter, strictly typed."""
        table: dict[str, Any] = {"name": "mini", "version": "1", "title": "Mini"}
        assert build_all(Pack, [{**table, "retired": {}}]) == [Pack(**table)]
        for retired in ({"mini/a": 1}, ["mini/a"]):
            with pytest.raises(NotPlain):
                build_all(Pack, [{**table, "retired": retired}])


@attrs.frozen(kw_only=True)
class _Floats:
    __attrs_post_init__ = _validate_all

    value: float


@attrs.frozen(kw_only=True)
class _Validated:
    __attrs_post_init__ = _validate_all

    value: str = attrs.field(validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class _Unchecked:
    value: str


@attrs.frozen(kw_only=True, slots=False)
class _NoSlots:
    __attrs_post_init__ = _validate_all

    value: str


@attrs.frozen(kw_only=True)
class _OddDefault:
    __attrs_post_init__ = _validate_all

    value: tuple[str, ...] = ("x",)


@attrs.frozen(kw_only=True)
class _Numbers:
    __attrs_post_init__ = _validate_all

    value: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class _Depths:
    __attrs_post_init__ = _validate_all

    value: frozenset[Depth] = frozenset()


_UNREADABLE = [_Floats, _Validated, _Unchecked, _NoSlots, _OddDefault, _Numbers, _Depths]


class TestPlans:
    """A class the fast path cannot read exactly as its constructor would is a TypeError."""

    @pytest.mark.parametrize("cls", _UNREADABLE)
    def test_unreadable_class(self, cls: type[object]) -> None:
        """Field types, validators, post-init steps and defaults it does not know are refused."""
        with pytest.raises(TypeError):
            build_all(cls, [{"value": "x"}])


_TEXT_VALUES = st.one_of(
    strategies.texts(20),
    st.sampled_from(["", " ", "\u200b", "\u3164", " x", "\nx", "x\n ", "é", "¿Qué?"]),
    st.text(max_size=25),
    st.integers(),
    st.none(),
)


def _passes(check: _Check, value: object) -> bool:
    try:
        check(None, attrs.fields(Prompt).text, value)
    except ValidationError:
        return False
    return True


class TestColumnChecks:
    """A check over a column holds only if it passes on every value of it."""

    @pytest.mark.parametrize(
        "check",
        [_text(12), _short(12), _optional_text(12)],
        ids=["text", "short", "optional"],
    )
    @given(values=st.lists(_TEXT_VALUES, max_size=6))
    def test_texts(self, check: _Check, values: list[object]) -> None:
        """Blank, long or non-string values make the column fail; a fine column holds."""
        assert check.holds(values) == all(_passes(check, value) for value in values)

    @given(values=st.lists(st.lists(_TEXT_VALUES, max_size=3).map(tuple), max_size=4))
    def test_lists_of_texts(self, values: list[tuple[object, ...]]) -> None:
        """Each text of each tuple counts."""
        check = _texts(12)
        assert check.holds(values) == all(_passes(check, value) for value in values)

    @given(
        values=st.lists(
            st.frozensets(
                st.from_regex(r"[a-z0-9\- ]{0,6}", fullmatch=True) | st.integers(), max_size=3
            ),
            max_size=4,
        )
    )
    def test_patterns(self, values: list[frozenset[object]]) -> None:
        """Every name of every set must match the pattern."""
        check = _all_match(NAME_PATTERN, 5, "a tag")
        assert check.holds(values) == all(_passes(check, value) for value in values)

    @given(values=st.lists(st.integers(-2, 300) | st.booleans() | st.floats(0, 9), max_size=5))
    def test_minutes(self, values: list[object]) -> None:
        """Minutes are whole numbers in range, and True is not one."""
        check = _minutes(240)
        assert check.holds(values) == all(_passes(check, value) for value in values)

    def test_not_empty(self) -> None:
        """Every collection of the column has an item."""
        assert _not_empty.holds([(1,), frozenset({2})])
        assert not _not_empty.holds([(1,), ()])

    def test_the_base_has_no_rule(self) -> None:
        """A bare check is abstract: it neither checks nor holds."""
        field = attrs.fields(Prompt).id
        with pytest.raises(NotImplementedError):
            _Check()(None, field, "x")
        with pytest.raises(NotImplementedError):
            _Check().holds(["x"])
