"""Lightweight views of prompts and exercises, read from plain data, for printing without models.

``intimacy random`` prints one item of the bundled packs. Building its validated model would
mean importing attrs, which takes longer than everything else the command does. A view holds
the same attributes as the model, read from the item's plain data (data already checked: the
tests load every bundled file with the strict loader), and is all the formatting functions
need: :func:`~intimacy.model.render.describe`, :func:`~intimacy.model.render.to_dict` and
:func:`~intimacy.model.placeholders.render` take a view or a model alike, so the command line
prints both with the same code. A view checks nothing and is not part of the public API.
"""

from __future__ import annotations

from intimacy.model.vocab import Depth, Mood, Practice, Role, Topic

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Self, TypeAlias

    from typing_extensions import TypeIs

    from intimacy.model.models import Exercise, Prompt
    from intimacy.model.types import (
        ExerciseData,
        PromptData,
        ReferenceData,
        StepData,
        VariationData,
    )

    #: A prompt or an exercise, as a model or as a view.
    Item: TypeAlias = "Prompt | Exercise | PromptView | ExerciseView"

__all__ = [
    "ExerciseView",
    "PromptView",
    "ReferenceView",
    "StepView",
    "VariationView",
    "View",
    "is_prompt",
    "view_of",
]


class View:
    """What every view shares: a copy with some attributes changed, as rendering makes."""

    __slots__ = ()

    def replaced(self, **changes: object) -> Self:
        """A copy of this view with ``changes`` (attribute names and their new values)."""
        copied = object.__new__(type(self))
        names: tuple[str, ...] = type(self).__slots__
        for name in names:
            object.__setattr__(
                copied, name, changes[name] if name in changes else getattr(self, name)
            )
        return copied


class StepView(View):
    """A step of an exercise (see :class:`~intimacy.Step`)."""

    __slots__ = ("minutes", "role", "text")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.text: str = data["text"]
        self.minutes: int = data["minutes"]
        self.role = Role(data.get("role", Role.BOTH))

    def to_dict(self) -> StepData:
        """The step as :meth:`intimacy.Step.to_dict` gives it."""
        return {"text": self.text, "minutes": self.minutes, "role": self.role.value}


class VariationView(View):
    """A variation of an exercise (see :class:`~intimacy.Variation`)."""

    __slots__ = ("name", "text")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.name: str = data["name"]
        self.text: str = data["text"]

    def to_dict(self) -> VariationData:
        """The variation as :meth:`intimacy.Variation.to_dict` gives it."""
        return {"name": self.name, "text": self.text}


class ReferenceView(View):
    """A research reference (see :class:`~intimacy.Reference`)."""

    __slots__ = ("citation", "key", "url")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.key: str = data["key"]
        self.citation: str = data["citation"]
        self.url: str | None = data.get("url")

    def to_dict(self) -> ReferenceData:
        """The reference as :meth:`intimacy.Reference.to_dict` gives it."""
        return {"key": self.key, "citation": self.citation, "url": self.url}


def _slugs(values: frozenset[str]) -> list[str]:
    """A set as plain data gives it: its slugs, sorted."""
    return sorted(str(value) for value in values)


class PromptView(View):
    """A prompt (see :class:`~intimacy.Prompt`), read from its plain data."""

    __slots__ = (
        "depth",
        "follow_ups",
        "id",
        "language",
        "minutes",
        "moods",
        "practice",
        "tags",
        "text",
        "topics",
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.id: str = data["id"]
        self.text: str = data["text"]
        self.practice = Practice(data["practice"])
        self.moods = frozenset(map(Mood, data["moods"]))
        self.minutes: int = data["minutes"]
        self.depth = Depth(data["depth"])
        self.topics = frozenset(map(Topic, data.get("topics", ())))
        self.tags: frozenset[str] = frozenset(data.get("tags", ()))
        self.follow_ups: tuple[str, ...] = tuple(data.get("follow_ups", ()))
        self.language: str = data.get("language", "en")

    def to_dict(self) -> PromptData:
        """The prompt as :meth:`intimacy.Prompt.to_dict` gives it, key for key."""
        return {
            "id": self.id,
            "text": self.text,
            "practice": self.practice.value,
            "moods": _slugs(self.moods),
            "minutes": self.minutes,
            "depth": int(self.depth),
            "topics": _slugs(self.topics),
            "tags": _slugs(self.tags),
            "follow_ups": list(self.follow_ups),
            "language": self.language,
        }


class ExerciseView(View):
    """An exercise (see :class:`~intimacy.Exercise`), read from its plain data."""

    __slots__ = (
        "depth",
        "id",
        "language",
        "minutes",
        "moods",
        "practice",
        "research",
        "safety",
        "steps",
        "summary",
        "tags",
        "title",
        "topics",
        "variations",
        "why",
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.id: str = data["id"]
        self.title: str = data["title"]
        self.summary: str = data["summary"]
        self.practice = Practice(data["practice"])
        self.steps = tuple(StepView(step) for step in data["steps"])
        self.minutes: int = data["minutes"]
        self.depth = Depth(data["depth"])
        self.moods = frozenset(map(Mood, data["moods"]))
        self.why: str = data["why"]
        self.research: tuple[str, ...] = tuple(data.get("research", ()))
        self.variations = tuple(VariationView(v) for v in data.get("variations", ()))
        self.safety: str | None = data.get("safety")
        self.topics = frozenset(map(Topic, data.get("topics", ())))
        self.tags: frozenset[str] = frozenset(data.get("tags", ()))
        self.language: str = data.get("language", "en")

    def to_dict(self) -> ExerciseData:
        """The exercise as :meth:`intimacy.Exercise.to_dict` gives it, key for key."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "practice": self.practice.value,
            "steps": [step.to_dict() for step in self.steps],
            "minutes": self.minutes,
            "depth": int(self.depth),
            "moods": _slugs(self.moods),
            "why": self.why,
            "research": list(self.research),
            "variations": [variation.to_dict() for variation in self.variations],
            "safety": self.safety,
            "topics": _slugs(self.topics),
            "tags": _slugs(self.tags),
            "language": self.language,
        }


def view_of(kind: str, data: Mapping[str, Any]) -> PromptView | ExerciseView:
    """A view of the ``kind`` (``"prompt"`` or ``"exercise"``) item whose plain data is ``data``."""
    return PromptView(data) if kind == "prompt" else ExerciseView(data)


def is_prompt(item: Item) -> TypeIs[Prompt | PromptView]:
    """Whether ``item`` is a prompt (a model or a view), not an exercise."""
    if isinstance(item, (PromptView, ExerciseView)):
        return isinstance(item, PromptView)
    # A model: its module is loaded already, since the item exists.
    from intimacy.model.models import Prompt  # noqa: PLC0415

    return isinstance(item, Prompt)
