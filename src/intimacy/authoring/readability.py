"""A reading-grade estimate for short English texts: Flesch-Kincaid with a syllable heuristic.

The Flesch-Kincaid grade level is ``0.39 * words / sentences + 11.8 * syllables / words - 15.59``:
roughly the school grade (US) a reader needs to follow the text. Counting syllables exactly needs
a pronouncing dictionary; the heuristic below counts groups of vowels and corrects for the
commonest silent letters, which is within one syllable for almost every everyday word.
"""

from __future__ import annotations

import re

__all__ = ["grade_level", "syllables"]

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# A word: letters, with inner apostrophes ("you're", "didn't"); digits are not words.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# The end of a sentence: one or more of . ! ? (an ellipsis counts once), then a space, a closing
# quote or bracket, or the end of the text.
_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=[\s\"'\u201d\u2019)\]]|$)")
# A final "e" that is not sounded: "love", "home" (but not "little", "free", "the").
_SILENT_E = re.compile(r"[^aeiouy]e$")
_SOUNDED_LE = re.compile(r"[^aeiouy]le$")
# "-ed" not sounded after most consonants ("loved", "asked"), sounded after t and d ("wanted").
_SILENT_ED = re.compile(r"[^aeiouytd]ed$")
# "-es" not sounded after most consonants ("likes"), sounded after s, x, z, soft c and g, ch, sh.
_SILENT_ES = re.compile(r"(?:[^aeiouysxzcgh]|(?<![cs])h)es$")
# "-ely": the e is silent ("lovely", "safely").
_SILENT_ELY = re.compile(r"[^aeiouy]ely$")


def syllables(word: str) -> int:
    """Estimate the syllables in one English word: at least 1.

    Counts groups of vowels (``y`` counts as a vowel), then takes one away for a silent final
    ``e`` (``love``), a silent ``-ed`` (``asked``), a silent ``-es`` (``likes``) or the silent
    ``e`` of ``-ely`` (``lovely``), when the word has more than one group.

    >>> [syllables(word) for word in ("you", "partner", "loved", "wanted", "little", "lovely")]
    [1, 2, 1, 2, 2, 2]
    """
    letters = word.lower().replace("'", "").replace("\u2019", "")
    count = len(_VOWEL_GROUPS.findall(letters))
    if count > 1 and (
        (_SILENT_E.search(letters) and not _SOUNDED_LE.search(letters))
        or _SILENT_ED.search(letters)
        or _SILENT_ES.search(letters)
        or _SILENT_ELY.search(letters)
    ):
        count -= 1
    return max(1, count)


def grade_level(text: str) -> float:
    """The Flesch-Kincaid grade level of ``text``, with syllables from :func:`syllables`.

    A text with no words has grade 0. Short texts score low unless their words are long:

    >>> round(grade_level("What made you laugh today?"), 1)
    0.5
    >>> grade_level("Describe a communication vulnerability.") > 8
    True
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    total = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
