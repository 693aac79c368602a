"""The checks every model field runs, and the converters' shared pieces.

A check is ``check(instance, attribute, value)`` and raises :class:`~intimacy.ValidationError`
naming the field and the rule. Checks are attached to fields as metadata (``_checks(...)``) and
run together by :func:`_validate_all`, so one error names every broken field, not only the first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from intimacy.model.errors import ValidationError
from intimacy.model.text import is_blank

_T = TypeVar("_T")
_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _checks(*checks: _Validator) -> dict[str, tuple[_Validator, ...]]:
    return {"checks": checks}


_CHECKS: dict[type, tuple[tuple[attrs.Attribute[Any], tuple[_Validator, ...]], ...]] = {}


def _validate_all(self: Any) -> None:
    """Run every field's checks and raise one :class:`ValidationError` naming each failure."""
    cls = type(self)
    plan = _CHECKS.get(cls)
    if plan is None:
        # Worked out once per class; a race only computes the same tuple twice.
        plan = _CHECKS[cls] = tuple(
            (field, field.metadata["checks"])
            for field in attrs.fields(cls)
            if field.metadata.get("checks")
        )
    problems: list[tuple[str, str]] = []
    for field, checks in plan:
        value = getattr(self, field.name)
        for check in checks:
            try:
                check(self, field, value)
            except ValidationError as err:
                problems.extend(err.problems)
                break
    if problems:
        raise ValidationError(problems)


def _fail(attribute: attrs.Attribute[Any], reason: str) -> ValidationError:
    return ValidationError([(attribute.name, reason)])


def _string_problem(value: object, limit: int, *, blank: bool = False) -> str | None:
    """What is wrong with ``value`` as a string of at most ``limit`` characters, if anything.

    A blank string (see :func:`is_blank`) is wrong unless ``blank`` is true.
    """
    if type(value) is not str:
        return f"must be a string, not {type(value).__name__}"
    if not blank and is_blank(value):
        return "must not be empty"
    if len(value) > limit:
        return f"is {len(value)} characters long; the limit is {limit}"
    return None


def _all_strings(values: Sequence[object]) -> bool:
    return set(map(type, values)) <= {str}


#: An ASCII character that shows: text that starts with one is not blank.
_SHOWS = re.compile(r"[!-~]")


def _none_blank(texts: Sequence[str]) -> bool:
    """Whether no text is blank: :func:`is_blank` runs only on those not starting visibly."""
    return not any(map(is_blank, itertools.filterfalse(_SHOWS.match, texts)))


class _Check:
    """A field's check, which can also judge a whole column of values at once.

    Called as ``check(instance, attribute, value)`` it raises a :class:`ValidationError` naming
    the field and the rule. :meth:`holds` answers for many values in one go, as the pack loader
    needs (see :mod:`intimacy.model.columns`): True promises that the check passes on each value;
    False only that one may fail, and the check itself then says which and why.
    """

    __slots__ = ()

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        raise NotImplementedError

    def holds(self, values: Sequence[Any]) -> bool:
        """Whether every one of ``values`` passes (False: call the check on each to see)."""
        raise NotImplementedError


class _Text(_Check):
    """A string of at most ``limit`` characters, not blank unless ``blank``."""

    __slots__ = ("blank", "limit")

    def __init__(self, limit: int, *, blank: bool = False) -> None:
        self.limit = limit
        self.blank = blank

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        problem = _string_problem(value, self.limit, blank=self.blank)
        if problem is not None:
            raise _fail(attribute, problem)

    def holds(self, values: Sequence[Any]) -> bool:
        return (
            _all_strings(values)
            and max(map(len, values), default=0) <= self.limit
            and (self.blank or _none_blank(values))
        )


def _text(limit: int, *, blank: bool = False) -> _Check:
    """A check for a string of at most ``limit`` characters, not blank unless ``blank``."""
    return _Text(limit, blank=blank)


def _short(limit: int) -> _Check:
    """A check for a string, possibly empty, of at most ``limit`` characters."""
    return _Text(limit, blank=True)


