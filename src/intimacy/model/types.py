"""Typing helpers shared by the public functions, and the shapes of the plain data.

The ``...Data`` classes are the :class:`~typing.TypedDict` shapes that ``to_dict()`` returns
and ``from_dict()`` reads: only strings, numbers, booleans, ``None``, lists and dicts, ready
for :func:`json.dumps` as they are. Vocabulary values are their slugs (``"empathy"``), depths
their numbers (``1`` to ``3``), and sets are sorted lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias, TypedDict

if TYPE_CHECKING:
    from collections.abc import Iterable

    from intimacy.model.vocab import Depth, Mood, Practice, Topic

__all__ = [
    "FORMATS",
    "JSON",
    "KINDS",
    "ExerciseData",
    "ExerciseItemData",
    "ExerciseTranslationData",
    "Filters",
    "Format",
    "ItemData",
    "Kind",
    "PackData",
    "Part",
    "PlanData",
    "PlanEntryData",
    "PromptData",
    "PromptItemData",
    "PromptTranslationData",
    "ReferenceData",
    "StepData",
    "TranslationData",
    "VariationData",
]

#: Any JSON value: what :func:`json.loads` returns and :func:`json.dumps` takes.
JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"

#: An export format.
Format: TypeAlias = Literal["html", "markdown", "json"]
#: The formats ``intimacy export --format`` accepts.
FORMATS: tuple[Format, ...] = ("html", "markdown", "json")

#: What to export when no ids are given.
Kind: TypeAlias = Literal["prompts", "exercises", "all"]
#: The kinds ``intimacy export --kind`` accepts.
KINDS: tuple[Kind, ...] = ("prompts", "exercises", "all")

#: The part of a plan an item is in.
Part: TypeAlias = Literal["warm-up", "middle", "closing"]


class Filters(TypedDict, total=False):
    """The keyword filters every query takes; each is optional.

    ``practice``, ``mood``, ``depth``, ``tags``, ``topics`` and ``language`` take one value or
    several ("any of these"); ``exclude_tags`` and ``exclude_topics`` drop items with any of
    theirs; ``min_minutes``, ``max_minutes`` and ``max_depth`` are bounds; ``exclude`` drops
    the items with the given ids (one id or several; ids not in the bank are ignored).
    """

    practice: Practice | str | Iterable[Practice | str] | None
    mood: Mood | str | Iterable[Mood | str] | None
    min_minutes: int | None
    max_minutes: int | None
    depth: Depth | int | str | Iterable[Depth | int | str] | None
    max_depth: Depth | int | str | None
    tags: str | Iterable[str] | None
    exclude_tags: str | Iterable[str] | None
    topics: Topic | str | Iterable[Topic | str] | None
    exclude_topics: Topic | str | Iterable[Topic | str] | None
    language: str | Iterable[str] | None
    exclude: str | Iterable[str] | None


class StepData(TypedDict):
    """A :class:`~intimacy.Step` as plain data; ``role`` is a :class:`~intimacy.Role` slug."""

    text: str
    minutes: int
    role: str


class VariationData(TypedDict):
    """A :class:`~intimacy.Variation` as plain data."""

    name: str
    text: str


class ReferenceData(TypedDict):
    """A :class:`~intimacy.Reference` as plain data."""

    key: str
    citation: str
    url: str | None


class PromptData(TypedDict):
    """A :class:`~intimacy.Prompt` as plain data.

    ``practice``, ``moods`` and ``topics`` hold slugs, ``depth`` is ``1`` to ``3``, and
    ``moods``, ``topics`` and ``tags`` are sorted lists.
    """

    id: str
    text: str
    practice: str
    moods: list[str]
    minutes: int
    depth: int
    topics: list[str]
    tags: list[str]
    follow_ups: list[str]
    language: str


class ExerciseData(TypedDict):
    """An :class:`~intimacy.Exercise` as plain data, its steps and variations as dicts."""

    id: str
    title: str
    summary: str
    practice: str
    steps: list[StepData]
    minutes: int
    depth: int
    moods: list[str]
    why: str
    research: list[str]
    variations: list[VariationData]
    safety: str | None
    topics: list[str]
    tags: list[str]
    language: str


class PackData(TypedDict):
    """A :class:`~intimacy.Pack` as plain data: its metadata, items, retired ids and references."""

    name: str
    version: str
    title: str
    description: str
    language: str
    authors: list[str]
    license: str
    schema_version: int
    prompts: list[PromptData]
    exercises: list[ExerciseData]
    retired: dict[str, str]
    references: list[ReferenceData]


class PromptTranslationData(TypedDict):
    """A :class:`~intimacy.PromptTranslation` as plain data."""

    id: str
    text: str
    follow_ups: list[str]


class ExerciseTranslationData(TypedDict):
    """An :class:`~intimacy.ExerciseTranslation` as plain data; ``steps`` are the steps' texts."""

    id: str
    title: str
    summary: str
    steps: list[str]
    why: str
    variations: list[VariationData]
    safety: str | None


class TranslationData(TypedDict):
    """A :class:`~intimacy.Translation` as plain data."""

    name: str
    version: str
    title: str
    description: str
    language: str
    translates: str
    authors: list[str]
    license: str
    schema_version: int
    prompts: list[PromptTranslationData]
    exercises: list[ExerciseTranslationData]


class PromptItemData(PromptData):
    """A prompt with ``"kind": "prompt"``, as the CLI's ``--json`` and plans give it."""

    kind: Literal["prompt"]


class ExerciseItemData(ExerciseData):
    """An exercise with ``"kind": "exercise"``, as the CLI's ``--json`` and plans give it."""

    kind: Literal["exercise"]


#: A prompt or an exercise with its ``kind``.
ItemData: TypeAlias = PromptItemData | ExerciseItemData


class PlanEntryData(TypedDict):
    """One item of a plan: its part, its start and end minute, and the item with its kind."""

    part: Part
    start: int
    end: int
    item: ItemData


class PlanData(TypedDict):
    """A :class:`~intimacy.Plan` as plain data.

    ``minutes`` is the total of the items; ``items`` lists them in order, each with its part
    and offsets. ``rule`` is ``"both"``, ``"careful"`` or ``None``.
    """

    budget: int
    minutes: int
    seed: int | str
    rule: Literal["both", "careful"] | None
    gentle: bool
    items: list[PlanEntryData]
