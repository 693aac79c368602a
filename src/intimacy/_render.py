"""Plain-text and JSON views of prompts and exercises, for the CLI and for apps."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from intimacy._models import Exercise, Prompt

if TYPE_CHECKING:
    from collections.abc import Mapping

    from intimacy._models import Reference

__all__ = ["DEEP_NOTE", "WIDTH", "citation", "deep_note", "describe", "to_dict", "wrap"]

#: The width that text for a terminal is filled to.
WIDTH = 78
#: Shown with every deep (depth 3) item, wherever it is printed: passing is always fine.
DEEP_NOTE = "A deep one: either of you can pass, now or at any point."


def deep_note(item: Prompt | Exercise) -> str | None:
    """:data:`DEEP_NOTE` for a deep item, ``None`` for a light or personal one."""
    return DEEP_NOTE if item.depth == 3 else None


def to_dict(item: Prompt | Exercise) -> dict[str, Any]:
    """The item as plain JSON-ready data, with a ``kind`` of ``"prompt"`` or ``"exercise"``."""
    from intimacy._convert import unstructure  # noqa: PLC0415 - imports cattrs

    kind = "prompt" if isinstance(item, Prompt) else "exercise"
    return {"kind": kind, **unstructure(item)}


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` filled to the terminal width used everywhere, each line after the first indented.

    ``first`` starts the first line instead of ``indent``, for a heading such as ``"Safety: "``.
    """
    return textwrap.fill(
        text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent
    )


def citation(key: str, references: Mapping[str, Reference]) -> str:
    """``[key] citation``, or a note that the bank has no citation for ``key``."""
    found = references.get(key)
    return f"[{key}] {found.citation if found else '(no citation in the bank)'}"


def _facts(item: Prompt | Exercise) -> str:
    parts = [str(item.practice), f"{item.minutes} min", f"depth {int(item.depth)} ({item.depth})"]
    if item.topics:
        parts.append("topics: " + ", ".join(sorted(map(str, item.topics))))
    return " | ".join(parts)


def describe(item: Prompt | Exercise, references: Mapping[str, Reference] | None = None) -> str:
    """A readable multi-line description, as ``intimacy show`` prints it."""
    if isinstance(item, Prompt):
        lines = [wrap(item.text)]
        lines.extend(wrap(follow_up, "    ", "  + ") for follow_up in item.follow_ups)
        lines.append(f"  ({_facts(item)} | {item.id})")
        if note := deep_note(item):
            lines.append(f"  {note}")
        return "\n".join(lines)
    lines = [item.title, wrap(item.summary), f"({_facts(item)} | {item.id})", ""]
    if note := deep_note(item):
        lines[-1:-1] = [note]
    if item.safety:
        lines += [wrap(item.safety, "  ", "Safety: "), ""]
    lines.append("Steps:")
    for number, step in enumerate(item.steps, start=1):
        head = f"  {number}. [{step.role.label}, {step.minutes} min] "
        lines.append(wrap(step.text, " " * len(head), head))
    lines += ["", wrap(item.why, "  ", "Why it works: ")]
    if item.variations:
        lines += ["", "Variations:"]
        lines.extend(wrap(v.text, "    ", f"  {v.name}: ") for v in item.variations)
    if item.research:
        lines += ["", "Research:"]
        known = references or {}
        lines.extend(wrap(citation(key, known), "    ", "  ") for key in item.research)
    return "\n".join(lines)
