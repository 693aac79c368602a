"""The linter's rules for translation packs: each translated item against its source item.

A translation must carry the same placeholders, follow-ups, steps and variations as its source,
name only ids the source pack has, be in its own language (not left in the source's), and, in
Spanish, keep gender out of the grammar (no ``o/a`` forms, no gendered words for a partner).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING

from intimacy.model.models import Prompt
from intimacy.model.placeholders import item_texts, placeholders_in
from intimacy.model.translations import ExerciseTranslation, PromptTranslation, matches

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from intimacy.model.models import Exercise, Pack
    from intimacy.model.translations import Translation

__all__ = ["MAX_TRANSLATED_CHARS", "TRANSLATION_RULES", "translation_hits"]

#: The longest translated prompt text (and follow-up), in characters: translations run longer
#: than English, so the limit is a fifth above the source's 160.
MAX_TRANSLATED_CHARS = 200

#: The translation rules' slugs, with what each checks.
TRANSLATION_RULES: Mapping[str, str] = MappingProxyType(
    {
        "unknown-source": "a translation pack translates a pack that is not there",
        "unknown-translated-id": "a translation names an id its source pack does not have",
        "translation-shape": (
            "a translation's follow-ups, steps, variation names or safety note differ in "
            "number or name from its source's"
        ),
        "translation-placeholders": "a translation's placeholders differ from its source's",
        "untranslated": "a translated text is still in the source's language",
        "translation-too-long": (
            f"a translated prompt or follow-up is longer than {MAX_TRANSLATED_CHARS} characters"
        ),
        "gendered-form": "Spanish that genders the reader or partner (o/a, @, novio, esposo...)",
    }
)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# English words that no other language's sentence is likely to hold two of.
_ENGLISH = frozenset(
    (
        *("the", "and", "you", "your", "what", "with", "that", "this", "when", "how"),
        *("about", "tell", "my", "our", "of", "is", "are", "was", "were", "would"),
        *("could", "should", "have", "does", "did", "finish", "sentence", "partner"),
    )
)
_SPANISH_GENDERED = re.compile(
    r"\b\w+[oa]/[oa]s?\b|\b\w+\([oa]s?\)|\b\w+@s?\b|\b\w+xs\b|"
    r"\b(?:novi[oa]s?|espos[oa]s?|marido|maridos|compañer[oa]s?|mi mujer|tu mujer)\b",
    re.IGNORECASE,
)

_Hit = tuple[str, str, str]  # (item id, rule, message)


def _english(language: str) -> bool:
    return language == "en" or language.startswith("en-")


def _words(
    item: Prompt | Exercise, words: PromptTranslation | ExerciseTranslation
) -> Iterator[tuple[str, str, str]]:
    """Each translated text with its path and the source text it stands for."""
    source = dict(item_texts(item))
    if isinstance(words, PromptTranslation):
        yield "text", words.text, source.get("text", "")
        for index, text in enumerate(words.follow_ups):
            yield f"follow_ups[{index}]", text, source.get(f"follow_ups[{index}]", "")
        return
    yield "title", words.title, source.get("title", "")
    yield "summary", words.summary, source.get("summary", "")
    for index, text in enumerate(words.steps):
        yield f"steps[{index}].text", text, source.get(f"steps[{index}].text", "")
    yield "why", words.why, source.get("why", "")
    for index, variation in enumerate(words.variations):
        path = f"variations[{index}].text"
        yield path, variation.text, source.get(path, "")
    if words.safety is not None:
        yield "safety", words.safety, source.get("safety", "")


def _shape(item: Prompt | Exercise, words: PromptTranslation | ExerciseTranslation) -> str:
    """Why ``words`` do not fit ``item``, in one line."""
    if isinstance(item, Prompt) != isinstance(words, PromptTranslation):
        kind = "prompt" if isinstance(item, Prompt) else "exercise"
        return f"translates a {kind} as if it were not one: list it under its own kind"
    if isinstance(item, Prompt) and isinstance(words, PromptTranslation):
        return f"has {len(words.follow_ups)} follow-ups; the source has {len(item.follow_ups)}"
    assert isinstance(words, ExerciseTranslation)  # noqa: S101 - the kinds agree (above)
    assert not isinstance(item, Prompt)  # noqa: S101
    if len(words.steps) != len(item.steps):
        return f"has {len(words.steps)} steps; the source has {len(item.steps)}"
    names = [v.name for v in item.variations]
    if [v.name for v in words.variations] != names:
        return f"variations must be named {', '.join(names) or '(none)'}, in that order"
    has = "has a safety note" if words.safety is not None else "has no safety note"
    return f"{has}, unlike its source"


def _text_hits(
    translation: Translation, item: Prompt | Exercise, place: tuple[str, str, str]
) -> Iterator[_Hit]:
    """The findings for one translated text: ``place`` is its path, its text and the source's."""
    path, text, was = place
    item_id = item.id
    where = f"{path}: "
    if placeholders_in(text) != placeholders_in(was):
        found = ", ".join(f"${name}" for name in sorted(placeholders_in(text))) or "none"
        wanted = ", ".join(f"${name}" for name in sorted(placeholders_in(was))) or "none"
        reason = f"{where}uses {found}; the source uses {wanted}"
        yield item_id, "translation-placeholders", reason
    if _english(item.language) and not _english(translation.language):
        english = [word for word in _WORD.findall(text.casefold()) if word in _ENGLISH]
        if text == was or len(english) > 1:  # one English word may be a name
            reason = (
                f"{where}reads as English ({', '.join(english[:4]) or text[:40]}): translate it"
            )
            yield item_id, "untranslated", reason
    is_prompt_text = isinstance(item, Prompt) and (path == "text" or path.startswith("follow"))
    if is_prompt_text and len(text) > MAX_TRANSLATED_CHARS:
        reason = f"{where}is {len(text)} characters long; the limit is {MAX_TRANSLATED_CHARS}"
        yield item_id, "translation-too-long", reason
    if translation.language.split("-")[0].lower() == "es":
        for match in _SPANISH_GENDERED.finditer(text):
            reason = (
                f"{where}says {match.group()!r}: rephrase so the grammar genders no one "
                "('tu pareja' for the partner)"
            )
            yield item_id, "gendered-form", reason


def translation_hits(translation: Translation, source: Pack | None) -> Iterator[_Hit]:
    """Every finding for ``translation`` against its ``source`` pack (``None``: not found)."""
    if source is None:
        reason = f"translates {translation.translates!r}, which is not among the packs linted"
        yield translation.name, "unknown-source", reason
        return
    items: dict[str, Prompt | Exercise] = {item.id: item for item in source.prompts}
    items.update((item.id, item) for item in source.exercises)
    covered: tuple[PromptTranslation | ExerciseTranslation, ...] = (
        *translation.prompts,
        *translation.exercises,
    )
    for words in covered:
        item = items.get(words.id)
        if item is None:
            reason = f"{source.name!r} has no item with this id: remove it or fix the id"
            yield words.id, "unknown-translated-id", reason
            continue
        if not matches(item, words):
            yield words.id, "translation-shape", _shape(item, words)
        for place in _words(item, words):
            yield from _text_hits(translation, item, place)
