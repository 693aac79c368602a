"""Plain-text and JSON views of prompts and exercises, for the CLI and for apps."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING, Any

from intimacy._models import Exercise, Prompt

if TYPE_CHECKING:
    from collections.abc import Mapping

    from intimacy._models import Reference

__all__ = ["describe", "to_dict", "to_json"]

_WIDTH = 78


def to_dict(item: Prompt | Exercise) -> dict[str, Any]:
    """The item as plain JSON-ready data, with a ``kind`` of ``"prompt"`` or ``"exercise"``."""
    from intimacy._convert import unstructure  # noqa: PLC0415 - imports cattrs

    kind = "prompt" if isinstance(item, Prompt) else "exercise"
    return {"kind": kind, **unstructure(item)}


def to_json(item: Prompt | Exercise) -> str:
    """The item as one line of JSON (see :func:`to_dict`)."""
    return json.dumps(to_dict(item), ensure_ascii=False)


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text, _WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent
    )


def _facts(item: Prompt | Exercise) -> str:
    parts = [str(item.practice), f"{item.minutes} min", f"depth {int(item.depth)} ({item.depth})"]
    if item.topics:
        parts.append("topics: " + ", ".join(sorted(map(str, item.topics))))
    return " | ".join(parts)


def describe(item: Prompt | Exercise, references: Mapping[str, Reference] | None = None) -> str:
    """A readable multi-line description, as ``intimacy show`` prints it."""
    if isinstance(item, Prompt):
        lines = [_wrap(item.text)]
        lines.extend(_wrap(follow_up, "    ", "  + ") for follow_up in item.follow_ups)
        lines.append(f"  ({_facts(item)} | {item.id})")
        return "\n".join(lines)
    lines = [item.title, _wrap(item.summary), f"({_facts(item)} | {item.id})", ""]
    if item.safety:
        lines += [_wrap(item.safety, "  ", "Safety: "), ""]
    lines.append("Steps:")
    for number, step in enumerate(item.steps, start=1):
        head = f"  {number}. [{step.role.label}, {step.minutes} min] "
        lines.append(_wrap(step.text, " " * len(head), head))
    lines += ["", _wrap(item.why, "  ", "Why it works: ")]
    if item.variations:
        lines += ["", "Variations:"]
        lines.extend(_wrap(v.text, "    ", f"  {v.name}: ") for v in item.variations)
    if item.research:
        lines += ["", "Research:"]
        known = references or {}
        for key in item.research:
            citation = known[key].citation if key in known else "(no citation in the bank)"
            lines.append(_wrap(f"[{key}] {citation}", "    ", "  "))
    return "\n".join(lines)