class _Optional(_Check):
    """``None``, or a value that ``inner`` accepts."""

    __slots__ = ("inner",)

    def __init__(self, inner: _Check) -> None:
        self.inner = inner

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            self.inner(instance, attribute, value)

    def holds(self, values: Sequence[Any]) -> bool:
        return self.inner.holds([value for value in values if value is not None])


def _optional_text(limit: int) -> _Check:
    return _Optional(_Text(limit))


class _Texts(_Check):
    """A tuple of strings, each as :func:`_text` requires."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(
        self, _: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
    ) -> None:
        problems = [
            (f"{attribute.name}[{index}]", problem)
            for index, item in enumerate(value)
            if (problem := _string_problem(item, self.limit)) is not None
        ]
        if problems:
            raise ValidationError(problems)

    def holds(self, values: Sequence[Any]) -> bool:
        return _Text(self.limit).holds(list(itertools.chain.from_iterable(values)))


def _texts(limit: int) -> _Check:
    """A check for a tuple of strings, each as :func:`_text` requires."""
    return _Texts(limit)


class _Matches(_Check):
    """A string of at most ``limit`` characters matching ``pattern``; ``what`` names it."""

    __slots__ = ("limit", "pattern", "regex", "what")

    def __init__(self, pattern: str, limit: int, what: str) -> None:
        self.pattern = pattern
        self.regex = re.compile(pattern)
        self.limit = limit
        self.what = what

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise _fail(attribute, f"must be a string, not {type(value).__name__}")
        if not self.regex.fullmatch(value) or len(value) > self.limit:
            raise _fail(
                attribute,
                f"{value!r} is not {self.what} (pattern {self.pattern}, at most {self.limit}"
                " characters)",
            )

    def holds(self, values: Sequence[Any]) -> bool:
        if not _all_strings(values):
            return False
        distinct = set(values)  # a pack's items share a language, its tags repeat
        return max(map(len, distinct), default=0) <= self.limit and all(
            map(self.regex.fullmatch, distinct)
        )


def _matches(pattern: str, limit: int, what: str) -> _Check:
    return _Matches(pattern, limit, what)


class _AllMatch(_Check):
    """A collection of strings, each as :class:`_Matches` requires."""

    __slots__ = ("one",)

    def __init__(self, pattern: str, limit: int, what: str) -> None:
        self.one = _Matches(pattern, limit, what)

    def __call__(
        self, instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]
    ) -> None:
        for item in sorted(value, key=str):
            self.one(instance, attribute, item)

    def holds(self, values: Sequence[Any]) -> bool:
        return self.one.holds(list(itertools.chain.from_iterable(values)))


def _all_match(pattern: str, limit: int, what: str) -> _Check:
    return _AllMatch(pattern, limit, what)


class _Minutes(_Check):
    """A whole number of minutes from 1 to ``limit``."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise _fail(attribute, f"must be a whole number, not {type(value).__name__}")
        if not 1 <= value <= self.limit:
            raise _fail(attribute, f"must be from 1 to {self.limit}, not {value}")

    def holds(self, values: Sequence[Any]) -> bool:
        return not values or (
            set(map(type, values)) <= {int} and min(values) >= 1 and max(values) <= self.limit
        )


def _minutes(limit: int) -> _Check:
    return _Minutes(limit)


class _NotEmpty(_Check):
    """A collection with at least one item."""

    __slots__ = ()

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
        if not value:
            raise _fail(attribute, "must not be empty")

    def holds(self, values: Sequence[Any]) -> bool:
        return all(values)


_not_empty = _NotEmpty()


def _collection(name: str, value: object) -> Iterable[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError([(name, f"must be a list, not {type(value).__name__}")])
    return value


def _parse_each(name: str, parse: Callable[[Any], _T], value: object) -> Iterable[_T]:
    for index, item in enumerate(_collection(name, value)):
        try:
            yield parse(item)
        except (TypeError, ValueError) as err:
            raise ValidationError([(f"{name}[{index}]", str(err))]) from err


def _same(value: _T) -> _T:
    return value


def _is(cls: type[_T]) -> Callable[[object], _T]:
    def check(value: object) -> _T:
        if not isinstance(value, cls):
            raise TypeError(f"must be a {cls.__name__}, not {type(value).__name__}")
        return value

    return check
