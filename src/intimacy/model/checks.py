"""The checks every model field runs, and the converters' shared pieces.

A check is ``check(instance, attribute, value)`` and raises :class:`~intimacy.ValidationError`
naming the field and the rule. Checks are attached to fields as metadata (``_checks(...)``) and
run together by :func:`_validate_all`, so one error names every broken field, not only the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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


def _text(limit: int, *, blank: bool = False) -> _Validator:
    """A check for a string of at most ``limit`` characters, not blank unless ``blank``."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        problem = _string_problem(value, limit, blank=blank)
        if problem is not None:
            raise _fail(attribute, problem)

    return check


def _short(limit: int) -> _Validator:
    """A check for a string, possibly empty, of at most ``limit`` characters."""
    return _text(limit, blank=True)


def _optional_text(limit: int) -> _Validator:
    inner = _text(limit)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def _texts(limit: int) -> _Validator:
    """A check for a tuple of strings, each as :func:`_text` requires."""

    def check(_: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
        problems = [
            (f"{attribute.name}[{index}]", problem)
            for index, item in enumerate(value)
            if (problem := _string_problem(item, limit)) is not None
        ]
        if problems:
            raise ValidationError(problems)

    return check


def _matches(pattern: str, limit: int, what: str) -> _Validator:
    regex = re.compile(pattern)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise _fail(attribute, f"must be a string, not {type(value).__name__}")
        if not regex.fullmatch(value) or len(value) > limit:
            raise _fail(
                attribute,
                f"{value!r} is not {what} (pattern {pattern}, at most {limit} characters)",
            )

    return check


def _all_match(pattern: str, limit: int, what: str) -> _Validator:
    one = _matches(pattern, limit, what)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
        for item in sorted(value, key=str):
            one(instance, attribute, item)

    return check


def _minutes(limit: int) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise _fail(attribute, f"must be a whole number, not {type(value).__name__}")
        if not 1 <= value <= limit:
            raise _fail(attribute, f"must be from 1 to {limit}, not {value}")

    return check


def _not_empty(_: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    if not value:
        raise _fail(attribute, "must not be empty")


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
