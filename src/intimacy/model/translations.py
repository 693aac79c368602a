"""Translations: packs that carry another pack's words in another language, keyed by id.

A translation pack names the pack it translates (``translates = "core"``) and holds, for each
item it covers, the translated words only: a prompt's text and follow-ups; an exercise's title,
summary, steps' text, why, variations' text and safety note. Everything else (practice, moods,
minutes, depth, topics, roles, step minutes) comes from the source item and cannot drift, and
the id is the source's id, so seeds, decks, the prompt of the day and plans do not depend on the
language an item is shown in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from intimacy.model.checks import (
    _checks,
    _is,
    _matches,
    _optional_text,
    _parse_each,
    _same,
    _short,
    _text,
    _texts,
    _validate_all,
)
from intimacy.model.errors import ValidationError
from intimacy.model.languages import fallback_chain
from intimacy.model.models import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_ID,
    MAX_LANGUAGE,
    MAX_LINE,
    MAX_NAME,
    MAX_PARAGRAPH,
    MAX_PROMPT_TEXT,
    NAME_PATTERN,
    SCHEMA_VERSION,
    Exercise,
    Prompt,
    Variation,
    _schema_version,
    _to_authors,
    _to_follow_ups,
    _to_variations,
)
from intimacy.model.plain import PlainData
from intimacy.model.types import (
    ExerciseTranslationData,
    PromptTranslationData,
    TranslationData,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "Coverage",
    "ExerciseTranslation",
    "PromptTranslation",
    "Translation",
    "apply_translation",
    "coverage",
    "translator",
]


_ID_CHECKS = _checks(_matches(ID_PATTERN, MAX_ID, "an id of the source pack"))


@attrs.frozen(kw_only=True)
class PromptTranslation(PlainData[PromptTranslationData]):
    """The words of one prompt in another language.

    Attributes:
        id: the id of the prompt it translates.
        text: the prompt's text.
        follow_ups: the follow-up questions, as many as the source has.
    """

    __attrs_post_init__ = _validate_all

    id: str = attrs.field(metadata=_ID_CHECKS)
    text: str = attrs.field(metadata=_checks(_text(MAX_PROMPT_TEXT)))
    follow_ups: tuple[str, ...] = attrs.field(
        default=(), converter=_to_follow_ups, metadata=_checks(_texts(MAX_PROMPT_TEXT))
    )


def _to_step_texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(_parse_each("steps", _same, value))


@attrs.frozen(kw_only=True)
class ExerciseTranslation(PlainData[ExerciseTranslationData]):
    """The words of one exercise in another language.

    Attributes:
        id: the id of the exercise it translates.
        title: the title.
        summary: the summary.
        steps: each step's text, in the source's order.
        why: why it works.
        variations: the source's variations by name (``short``, ``long-distance``...), with
            translated text.
        safety: the safety note, where the source has one.
    """

    __attrs_post_init__ = _validate_all

    id: str = attrs.field(metadata=_ID_CHECKS)
    title: str = attrs.field(metadata=_checks(_text(MAX_LINE)))
    summary: str = attrs.field(metadata=_checks(_text(MAX_PROMPT_TEXT)))
    steps: tuple[str, ...] = attrs.field(
        converter=_to_step_texts, metadata=_checks(_texts(MAX_PARAGRAPH))
    )
    why: str = attrs.field(metadata=_checks(_text(MAX_PARAGRAPH)))
    variations: tuple[Variation, ...] = attrs.field(default=(), converter=_to_variations)
    safety: str | None = attrs.field(default=None, metadata=_checks(_optional_text(MAX_PARAGRAPH)))


def _to_prompt_translations(value: Iterable[PromptTranslation]) -> tuple[PromptTranslation, ...]:
    return tuple(_parse_each("prompts", _is(PromptTranslation), value))


def _to_exercise_translations(
    value: Iterable[ExerciseTranslation],
) -> tuple[ExerciseTranslation, ...]:
    return tuple(_parse_each("exercises", _is(ExerciseTranslation), value))


def _items_belong(instance: Translation, _: attrs.Attribute[Any], __: object) -> None:
    prefix = f"{instance.translates}/"
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    groups: tuple[tuple[str, Sequence[PromptTranslation | ExerciseTranslation]], ...] = (
        ("prompts", instance.prompts),
        ("exercises", instance.exercises),
    )
    for kind, items in groups:
        for index, item in enumerate(items):
            where = f"{kind}[{index}].id"
            if not item.id.startswith(prefix):
                reason = f"{item.id!r} must start with {prefix!r} (the translated pack's name)"
                problems.append((where, reason))
            if item.id in seen:
                problems.append((where, f"{item.id!r} is translated more than once"))
            seen.add(item.id)
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class Translation(PlainData[TranslationData]):
    """A translation pack: another pack's items in ``language``, keyed by the source's ids.

    ``translates`` names the source pack; ``prompts`` and ``exercises`` hold the translated words
    of the items covered (a translation may cover some items and not others: the rest are shown
    in the source's language). Add it to a bank like a pack (:meth:`Bank.with_packs`) and ask the
    bank for the language (:meth:`Bank.translated`).

    Attributes:
        name: the translation pack's own name.
        version: its version.
        title: a display title.
        description: a longer description, or ``""``.
        language: the language it translates into.
        translates: the name of the pack it translates.
        authors: who wrote it.
        license: a license name, or ``""``.
        schema_version: the version of the pack format, ``1``.
        prompts: the prompts' words.
        exercises: the exercises' words.
    """

    __attrs_post_init__ = _validate_all

    name: str = attrs.field(metadata=_checks(_matches(NAME_PATTERN, MAX_NAME, "a pack name")))
    version: str = attrs.field(metadata=_checks(_text(MAX_NAME)))
    title: str = attrs.field(metadata=_checks(_text(MAX_LINE)))
    description: str = attrs.field(default="", metadata=_checks(_short(MAX_PARAGRAPH)))
    language: str = attrs.field(
        metadata=_checks(_matches(LANGUAGE_PATTERN, MAX_LANGUAGE, "a language tag"))
    )
    translates: str = attrs.field(
        metadata=_checks(_matches(NAME_PATTERN, MAX_NAME, "the name of the translated pack"))
    )
    authors: tuple[str, ...] = attrs.field(
        default=(), converter=_to_authors, metadata=_checks(_texts(MAX_LINE))
    )
    license: str = attrs.field(default="", metadata=_checks(_short(MAX_NAME)))
    schema_version: int = attrs.field(default=SCHEMA_VERSION, metadata=_checks(_schema_version))
    prompts: tuple[PromptTranslation, ...] = attrs.field(
        default=(), converter=_to_prompt_translations
    )
    exercises: tuple[ExerciseTranslation, ...] = attrs.field(
        default=(), converter=_to_exercise_translations, metadata=_checks(_items_belong)
    )


def matches(item: Prompt | Exercise, words: PromptTranslation | ExerciseTranslation) -> bool:
    """Whether ``words`` fit ``item``: the same kind, follow-ups, steps and variation names."""
    if isinstance(item, Prompt):
        return isinstance(words, PromptTranslation) and len(words.follow_ups) == len(
            item.follow_ups
        )
    return (
        isinstance(words, ExerciseTranslation)
        and len(words.steps) == len(item.steps)
        and [v.name for v in words.variations] == [v.name for v in item.variations]
        and (words.safety is None) == (item.safety is None)
    )


def apply_translation(
    item: Prompt | Exercise, words: PromptTranslation | ExerciseTranslation, language: str
) -> Prompt | Exercise:
    """``item`` shown in ``language`` with the translated ``words`` (which :func:`matches` it)."""
    if isinstance(item, Prompt):
        assert isinstance(words, PromptTranslation)  # noqa: S101 - checked by matches()
        return attrs.evolve(item, text=words.text, follow_ups=words.follow_ups, language=language)
    assert isinstance(words, ExerciseTranslation)  # noqa: S101 - checked by matches()
    return attrs.evolve(
        item,
        title=words.title,
        summary=words.summary,
        steps=tuple(
            attrs.evolve(step, text=text)
            for step, text in zip(item.steps, words.steps, strict=True)
        ),
        why=words.why,
        variations=words.variations,
        safety=words.safety,
        language=language,
    )


def translator(
    translations: Iterable[Translation], language: str | None
) -> Mapping[str, tuple[str, PromptTranslation | ExerciseTranslation]]:
    """For each item id, the words to show it with in ``language`` and their language tag.

    Follows :func:`fallback_chain`: a translation into ``es-MX`` wins over one into ``es``; an
    item no translation covers is left out (it is shown as its pack wrote it).
    """
    if language is None:
        return {}
    chosen: dict[str, tuple[str, PromptTranslation | ExerciseTranslation]] = {}
    by_tag: dict[str, list[Translation]] = {}
    for translation in translations:
        by_tag.setdefault(translation.language.lower(), []).append(translation)
    for tag in reversed(fallback_chain(language)):  # the most specific is written last and wins
        for translation in by_tag.get(tag, ()):
            covered: tuple[PromptTranslation | ExerciseTranslation, ...] = (
                *translation.prompts,
                *translation.exercises,
            )
            for words in covered:
                chosen[words.id] = (translation.language, words)
    return chosen


@attrs.frozen(kw_only=True)
class Coverage:
    """How much of a bank one language covers (see :meth:`Bank.languages`).

    Attributes:
        language: the language tag, such as ``"es"``.
        prompts: the prompts shown in this language.
        exercises: the exercises shown in this language.
        total_prompts: every prompt in the bank.
        total_exercises: every exercise in the bank.
    """

    language: str
    prompts: int
    exercises: int
    total_prompts: int
    total_exercises: int

    @property
    def share(self) -> float:
        """The part of all items (prompts and exercises) shown in this language, 0 to 1."""
        total = self.total_prompts + self.total_exercises
        return (self.prompts + self.exercises) / total if total else 0.0


def coverage(
    items: Sequence[Prompt | Exercise], translations: Iterable[Translation], language: str
) -> Coverage:
    """How many of ``items`` are shown in ``language``, as :meth:`Bank.translated` shows them."""
    words = translator(translations, language)
    chain = fallback_chain(language)

    def shown_in(item: Prompt | Exercise) -> bool:
        found = words.get(item.id)
        if found is not None and matches(item, found[1]):
            return True
        return item.language.lower() in chain

    prompts = [item for item in items if isinstance(item, Prompt)]
    exercises = [item for item in items if isinstance(item, Exercise)]
    return Coverage(
        language=language,
        prompts=sum(map(shown_in, prompts)),
        exercises=sum(map(shown_in, exercises)),
        total_prompts=len(prompts),
        total_exercises=len(exercises),
    )
