"""Text similarity for finding duplicate and near-duplicate prompts, fast enough for big banks.

Texts are compared in a normal form (case folded, punctuation dropped, English contractions
spelled out, whitespace collapsed) with :class:`difflib.SequenceMatcher`'s ``ratio``: twice the
number of matching characters over the total length, from 0 (nothing in common) to 1 (equal).

Comparing every pair of 1,000 texts with ``ratio`` takes minutes, so pairs are found in three
steps, cheapest first:

1. word overlap: only pairs whose sets of distinct words overlap by at least
   :data:`MIN_WORD_OVERLAP` (shared words over words in either, the Jaccard index) are compared
   at all, and a prefix index on the rarest words (the "all-pairs" prefix filter) finds them
   without looking at every pair. Two texts that share most of their characters share most of
   their words, so at the thresholds used for near-duplicates this leaves out only pairs that
   would not reach them (``docs/linter.md`` checks this on the bundled bank);
2. the length bound: ``ratio`` is at most ``2 * min(len) / (len_a + len_b)``;
3. :meth:`~difflib.SequenceMatcher.quick_ratio` (an upper bound from character counts), and only
   then ``ratio`` itself.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["MIN_WORD_OVERLAP", "normalise", "similar_pairs", "similarity"]

#: The least word overlap (distinct words shared / distinct words in either) of a pair that is
#: compared character by character.
MIN_WORD_OVERLAP = 0.3

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# English contractions, so that "you're" and "you are" read the same.
_CONTRACTIONS = {
    "aren't": "are not",
    "can't": "cannot",
    "couldn't": "could not",
    "didn't": "did not",
    "doesn't": "does not",
    "don't": "do not",
    "hadn't": "had not",
    "hasn't": "has not",
    "haven't": "have not",
    "i'd": "i would",
    "i'll": "i will",
    "i'm": "i am",
    "i've": "i have",
    "isn't": "is not",
    "it's": "it is",
    "let's": "let us",
    "shouldn't": "should not",
    "that's": "that is",
    "wasn't": "was not",
    "we'd": "we would",
    "we'll": "we will",
    "we're": "we are",
    "we've": "we have",
    "weren't": "were not",
    "what's": "what is",
    "won't": "will not",
    "wouldn't": "would not",
    "you'd": "you would",
    "you'll": "you will",
    "you're": "you are",
    "you've": "you have",
}


def normalise(text: str) -> str:
    """``text`` in the form compared for duplicates: lowercase words separated by single spaces.

    >>> normalise("  You're here -- AT LAST!  ")
    'you are here at last'
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return " ".join(_CONTRACTIONS.get(word, word) for word in _WORD.findall(folded))


def similarity(first: str, second: str) -> float:
    """The similarity of two normalised texts, from 0 to 1; the same whichever comes first.

    >>> similarity("what makes you laugh", "what makes you laugh")
    1.0
    >>> round(similarity("what makes you laugh", "what makes you cry"), 2)
    0.79
    """
    low, high = sorted((first, second))
    return difflib.SequenceMatcher(None, low, high, autojunk=False).ratio()


def _prefix_length(size: int) -> int:
    # A set that overlaps another by Jaccard >= j shares one of its first size - ceil(j * size) + 1
    # words in any fixed global order (Chaudhuri et al. 2006; Bayardo et al. 2007).
    return size - math.ceil(MIN_WORD_OVERLAP * size) + 1


def similar_pairs(texts: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Each pair ``(i, j, score)`` with ``i < j`` whose :func:`similarity` is ``>= threshold``.

    ``texts`` are normalised texts; equal texts score 1.0. Pairs come sorted by ``(i, j)``.
    Texts with no words are never paired.
    """
    words = [frozenset(text.split()) for text in texts]
    frequency = Counter(word for distinct in words for word in distinct)
    index: defaultdict[str, list[int]] = defaultdict(list)
    found: list[tuple[int, int, float]] = []
    for j, distinct in enumerate(words):
        # Rarest words first, so that prefixes hold the words that tell texts apart.
        ranked = sorted(distinct, key=lambda word: (frequency[word], word))
        candidates: set[int] = set()
        for word in ranked[: _prefix_length(len(ranked))]:
            candidates.update(index[word])
            index[word].append(j)
        for i in sorted(candidates):
            shared = len(words[i] & distinct)
            if shared < MIN_WORD_OVERLAP * (len(words[i]) + len(distinct) - shared):
                continue
            score = _score(texts[i], texts[j], threshold)
            if score is not None:
                found.append((i, j, score))
    found.sort()
    return found


def _score(first: str, second: str, threshold: float) -> float | None:
    total = len(first) + len(second)
    if 2 * min(len(first), len(second)) < threshold * total:
        return None
    low, high = sorted((first, second))
    matcher = difflib.SequenceMatcher(None, low, high, autojunk=False)
    if matcher.quick_ratio() < threshold:
        return None
    score = matcher.ratio()
    return score if score >= threshold else None
