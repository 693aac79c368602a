"""The frozen models: prompts, exercises and their steps, and the packs that hold them.

Every instance is valid by construction: the checks (:mod:`intimacy.model.checks`) run on every
``__init__``, and one :class:`~intimacy.ValidationError` names each field that breaks a rule, and
the rule. A value that cannot even be converted fails first, on its own: an unknown practice,
mood or depth raises :class:`~intimacy.UnknownNameError`, and a bad item in a collection field a
``ValidationError`` naming it. Enum fields accept the member or its slug; collection fields accept
any iterable (but not a bare string) and are stored as tuples or frozensets.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from intimacy.model.checks import (
    _all_match,
    _checks,
    _fail,
    _is,
    _matches,
    _minutes,
    _not_empty,
    _optional_text,
    _parse_each,
    _same,
    _short,
    _text,
    _texts,
    _validate_all,
)
from intimacy.model.errors import ValidationError
from intimacy.model.languages import LANGUAGE_PATTERN as _LANGUAGE_PATTERN
from intimacy.model.plain import PlainData
from intimacy.model.types import (
    ExerciseData,
    PackData,
    PromptData,
    ReferenceData,
    StepData,
    VariationData,
)
from intimacy.model.vocab import Depth, Mood, Practice, Role, Topic

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from collections.abc import Set as AbstractSet

__all__ = [
    "ID_PATTERN",
    "NAME_PATTERN",
    "Exercise",
    "Pack",
    "Prompt",
    "Reference",
    "Step",
    "TimedStep",
    "Variation",
]

#: A pack name, a tag or a reference key: lowercase words joined by hyphens.
NAME_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
#: An item id: the pack name, a slash, then a slug of the same form (``core/qt-first-trip``).
ID_PATTERN = rf"{NAME_PATTERN}/{NAME_PATTERN}"
#: A language tag such as ``en``, ``es`` or ``pt-BR`` (defined with the fallback chain).
LANGUAGE_PATTERN = _LANGUAGE_PATTERN

MAX_ID = 80
MAX_LANGUAGE = 20
MAX_NAME = 40
MAX_PROMPT_TEXT = 300
MAX_LINE = 120
MAX_PARAGRAPH = 1000
MAX_MINUTES = 240
MAX_EXERCISE_MINUTES = 600


def _to_role(value: Role | str) -> Role:
    return Role.parse(value)


def _to_practice(value: Practice | str) -> Practice:
    return Practice.parse(value)


def _to_depth(value: Depth | int | str) -> Depth:
    return Depth.parse(value)


def _to_moods(value: Iterable[Mood | str]) -> frozenset[Mood]:
    if type(value) is frozenset and all(type(mood) is Mood for mood in value):
        return value  # already converted (as the pack loader hands it over)
    return frozenset(_parse_each("moods", Mood.parse, value))


def _to_topics(value: Iterable[Topic | str]) -> frozenset[Topic]:
    if type(value) is frozenset and all(type(topic) is Topic for topic in value):
        return value
    return frozenset(_parse_each("topics", Topic.parse, value))


def _to_tags(value: Iterable[str]) -> frozenset[str]:
    if type(value) is frozenset:
        return value  # the check on the field rejects anything but strings
    return frozenset(_parse_each("tags", _same, value))


def _to_follow_ups(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple:
        return value
    return tuple(_parse_each("follow_ups", _same, value))


def _to_research(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(_parse_each("research", _same, value))


def _to_authors(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(_parse_each("authors", _same, value))


@attrs.frozen(kw_only=True)
class Step(PlainData[StepData]):
    """One step of an exercise: who acts, what they do, and for how many minutes.

    Attributes:
        text: what to do, read aloud.
        minutes: how long the step takes, 1 to 240.
        role: who acts (both partners unless said).
    """

    __attrs_post_init__ = _validate_all

    text: str = attrs.field(metadata=_checks(_text(MAX_PARAGRAPH)))
    minutes: int = attrs.field(metadata=_checks(_minutes(MAX_MINUTES)))
    role: Role = attrs.field(default=Role.BOTH, converter=_to_role)


@attrs.frozen(kw_only=True)
class Variation(PlainData[VariationData]):
    """Another way to do an exercise, such as ``short`` or ``long-distance``.

    Attributes:
        name: a lowercase name such as ``long-distance``.
        text: how the exercise changes.
    """

    __attrs_post_init__ = _validate_all

    name: str = attrs.field(metadata=_checks(_matches(NAME_PATTERN, MAX_NAME, "a variation name")))
    text: str = attrs.field(metadata=_checks(_text(MAX_PARAGRAPH)))


@attrs.frozen(kw_only=True)
class Reference(PlainData[ReferenceData]):
    """A research source, cited by ``key`` from exercises.

    Attributes:
        key: the name exercises cite it by, such as ``gable2004``.
        citation: the full citation.
        url: where to read it, if anywhere.
    """

    __attrs_post_init__ = _validate_all

    key: str = attrs.field(metadata=_checks(_matches(NAME_PATTERN, MAX_NAME, "a reference key")))
    citation: str = attrs.field(metadata=_checks(_text(MAX_PARAGRAPH)))
    url: str | None = attrs.field(default=None, metadata=_checks(_optional_text(MAX_PARAGRAPH)))


def _to_retired(value: Mapping[str, str]) -> Mapping[str, str]:
    given: object = value  # checked, since a pack file can hold anything
    if not isinstance(given, Mapping):
        reason = (
            f"must be a table of retired id = the id that replaced it, not {type(given).__name__}"
        )
        raise ValidationError([("retired", reason)])
    problems = [
        (f"retired[{old!r}]", "ids must be strings")
        for old, new in given.items()
        if type(old) is not str or type(new) is not str
    ]
    if problems:
        raise ValidationError(problems)
    return MappingProxyType(dict(sorted(value.items())))


def _to_references(value: Iterable[Reference]) -> tuple[Reference, ...]:
    return tuple(_parse_each("references", _is(Reference), value))


# The checks of the id and language fields, which several models share. The fields themselves
# are written out as ``attrs.field(...)`` in each class, so that type checkers see an ``id``
# without a default (a required argument) and a ``language`` with one.
_ID_CHECKS = _checks(_matches(ID_PATTERN, MAX_ID, "an id such as 'core/warm-up'"))
_LANGUAGE_CHECKS = _checks(_matches(LANGUAGE_PATTERN, MAX_LANGUAGE, "a language tag"))


@attrs.frozen(kw_only=True)
class Prompt(PlainData[PromptData]):
    """A conversation prompt: one line read aloud by one partner to the other.

    The constructor takes a vocabulary value as its member or its slug, and any iterable for a
    collection; the attributes hold the types below.

    Attributes:
        id: ``pack/slug``, stable across releases.
        text: the prompt, at most 300 characters.
        practice: the practice it serves.
        moods: the moods it suits (at least one).
        minutes: about how long it takes.
        depth: how much openness it asks for.
        topics: sensitive ground it touches, so apps can leave it out.
        tags: free lowercase labels.
        follow_ups: optional further questions.
        language: the language it is shown in (see :doc:`languages`).
    """

    __attrs_post_init__ = _validate_all

    id: str = attrs.field(metadata=_ID_CHECKS)
    text: str = attrs.field(metadata=_checks(_text(MAX_PROMPT_TEXT)))
    practice: Practice = attrs.field(converter=_to_practice)
    moods: frozenset[Mood] = attrs.field(converter=_to_moods, metadata=_checks(_not_empty))
    minutes: int = attrs.field(metadata=_checks(_minutes(MAX_MINUTES)))
    depth: Depth = attrs.field(converter=_to_depth)
    topics: frozenset[Topic] = attrs.field(default=frozenset(), converter=_to_topics)
    tags: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_to_tags,
        metadata=_checks(_all_match(NAME_PATTERN, MAX_NAME, "a tag")),
    )
    follow_ups: tuple[str, ...] = attrs.field(
        default=(),
        converter=_to_follow_ups,
        metadata=_checks(_texts(MAX_PROMPT_TEXT)),
    )
    language: str = attrs.field(default="en", metadata=_LANGUAGE_CHECKS)


def _steps_add_up(instance: Exercise, attribute: attrs.Attribute[Any], value: int) -> None:
    total = sum(step.minutes for step in instance.steps)
    if value != total:
        raise _fail(attribute, f"is {value} but the steps add up to {total}")


def _to_steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(_parse_each("steps", _is(Step), value))


def _to_variations(value: Iterable[Variation]) -> tuple[Variation, ...]:
    return tuple(_parse_each("variations", _is(Variation), value))


@attrs.frozen(kw_only=True)
class TimedStep:
    """A step of an exercise placed on its timeline, as :meth:`Exercise.timeline` gives it.

    ``number`` counts from 1; ``start`` and ``end`` are minutes from the start of the exercise,
    so the first step starts at 0 and the last ends at the exercise's ``minutes``.
    """

    number: int
    start: int
    end: int
    step: Step


@attrs.frozen(kw_only=True)
class Exercise(PlainData[ExerciseData]):
    """A guided activity: steps with roles and minutes, why it works, and its research.

    Attributes:
        id: ``pack/slug``, stable across releases.
        title: a short title.
        summary: one or two sentences on what the couple will do.
        practice: the practice it serves.
        steps: the steps, in order.
        minutes: the sum of the steps' minutes (checked).
        depth: how much openness it asks for.
        moods: the moods it suits (at least one).
        why: why it works.
        research: keys of the :class:`Reference` entries it rests on.
        variations: other ways to do it.
        safety: a note shown before the exercise where it asks for disclosure or touches
            conflict, else ``None``.
        topics: sensitive ground it touches.
        tags: free lowercase labels.
        language: the language it is shown in.
    """

    __attrs_post_init__ = _validate_all

    id: str = attrs.field(metadata=_ID_CHECKS)
    title: str = attrs.field(metadata=_checks(_text(MAX_LINE)))
    summary: str = attrs.field(metadata=_checks(_text(MAX_PROMPT_TEXT)))
    practice: Practice = attrs.field(converter=_to_practice)
    steps: tuple[Step, ...] = attrs.field(converter=_to_steps, metadata=_checks(_not_empty))
    minutes: int = attrs.field(metadata=_checks(_minutes(MAX_EXERCISE_MINUTES), _steps_add_up))
    depth: Depth = attrs.field(converter=_to_depth)
    moods: frozenset[Mood] = attrs.field(converter=_to_moods, metadata=_checks(_not_empty))
    why: str = attrs.field(metadata=_checks(_text(MAX_PARAGRAPH)))
    research: tuple[str, ...] = attrs.field(
        default=(),
        converter=_to_research,
        metadata=_checks(_all_match(NAME_PATTERN, MAX_NAME, "a reference key")),
    )
    variations: tuple[Variation, ...] = attrs.field(default=(), converter=_to_variations)
    safety: str | None = attrs.field(default=None, metadata=_checks(_optional_text(MAX_PARAGRAPH)))
    topics: frozenset[Topic] = attrs.field(default=frozenset(), converter=_to_topics)
    tags: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_to_tags,
        metadata=_checks(_all_match(NAME_PATTERN, MAX_NAME, "a tag")),
    )
    language: str = attrs.field(default="en", metadata=_LANGUAGE_CHECKS)

    def timeline(self) -> tuple[TimedStep, ...]:
        """Each step with its start and end offsets in minutes, for apps that drive timers."""
        entries: list[TimedStep] = []
        start = 0
        for number, step in enumerate(self.steps, start=1):
            end = start + step.minutes
            entries.append(TimedStep(number=number, start=start, end=end, step=step))
            start = end
        return tuple(entries)


def _to_prompts(value: Iterable[Prompt]) -> tuple[Prompt, ...]:
    return tuple(_parse_each("prompts", _is(Prompt), value))


def _to_exercises(value: Iterable[Exercise]) -> tuple[Exercise, ...]:
    return tuple(_parse_each("exercises", _is(Exercise), value))


SCHEMA_VERSION = 1


def _pack_items_belong(instance: Pack, _: attrs.Attribute[Any], __: object) -> None:
    prefix = f"{instance.name}/"
    known_language = isinstance(instance.language, str) and bool(
        re.fullmatch(LANGUAGE_PATTERN, instance.language)
    )
    items = (*instance.prompts, *instance.exercises)
    ids = list(map(_ID, items))
    unique = set(ids)
    # Looked at a column at a time first: a pack of 100,000 items is read in one go.
    fine = (
        len(unique) == len(ids)
        and all(map(str.startswith, ids, itertools.repeat(prefix)))
        and (not known_language or set(map(_LANGUAGE, items)) <= {instance.language})
    )
    problems = [] if fine else _item_problems(instance, prefix, known_language=known_language)
    problems.extend(_retired_problems(instance, prefix, unique))
    keys: Counter[str] = Counter(reference.key for reference in instance.references)
    problems.extend(
        (f"references[{index}].key", f"{reference.key!r} is used more than once")
        for index, reference in enumerate(instance.references)
        if keys[reference.key] > 1
    )
    if problems:
        raise ValidationError(problems)


_ID = operator.attrgetter("id")
_LANGUAGE = operator.attrgetter("language")


def _item_problems(instance: Pack, prefix: str, *, known_language: bool) -> list[tuple[str, str]]:
    """Each item whose id lacks the pack's name or repeats one, or whose language differs."""
    problems: list[tuple[str, str]] = []
    seen: Counter[str] = Counter()
    groups: tuple[tuple[str, tuple[Prompt | Exercise, ...]], ...] = (
        ("prompts", instance.prompts),
        ("exercises", instance.exercises),
    )
    for kind, items in groups:
        for index, item in enumerate(items):
            where = f"{kind}[{index}]"
            if not item.id.startswith(prefix):
                problems.append(
                    (f"{where}.id", f"{item.id!r} must start with {prefix!r} (the pack's name)")
                )
            seen[item.id] += 1
            if seen[item.id] == 2:
                problems.append((f"{where}.id", f"{item.id!r} is used more than once"))
            if item.language != instance.language and known_language:
                problems.append(
                    (
                        f"{where}.language",
                        f"{item.language!r} differs from the pack's language {instance.language!r}",
                    )
                )
    return problems


