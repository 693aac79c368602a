"""Typing helpers shared by the public functions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, TypeAlias, TypedDict, TypeVar

if TYPE_CHECKING:
    from intimacy._vocab import Depth, Mood, Practice, Topic

__all__ = ["FORMATS", "KINDS", "Filters", "Format", "Kind"]

_T = TypeVar("_T")
OneOrMany: TypeAlias = _T | Iterable[_T]

#: An export format.
Format: TypeAlias = Literal["html", "markdown", "json"]
#: The formats ``intimacy export --format`` accepts.
FORMATS: tuple[Format, ...] = ("html", "markdown", "json")

#: What to export when no ids are given.
Kind: TypeAlias = Literal["prompts", "exercises", "all"]
#: The kinds ``intimacy export --kind`` accepts.
KINDS: tuple[Kind, ...] = ("prompts", "exercises", "all")


class Filters(TypedDict, total=False):
    """The keyword filters every query takes; each is optional.

    ``practice``, ``mood``, ``depth``, ``tags``, ``topics`` and ``language`` take one value or
    several ("any of these"); ``exclude_tags`` and ``exclude_topics`` drop items with any of
    theirs; ``min_minutes``, ``max_minutes`` and ``max_depth`` are bounds; ``exclude`` drops
    the items with the given ids (one id or several; ids not in the bank are ignored).
    """

    practice: OneOrMany[Practice | str] | None
    mood: OneOrMany[Mood | str] | None
    min_minutes: int | None
    max_minutes: int | None
    depth: OneOrMany[Depth | int | str] | None
    max_depth: Depth | int | str | None
    tags: OneOrMany[str] | None
    exclude_tags: OneOrMany[str] | None
    topics: OneOrMany[Topic | str] | None
    exclude_topics: OneOrMany[Topic | str] | None
    language: OneOrMany[str] | None
    exclude: OneOrMany[str] | None
