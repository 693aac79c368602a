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

Two caps keep the work per text bounded, so a bank whose prompts share their wording is not
compared pair by pair: a word's index entry is read for at most :data:`POSTING_CAP` of the latest
texts, and a text is compared character by character with at most :data:`MAX_COMPARED` earlier
texts, those sharing the largest part of its words.
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

__all__ = [
    "MAX_COMPARED",
    "MIN_WORD_OVERLAP",
    "POSTING_CAP",
    "normalise",
    "similar_pairs",
    "similarity",
]

#: The least word overlap (distinct words shared / distinct words in either) of a pair that is
#: compared character by character.
MIN_WORD_OVERLAP = 0.3
#: The most earlier texts looked up per word (or concept): the latest ones; and once a text has
#: this many candidates, its commoner words are not looked up. A word shared by more texts than
#: this is common enough to say little, and without a cap a bank of prompts that share their
#: wording is compared pair by pair.
POSTING_CAP = 64
#: The most earlier texts one text is compared with character by character: those with the most
#: words in common with it.
MAX_COMPARED = 4

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
    words: list[str] = _WORD.findall(folded)
    return " ".join(_CONTRACTIONS.get(word, word) for word in words)


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


def similar_pairs(
    texts: Sequence[str], threshold: float, *, one_each: bool = False
) -> list[tuple[int, int, float]]:
    """Each pair ``(i, j, score)`` with ``i < j`` whose :func:`similarity` is ``>= threshold``.

    ``texts`` are normalised texts; equal texts score 1.0. Pairs come sorted by ``(i, j)``.
    Texts with no words are never paired. With ``one_each``, each ``j`` gets at most one pair:
    the first found, trying earlier texts by the share of words they have in common with it.
    """
    words = [frozenset(text.split()) for text in texts]
    frequency = Counter(word for distinct in words for word in distinct)
    index: defaultdict[str, list[int]] = defaultdict(list)
    found: list[tuple[int, int, float]] = []
    for j, distinct in enumerate(words):
        # Rarest words first, so that prefixes hold the words that tell texts apart.
        ranked = sorted(distinct, key=lambda word: (frequency[word], word))
        prefix = ranked[: _prefix_length(len(ranked))]
        candidates: set[int] = set()
        for word in prefix:
            if len(candidates) >= POSTING_CAP:
                break  # enough candidates from the rarer words
            candidates.update(index[word][-POSTING_CAP:])
        for word in prefix:
            index[word].append(j)
        overlaps: list[tuple[float, int]] = []
        for i in candidates:
            shared = len(words[i] & distinct)
            union = len(words[i]) + len(distinct) - shared
            if shared >= MIN_WORD_OVERLAP * union:
                overlaps.append((-shared / union, i))
        overlaps.sort()
        for _, i in overlaps[:MAX_COMPARED]:
            score = _score(texts[i], texts[j], threshold)
            if score is not None:
                found.append((i, j, score))
                if one_each:
                    break
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
