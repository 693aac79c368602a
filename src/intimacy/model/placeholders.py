"""Placeholders such as ``$partner`` in pack text, and rendering them.

Substitution is :class:`string.Template`'s, never ``str.format``: a template can only name a
value, never reach attributes or build strings of arbitrary size. Placeholder names come from
:data:`PLACEHOLDERS`; the pack loader rejects any other name, so ``$partnr`` fails to load.
"""

from __future__ import annotations

from types import MappingProxyType

from intimacy.model.hints import overload
from intimacy.model.views import View, is_prompt

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import TypeVar

    from intimacy.model.models import Exercise, Pack, Prompt
    from intimacy.model.views import ExerciseView, Item, PromptView

__all__ = [
    "MAX_VALUE",
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
    from intimacy.model.labels import label  # noqa: PLC0415 - reads a catalog on first use

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
    if is_prompt(item):
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
    if "$" not in text:
        return text  # nothing to fill, nor a "$$" to unescape
    import string  # noqa: PLC0415 - most programs never fill placeholders

    return string.Template(text).safe_substitute(values)


#: The most characters a placeholder's value may have (a full name fits).
MAX_VALUE = 60
# Control characters (tab, newline ...), line and paragraph separators, and the characters no
# pack text may hold (the bidirectional controls, lone surrogates): a value is shown inside a
# line of text, so it must not break the line or reorder it. Zero-width joiners stay allowed.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})


def _value_problem(value: object) -> str | None:
    """What is wrong with ``value`` as the text of a placeholder, if anything."""
    import unicodedata  # noqa: PLC0415

    from intimacy.model.text import FORBIDDEN_RANGES  # noqa: PLC0415

    if not isinstance(value, str):
        return "must be a string"
    if not value.strip():
        return "must not be empty"
    if len(value) > MAX_VALUE:
        return f"is {len(value)} characters long; the limit is {MAX_VALUE}"
    bad = sorted(
        {
            char
            for char in value
            if unicodedata.category(char) in _UNSAFE_CATEGORIES
            or any(low <= ord(char) <= high for low, high in FORBIDDEN_RANGES)
        }
    )
    if bad:
        shown = ", ".join(f"U+{ord(char):04X}" for char in bad)
        return f"contains a control, line-break or text-direction character ({shown})"
    return None


if TYPE_CHECKING:
    _Model = TypeVar("_Model")


def _shown_with(model: _Model, **changes: object) -> _Model:
    """A copy of ``model`` with ``changes``, without running the model's checks again.

    A rendered item is for showing: its text may pass the length limits a pack's text is held
    to (see :func:`render`), so it cannot be built through ``__init__``, which checks them. A
    view (:mod:`intimacy.model.views`) copies itself, without the copy module.
    """
    if isinstance(model, View):
        return model.replaced(**changes)
    import copy  # noqa: PLC0415 - only models need it

    copied = copy.copy(model)
    for name, value in changes.items():
        object.__setattr__(copied, name, value)  # how attrs' own __init__ sets a frozen field
    return copied


@overload
def render(item: Prompt, **values: str) -> Prompt: ...
@overload
def render(item: Exercise, **values: str) -> Exercise: ...
@overload
def render(item: PromptView, **values: str) -> PromptView: ...
@overload
def render(item: ExerciseView, **values: str) -> ExerciseView: ...
@overload
def render(item: Item, **values: str) -> Item: ...
def render(
    item: Prompt | Exercise | PromptView | ExerciseView, **values: str
) -> Prompt | Exercise | PromptView | ExerciseView:
    """A copy of ``item`` with its placeholders filled in.

    ``values`` maps placeholder names (see :data:`PLACEHOLDERS`) to text; a placeholder without
    a value gets its default in the item's language, such as "your partner" for ``$partner``
    (and "tu pareja" for an item shown in Spanish).

    Rendering checks the values, not the result: each value must be a non-blank string of at
    most :data:`MAX_VALUE` (60) characters, without control characters, line breaks or
    text-direction controls. Then any valid item renders, and the rendered text may be longer
    than a pack allows (a 300-character prompt that says ``$partner`` three times grows with
    the name): the result is for showing. It is a :class:`Prompt` or :class:`Exercise` like any
    other, but building it again from its data (``Prompt.from_dict``) can fail on those limits.
    (The command line renders lightweight views of items the same way.)

    >>> from intimacy import Prompt
    >>> prompt = Prompt(id="my/hello", text="Ask $partner about their day.",
    ...                 practice="connection", moods=["calm"], minutes=2, depth=1)
    >>> render(prompt, partner="Sam").text
    'Ask Sam about their day.'
    >>> render(prompt).text
    'Ask your partner about their day.'

    Raises:
        ValidationError: a value is named that is not a placeholder, or is not a string, or
            breaks the rules above.
    """
    problems = [
        (name, f"is not a placeholder; use one of {', '.join(PLACEHOLDERS)}")
        for name in values
        if name not in PLACEHOLDERS
    ]
    problems += [
        (name, problem)
        for name, value in values.items()
        if name in PLACEHOLDERS and (problem := _value_problem(value)) is not None
    ]
    if problems:
        from intimacy.model.errors import ValidationError  # noqa: PLC0415 - failures only

        raise ValidationError(problems)
    filled = {**placeholder_defaults(item.language), **values}
    if is_prompt(item):
        return _shown_with(
            item,
            text=_fill(item.text, filled),
            follow_ups=tuple(_fill(text, filled) for text in item.follow_ups),
        )
    return _shown_with(
        item,
        title=_fill(item.title, filled),
        summary=_fill(item.summary, filled),
        why=_fill(item.why, filled),
        safety=None if item.safety is None else _fill(item.safety, filled),
        steps=tuple(_shown_with(step, text=_fill(step.text, filled)) for step in item.steps),
        variations=tuple(_shown_with(v, text=_fill(v.text, filled)) for v in item.variations),
    )
