"""Tests for the checks' column forms: a check over a whole column holds only if it passes on
every value of it.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import Prompt, ValidationError
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
)
from intimacy.model.models import NAME_PATTERN

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