def _retired_problems(
    instance: Pack, prefix: str, current: AbstractSet[str]
) -> Iterator[tuple[str, str]]:
    for old, new in instance.retired.items():
        is_id = bool(re.fullmatch(ID_PATTERN, old)) and len(old) <= MAX_ID
        where = f"retired.{old}" if is_id else f"retired[{old!r}]"
        if not is_id:
            yield where, f"{old!r} is not an id (pattern {ID_PATTERN}, at most {MAX_ID} characters)"
        elif not old.startswith(prefix):
            yield where, f"{old!r} is not an id of this pack (it must start with {prefix!r})"
        elif old in current:
            yield where, f"{old!r} is still in the pack: an id is retired only when its item goes"
        if new not in current:
            yield where, f"its successor {new!r} is not an id in this pack"


def _schema_version(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value != SCHEMA_VERSION or type(value) is not int:
        raise _fail(
            attribute,
            f"{value!r} is not supported: this version of intimacy reads "
            f"schema_version = {SCHEMA_VERSION}",
        )


@attrs.frozen(kw_only=True)
class Pack(PlainData[PackData]):
    """A named collection of prompts and exercises, with its metadata.

    Every item's id starts with the pack's ``name`` and a slash, and no id is used twice.

    Attributes:
        name: the pack's name, the first part of its items' ids.
        version: the pack's own version.
        title: a display title.
        description: a longer description, or ``""``.
        language: the language of its items.
        authors: who wrote it.
        license: a license name (such as an SPDX id), or ``""``.
        schema_version: the version of the pack format, ``1``.
        prompts: its prompts.
        exercises: its exercises.
        retired: each id taken out of the pack, mapped to the id of the item that replaced it,
            so that an id an app stored keeps an answer (see :meth:`Bank.get`).
        references: the research its exercises cite.
    """

    __attrs_post_init__ = _validate_all

    name: str = attrs.field(metadata=_checks(_matches(NAME_PATTERN, MAX_NAME, "a pack name")))
    version: str = attrs.field(metadata=_checks(_text(MAX_NAME)))
    title: str = attrs.field(metadata=_checks(_text(MAX_LINE)))
    description: str = attrs.field(default="", metadata=_checks(_short(MAX_PARAGRAPH)))
    language: str = attrs.field(default="en", metadata=_LANGUAGE_CHECKS)
    authors: tuple[str, ...] = attrs.field(
        default=(), converter=_to_authors, metadata=_checks(_texts(MAX_LINE))
    )
    license: str = attrs.field(default="", metadata=_checks(_short(MAX_NAME)))
    schema_version: int = attrs.field(default=SCHEMA_VERSION, metadata=_checks(_schema_version))
    prompts: tuple[Prompt, ...] = attrs.field(default=(), converter=_to_prompts)
    exercises: tuple[Exercise, ...] = attrs.field(default=(), converter=_to_exercises)
    retired: Mapping[str, str] = attrs.field(
        factory=dict, converter=_to_retired, hash=False, repr=False
    )
    references: tuple[Reference, ...] = attrs.field(
        default=(),
        converter=_to_references,
        metadata=_checks(_pack_items_belong),
    )
