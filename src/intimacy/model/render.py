"""Plain-text and JSON views of prompts and exercises, for the CLI and for apps."""

from __future__ import annotations

import textwrap

from intimacy.model.hints import overload
from intimacy.model.labels import label, variation_name
from intimacy.model.views import is_prompt

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from intimacy.model.models import Exercise, Prompt, Reference, Step
    from intimacy.model.types import ExerciseItemData, ItemData, PromptItemData
    from intimacy.model.views import ExerciseView, Item, PromptView, ReferenceView, StepView

__all__ = [
    "DEEP_NOTE",
    "WIDTH",
    "citation",
    "deep_note",
    "describe",
    "duration",
    "facts",
    "to_dict",
    "wrap",
]

#: The width that text for a terminal is filled to.
WIDTH = 78
#: Shown with every deep (depth 3) item, wherever it is printed: passing is always fine.
DEEP_NOTE = "A deep one: either of you can pass, now or at any point."


def deep_note(item: Item) -> str | None:
    """:data:`DEEP_NOTE` in the item's language for a deep item, ``None`` for another one."""
    return label(item.language, DEEP_NOTE) if item.depth == 3 else None


def duration(count: int, language: str | None) -> str:
    """``"5 min"``, in ``language``."""
    return label(language, "{minutes} min", minutes=count)


@overload
def to_dict(item: Prompt | PromptView) -> PromptItemData: ...
@overload
def to_dict(item: Exercise | ExerciseView) -> ExerciseItemData: ...
@overload
def to_dict(item: Item) -> ItemData: ...
def to_dict(item: Item) -> ItemData:
    """The item's :meth:`~intimacy.Prompt.to_dict` with a ``kind``: ``"prompt"`` or ``"exercise"``.

    The CLI's ``--json``, the JSON export and :meth:`intimacy.Plan.to_dict` all give items so.
    A view (:mod:`intimacy.model.views`) gives the same data as its model.
    """
    if is_prompt(item):
        return {"kind": "prompt", **item.to_dict()}
    return {"kind": "exercise", **item.to_dict()}


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` filled to the terminal width used everywhere, each line after the first indented.

    ``first`` starts the first line instead of ``indent``, for a heading such as ``"Safety: "``.
    """
    return textwrap.fill(
        text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent
    )


def citation(
    key: str, references: Mapping[str, Reference | ReferenceView], language: str | None = None
) -> str:
    """``[key] citation``, or a note (in ``language``) that the bank has no citation for ``key``."""
    found = references.get(key)
    return f"[{key}] {found.citation if found else label(language, '(no citation in the bank)')}"


def facts(item: Item) -> str:
    """The item's practice, minutes, depth and topics on one line, in the item's language."""
    lang = item.language
    depth = label(
        lang, "depth {number} ({name})", number=int(item.depth), name=item.depth.name_in(lang)
    )
    parts = [item.practice.name_in(lang), duration(item.minutes, lang), depth]
    if item.topics:
        names = sorted(topic.name_in(lang) for topic in item.topics)
        parts.append(label(lang, "topics: {names}", names=", ".join(names)))
    return " | ".join(parts)


def describe(item: Item, references: Mapping[str, Reference | ReferenceView] | None = None) -> str:
    """A readable multi-line description, as ``intimacy show`` prints it.

    Its labels ("Steps:", "min", the practice's name...) are in the language the item is shown
    in (:attr:`Prompt.language`), so an item that fell back to English reads all in English.
    A model or its view (:mod:`intimacy.model.views`) reads the same.
    """
    lang = item.language
    if is_prompt(item):
        lines = [wrap(item.text)]
        lines.extend(wrap(follow_up, "    ", "  + ") for follow_up in item.follow_ups)
        lines.append(f"  ({facts(item)} | {item.id})")
        if note := deep_note(item):
            lines.append(wrap(note, "    ", "  "))
        return "\n".join(lines)
    lines = [item.title, wrap(item.summary), f"({facts(item)} | {item.id})", ""]
    if note := deep_note(item):
        lines[-1:-1] = [wrap(note)]
    if item.safety:
        lines += [wrap(item.safety, "  ", label(lang, "Safety:") + " "), ""]
    lines.append(label(lang, "Steps:"))
    steps: Sequence[Step | StepView] = item.steps
    for number, step in enumerate(steps, start=1):
        role = step.role.label_in(lang)
        head = f"  {number}. [{role}, {duration(step.minutes, lang)}] "
        lines.append(wrap(step.text, " " * len(head), head))
    lines += ["", wrap(item.why, "  ", label(lang, "Why it works:") + " ")]
    if item.variations:
        lines += ["", label(lang, "Variations:")]
        lines.extend(
            wrap(v.text, "    ", f"  {variation_name(lang, v.name)}: ") for v in item.variations
        )
    if item.research:
        lines += ["", label(lang, "Research:")]
        known = references or {}
        lines.extend(wrap(citation(key, known, lang), "    ", "  ") for key in item.research)
    return "\n".join(lines)
