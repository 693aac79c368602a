"""Placeholders such as ``$partner`` in pack text, and rendering them.

Substitution is :class:`string.Template`'s, never ``str.format``: a template can only name a
value, never reach attributes or build strings of arbitrary size. Placeholder names come from
:data:`PLACEHOLDERS`; the pack loader rejects any other name, so ``$partnr`` fails to load.
"""

from __future__ import annotations

import string
from types import MappingProxyType
from typing import TYPE_CHECKING, overload

import attrs

from intimacy._errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from intimacy._models import Exercise, Pack, Prompt

__all__ = ["PLACEHOLDERS", "placeholder_problems", "placeholders_in", "render"]

#: Every placeholder a pack may use, with the text used when no value is given.
PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {"partner": "your partner", "partner_a": "Partner A", "partner_b": "Partner B"}
)


def placeholders_in(text: str) -> set[str]:
    """The placeholder names used in ``text`` (``$name`` or ``${name}``; ``$$`` is a dollar)."""
    found = set()
    for match in string.Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.add(name)
    return found


def unknown_placeholders(text: str) -> list[str]:
    """The placeholder names in ``text`` that are not allowed, sorted."""
    return sorted(placeholders_in(text) - PLACEHOLDERS.keys())


def placeholder_problems(pack: Pack) -> list[tuple[str, str]]:
    """``(path, reason)`` for each text in ``pack`` that uses an unknown placeholder."""
    allowed = ", ".join(f"${name}" for name in PLACEHOLDERS)
    found = []
    for path, text in _texts_of(pack):
        if "$" in text and (unknown := unknown_placeholders(text)):
            reason = f"uses the unknown placeholder ${unknown[0]}; use one of {allowed}"
            found.append((path, f"{reason} (or $$ for a dollar sign)"))
    return found


def _texts_of(pack: Pack) -> Iterator[tuple[str, str]]:
    """Every text a couple reads, with its path in the pack file."""
    for index, prompt in enumerate(pack.prompts):
        yield f"prompts[{index}].text", prompt.text
        for number, text in enumerate(prompt.follow_ups):
            yield f"prompts[{index}].follow_ups[{number}]", text
    for index, exercise in enumerate(pack.exercises):
        where = f"exercises[{index}]"
        yield from (
            (f"{where}.{name}", getattr(exercise, name))
            for name in ("title", "summary", "why", "safety")
            if getattr(exercise, name) is not None
        )
        for number, step in enumerate(exercise.steps):
            yield f"{where}.steps[{number}].text", step.text
        for number, variation in enumerate(exercise.variations):
            yield f"{where}.variations[{number}].text", variation.text


def _fill(text: str, values: dict[str, str]) -> str:
    return string.Template(text).safe_substitute(values)


@overload
def render(item: Prompt, **values: str) -> Prompt: ...
@overload
def render(item: Exercise, **values: str) -> Exercise: ...
def render(item: Prompt | Exercise, **values: str) -> Prompt | Exercise:
    """A copy of ``item`` with its placeholders filled in.

    ``values`` maps placeholder names (see :data:`PLACEHOLDERS`) to text; a placeholder without
    a value gets its default, such as "your partner" for ``$partner``.

    >>> from intimacy import Prompt
    >>> prompt = Prompt(id="my/hello", text="Ask $partner about their day.",
    ...                 practice="connection", moods=["calm"], minutes=2, depth=1)
    >>> render(prompt, partner="Sam").text
    'Ask Sam about their day.'
    >>> render(prompt).text
    'Ask your partner about their day.'

    Raises:
        ValidationError: a value is named that is not a placeholder, or is not a string.
    """
    from intimacy._models import Prompt  # noqa: PLC0415 - the models import this module

    problems = [
        (name, f"is not a placeholder; use one of {', '.join(PLACEHOLDERS)}")
        for name in values
        if name not in PLACEHOLDERS
    ]
    problems += [
        (name, "must be a string") for name, value in values.items() if not isinstance(value, str)
    ]
    if problems:
        raise ValidationError(problems)
    filled = {**PLACEHOLDERS, **values}
    if isinstance(item, Prompt):
        return attrs.evolve(
            item,
            text=_fill(item.text, filled),
            follow_ups=tuple(_fill(text, filled) for text in item.follow_ups),
        )
    return attrs.evolve(
        item,
        title=_fill(item.title, filled),
        summary=_fill(item.summary, filled),
        why=_fill(item.why, filled),
        safety=None if item.safety is None else _fill(item.safety, filled),
        steps=tuple(attrs.evolve(step, text=_fill(step.text, filled)) for step in item.steps),
        variations=tuple(attrs.evolve(v, text=_fill(v.text, filled)) for v in item.variations),
    )
