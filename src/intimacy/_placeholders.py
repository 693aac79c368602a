"""Placeholders such as ``$partner`` in pack text, and rendering them.

Substitution is :class:`string.Template`'s, never ``str.format``: a template can only name a
value, never reach attributes or build strings of arbitrary size. Placeholder names come from
:data:`PLACEHOLDERS`; the models reject any other name, so a pack with ``$partnr`` fails to load.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, overload

import attrs

from intimacy._errors import ValidationError

if TYPE_CHECKING:
    from intimacy._models import Exercise, Prompt

__all__ = ["PLACEHOLDERS", "placeholders_in", "render"]

#: Every placeholder a pack may use, with the text used when no value is given.
PLACEHOLDERS: dict[str, str] = {
    "partner": "your partner",
    "partner_a": "Partner A",
    "partner_b": "Partner B",
}


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
