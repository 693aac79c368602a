"""The linter's editorial rules: spelling, idioms, voice, double questions, touch, openings.

These check the mechanical part of the writing standard (``docs/linter.md``); the word lists
they read are in :mod:`intimacy.authoring.wordlists`. Each function yields ``(rule, message)``
hits for one item, except :func:`opening_hits`, which reads a whole pack.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from intimacy.authoring.similarity import normalise
from intimacy.authoring.wordlists import idiom_pattern, offer_pattern, spelling_table, touch_pattern
from intimacy.model.models import Prompt
from intimacy.model.placeholders import item_texts
from intimacy.model.vocab import Depth

if TYPE_CHECKING:
    from collections.abc import Iterator

    from intimacy.model.models import Exercise, Pack

__all__ = [
    "ACTIVITY_TAG",
    "MAX_OPENING_SHARE",
    "US_LANGUAGES",
    "english",
    "opening_hits",
    "style_hits",
    "variant",
]

#: The most a three-word opening may be shared among a pack's prompts of one language.
MAX_OPENING_SHARE = 0.03
#: The tag of a prompt addressed to the reader, which may say "your partner".
ACTIVITY_TAG = "activity"
#: The language tags whose spelling standard is US English; other ``en-...`` tags use UK English.
US_LANGUAGES = frozenset(("en", "en-us"))

_Hit = tuple[str, str]
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_YOUR_PARTNER = re.compile(r"\byour\s+partner(?:['\u2019]s|s['\u2019]|s)?\b", re.IGNORECASE)
# ", and how ...": a second question joined to the first (", and why?" asks for a reason).
_SECOND_QUESTION = re.compile(
    r",\s*and\s+(?:how|what|why|when|where|who|which)\b(?!\s*\?\s*$)", re.IGNORECASE
)


def english(item: Prompt | Exercise) -> bool:
    """Whether ``item`` is in English (``en`` or ``en-...``)."""
    return item.language == "en" or item.language.startswith("en-")


def variant(language: str) -> str:
    """The spelling standard of an English language tag: ``"us"`` or ``"uk"``.

    >>> variant("en"), variant("en-US"), variant("en-GB"), variant("en-AU")
    ('us', 'us', 'uk', 'uk')
    """
    return "us" if language.casefold() in US_LANGUAGES else "uk"


def _spelling_hits(item: Prompt | Exercise, where: str, text: str) -> Iterator[_Hit]:
    table = spelling_table(variant(item.language))
    standard = "US" if variant(item.language) == "us" else "UK"
    for word in _WORD.findall(text):
        right = table.get(word.casefold())
        if right is not None:
            if word[0].isupper():
                right = right[0].upper() + right[1:]
            reason = f"write {right!r}: {item.language!r} packs use {standard} spelling"
            yield "spelling", f"{where} says {word!r}; {reason}"


def _idiom_hits(where: str, text: str) -> Iterator[_Hit]:
    for match in idiom_pattern().finditer(text):
        reason = "an idiom a learner of English may not know: say it plainly"
        yield "idiom", f"{where} says {match.group()!r}, {reason}"


def _line_hits(item: Prompt, where: str, text: str) -> Iterator[_Hit]:
    """The rules for a prompt's text or one follow-up."""
    if ACTIVITY_TAG not in item.tags and (found := _YOUR_PARTNER.search(text)):
        reason = "a prompt is said to the partner: say 'you' (or tag it 'activity')"
        yield "voice", f"{where} says {found.group()!r}; {reason}"
    if found := _SECOND_QUESTION.search(text):
        reason = "joins a second question: keep one, or move it to follow_ups"
        yield "double-question", f"{where} {reason} ({found.group()!r})"
    touch = touch_pattern().search(text) if item.depth is Depth.DEEP else None
    if touch is not None and not offer_pattern().search(text):
        reason = "assumes touch is welcome: offer it ('if you'd like') or give another way"
        yield "deep-touch", f"{where} says {touch.group()!r} and {reason}"


def style_hits(item: Prompt | Exercise) -> Iterator[_Hit]:
    """The editorial rules for one English item, in the order of the rules' slugs."""
    if not english(item):
        return
    texts = [(path.removesuffix(".text"), text) for path, text in item_texts(item)]
    for where, text in texts:
        yield from _spelling_hits(item, where, text)
    for where, text in texts:
        yield from _idiom_hits(where, text)
    if isinstance(item, Prompt):
        for where, text in texts:
            yield from _line_hits(item, where, text)


def _opening(text: str) -> str | None:
    words = normalise(text).split()
    return " ".join(words[:3]) if len(words) >= 3 else None


def opening_hits(pack: Pack) -> Iterator[tuple[int, str, str]]:
    """``(prompt position, rule, message)`` for each prompt beyond its opening's allowance.

    A three-word opening may start at most 3% of the pack's prompts of one language (and always
    two); the prompts after that many, in pack order, are reported.
    """
    by_language: dict[str, list[int]] = {}
    for position, prompt in enumerate(pack.prompts):
        by_language.setdefault(prompt.language, []).append(position)
    for positions in by_language.values():
        allowance = max(2, math.floor(MAX_OPENING_SHARE * len(positions)))
        seen: dict[str, list[int]] = {}
        for position in positions:
            opening = _opening(pack.prompts[position].text)
            if opening is not None:
                seen.setdefault(opening, []).append(position)
        for opening, starts in seen.items():
            for position in starts[allowance:]:
                share = f"{len(starts)} of {len(positions)} prompts"
                reason = f"at most {allowance} may ({MAX_OPENING_SHARE:.0%}): start another way"
                yield (
                    position,
                    "repeated-opening",
                    f"opens with {opening!r}, as {share} do; {reason}",
                )
