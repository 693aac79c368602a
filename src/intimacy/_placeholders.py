"""Placeholders such as ``$partner`` in pack text, and rendering them.

Substitution is :class:`string.Template`'s, never ``str.format``: a template can only name a
value, never reach attributes or build strings of arbitrary size. Placeholder names come from
:data:`PLACEHOLDERS`; the pack loader rejects any other name, so ``$partnr`` fails to load.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, overload

import attrs

from intimacy._errors import ValidationError
from intimacy._models import Prompt

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from intimacy._models import Exercise, Pack

__all__ = [
    "PLACEHOLDERS",
    "item_texts",
    "placeholder_defaults",
    "placeholder_problems",
    "placeholders_in",
    "render",
]

#: Every placeholder a pack may use, with the text used when no value is given.
PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {"partner": "your partner", "partner_a": "Partner A", "partner_b": "Partner B"}
)


def placeholder_defaults(language: str) -> dict[str, str]:
    """Each placeholder's default text in ``language`` ("tu pareja" for ``$partner`` in ``es``).

    Languages without a catalog get :data:`PLACEHOLDERS`' English.
    """
    from intimacy._labels import label  # noqa: PLC0415 - reads a catalog on first use

    return {
        "partner": label(language, "your partner"),
        "partner_a": label(language, "Partner A"),
        "partner_b": label(language, "Partner B"),
    }


def placeholders_in(text: str) -> set[str]:
    """The placeholder names used in ``text`` (``$name`` or ``${name}``; ``$$`` is a dollar)."""
    import string  # noqa: PLC0415 - most programs never fill or check placeholders

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
    items: list[tuple[str, Prompt | Exercise]] = [
        *((f"prompts[{index}]", item) for index, item in enumerate(pack.prompts)),
        *((f"exercises[{index}]", item) for index, item in enumerate(pack.exercises)),
    ]
    for where, item in items:
        for path, text in item_texts(item):
            if "$" in text and (unknown := unknown_placeholders(text)):
                reason = f"uses the unknown placeholder ${unknown[0]}; use one of {allowed}"
                found.append((f"{where}.{path}", f"{reason} (or $$ for a dollar sign)"))
    return found


def item_texts(item: Prompt | Exercise) -> Iterator[tuple[str, str]]:
    """Every text of ``item`` that a couple reads, with its path: ``"steps[2].text"``.

    A prompt's text and follow-ups; an exercise's title, summary, steps, why, variations and
    safety note, in that order.
    """
    if isinstance(item, Prompt):
        yield "text", item.text
        for index, follow_up in enumerate(item.follow_ups):
            yield f"follow_ups[{index}]", follow_up
        return
    yield "title", item.title
    yield "summary", item.summary
    for index, step in enumerate(item.steps):
        yield f"steps[{index}].text", step.text
    yield "why", item.why
    for index, variation in enumerate(item.variations):
        yield f"variations[{index}].text", variation.text
    if item.safety is not None:
        yield "safety", item.safety


def _fill(text: str, values: dict[str, str]) -> str:
    import string  # noqa: PLC0415 - most programs never fill placeholders

    return string.Template(text).safe_substitute(values)


@overload
def render(item: Prompt, **values: str) -> Prompt: ...
@overload
def render(item: Exercise, **values: str) -> Exercise: ...
def render(item: Prompt | Exercise, **values: str) -> Prompt | Exercise:
    """A copy of ``item`` with its placeholders filled in.

    ``values`` maps placeholder names (see :data:`PLACEHOLDERS`) to text; a placeholder without
    a value gets its default in the item's language, such as "your partner" for ``$partner``
    (and "tu pareja" for an item shown in Spanish).

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
    filled = {**placeholder_defaults(item.language), **values}
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
