"""Near-duplicates at the level of meaning: the same question asked in other words.

Character-level similarity (:mod:`intimacy.authoring.similarity`) misses a paraphrase such as
"When have you felt lonely even while we were in the same room?" and "When do you miss me even
though I'm right here?". Here each English prompt becomes a set of *concepts*:

1. the text is normalised (:func:`~intimacy.authoring.similarity.normalise`), and a trailing
   second question joined with ", and how/what/why..." is dropped, so that a double question is
   compared by its first question;
2. phrases that mean one thing become one concept (:data:`CONCEPT_PHRASES`: "held back from
   telling", "stopped telling" and "kept to yourself" are all ``withhold``); question frames
   ("finish this sentence", "tell me about") are dropped;
3. frame words are dropped (:data:`FRAME_WORDS`: function words, pronouns, question words,
   and slot fillers such as "thing", "time", "way"); the other words are reduced to a rough
   stem and mapped to a concept group (:data:`CONCEPT_GROUPS`: comfort, soothe, console and
   reassure are all ``comfort``).

Two prompts are compared by the weighted Jaccard index of their concepts: the summed weight of
the concepts both have over the summed weight of the concepts either has. A concept's weight is
its inverse document frequency ``log(1 + n / df)`` over the ``n`` texts compared, so a rare
concept ("unlovable") counts for more than a common one ("feel"). Pairs must share at least two
concepts (or be one and the same concept of the lexicon, such as ``unlovable``). See
``docs/linter.md`` for the threshold and the pairs it was chosen on.

Pairs are found without comparing every pair: an inverted index maps each concept to the texts
that have it, and each text looks up only its rarest concepts (a weighted prefix filter: a pair
scoring at least ``t`` must share one of the rarest concepts that make up more than ``1 - t`` of
a text's weight), in at most :data:`POSTING_CAP` of the latest texts per concept.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import cache
from typing import TYPE_CHECKING

from intimacy.authoring.similarity import POSTING_CAP, normalise

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CONCEPT_GROUPS",
    "CONCEPT_PHRASES",
    "FRAME_WORDS",
    "MEANING_DUPLICATE",
    "concepts",
    "meaning_pairs",
    "meaning_similarity",
]

#: Prompts whose concepts overlap at least this much (weighted Jaccard) ask the same question.
MEANING_DUPLICATE = 0.75

#: Phrases (regular expressions over the normalised text) that stand for one concept; an empty
#: concept drops the phrase (question frames that say nothing about the question).
CONCEPT_PHRASES: tuple[tuple[str, str], ...] = (
    (
        (
            r"hard(?:est|er)? (?:for (?:you|me) )?to "
            r"(?:believe (?:that )?(?:you are |i am )?|feel )?lov(?:e|ed)"
        ),
        "unlovable",
    ),
    (r"(?:hold|holds|holding|held) (?:it |that |something |them )?back", "withhold"),
    (r"(?:stop|stops|stopped|stopping) (?:telling|sharing|saying)", "withhold"),
    (r"(?:keep|keeps|kept|keeping) (?:it |that |them )?to yourself", "withhold"),
    (r"not (?:tell|telling|told|share|shared|sharing)", "withhold"),
    (r"(?:not|never) (?:quite |really |totally )?sure", "unsure"),
    (r"same room|right here|next to (?:me|you)|beside (?:me|you)", "nearby"),
    (
        r"not (?:quite |really )?(?:land|landed|lands|help|helped|helps|work|worked|works)",
        "misfire",
    ),
    (r"(?:miss|missed|misses|missing) the mark", "misfire"),
    (r"finish this sentence|tell me about|only if it feels right|if you want to share it", ""),
    (r"what is one|would you rather|if you would like to", ""),
)

#: Groups of words that stand for one concept, named by their first word.
CONCEPT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("comfort", "soothe", "console", "reassure", "reassurance"),
    ("lonely", "loneliness", "alone", "miss", "isolated", "disconnected"),
    ("withhold", "hide", "conceal", "secret"),
    ("unsure", "uncertain", "doubt"),
    ("react", "reaction", "respond", "response", "listen"),
    ("hard", "hardest", "harder", "difficult", "tough"),
    ("love", "lovable", "loving"),
    ("self", "yourself", "myself", "ourselves"),
    ("afraid", "scared", "fear", "frightened", "worry", "anxious", "nervous"),
    ("happy", "joy", "glad", "delight"),
    ("sad", "blue", "low", "upset", "sadness"),
    ("laugh", "giggle", "funny"),
    ("proud", "pride"),
    ("thank", "grateful", "gratitude", "appreciate"),
    ("angry", "anger", "mad", "frustrated", "annoyed"),
    ("hurt", "wound", "pain", "ache"),
    ("tired", "exhausted", "worn", "drained"),
    ("childhood", "child", "kid", "young", "growing"),
    ("trust", "rely", "depend"),
    ("safe", "secure", "safety"),
    ("dream", "dreams"),
    ("remember", "memory", "recall"),
    ("plan", "organize", "schedule"),
    ("gift", "present"),
)

#: Words that carry no meaning of their own in a prompt: dropped before comparing.
FRAME_WORDS: frozenset[str] = frozenset(
    " ".join(
        (
            "a an the and or but if so as of to in on at by for from with about into over",
            "after before than then that this these those it its there here i me my mine",
            "we us our ours you your yours yourselves they them their he she what when where",
            "which who whom whose why how is am are was were be been being do does did done",
            "have has had having will would can could shall should may might must not no",
            "ever even still just really quite very most more much many some any each every",
            "one ones thing things something anything way ways kind kinds sort bit part time",
            "times moment moments tell say describe name share pick choose finish sentence",
            "think people person someone anyone others get got let lets try tried tries",
            "trying while though because only out loud up wish like feel feels felt feeling",
            "find finds found",
        )
    ).split()
)

_IRREGULAR = {
    "held": "hold",
    "kept": "keep",
    "told": "tell",
    "made": "make",
    "thought": "think",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
    "children": "child",
    "saw": "see",
    "seen": "see",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "went": "go",
    "gone": "go",
    "knew": "know",
    "known": "know",
}
_SUFFIXES = (
    ("iness", "y"),
    ("ness", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
)
# ", and what ...": a second question joined to the first.
_SECOND_QUESTION = re.compile(
    r",\s*(?:and|or|but)\s+(?:how|what|why|when|where|who|which)\b.*", re.DOTALL | re.IGNORECASE
)


def stem(word: str) -> str:
    """A rough stem of an English word, the same for its common forms.

    >>> [stem(word) for word in ("comforted", "comforting", "lonelier", "held", "worries")]
    ['comfort', 'comfort', 'lonelier', 'hold', 'worry']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "hugged" -> "hug", but "feeling" stays "feel"
            return base
    return word


@cache
def _lexicon() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"\b(?:{pattern})\b"), concept) for pattern, concept in CONCEPT_PHRASES
    )


@cache
def _groups() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in CONCEPT_GROUPS:
        for word in group:
            table[word] = group[0]
            for form in (word, f"{word}s", f"{word}ed", f"{word}d", f"{word}ing"):
                table.setdefault(stem(form), group[0])
    return table


@cache
def _named() -> frozenset[str]:
    """The concepts the lexicon names (phrases and groups), as opposed to bare stems."""
    return frozenset(
        (*(concept for _, concept in CONCEPT_PHRASES if concept), *(g[0] for g in CONCEPT_GROUPS))
    )


def concepts(text: str) -> frozenset[str]:
    """The concepts of an English prompt text, as compared for near-duplicates.

    >>> sorted(concepts("When have you felt lonely even while we were in the same room?"))
    ['lonely', 'nearby']
    >>> sorted(concepts("When do you miss me even though I'm right here?"))
    ['lonely', 'nearby']
    """
    normal = normalise(_SECOND_QUESTION.sub("", text))
    for pattern, concept in _lexicon():
        normal = pattern.sub(f" {concept} ", normal)
    groups = _groups()
    found = set()
    for word in normal.split():
        if word in FRAME_WORDS:
            continue
        concept = groups.get(word) or groups.get(stem(word)) or stem(word)
        if concept not in FRAME_WORDS:
            found.add(concept)
    return frozenset(found)


def _weights(sets: Sequence[frozenset[str]]) -> dict[str, float]:
    frequency = Counter(concept for found in sets for concept in found)
    return {concept: math.log(1 + len(sets) / count) for concept, count in frequency.items()}


def _score(first: frozenset[str], second: frozenset[str], weight: dict[str, float]) -> float:
    shared = first & second
    # Two shared concepts; or one, for two texts of that one concept, when it is a lexicon
    # concept ("unlovable"): a bare word such as "today" says too little on its own.
    if len(shared) < 2 and not (len(first) == len(second) == 1 and shared <= _named()):
        return 0.0
    both = sum(weight[concept] for concept in shared)
    return both / sum(weight[concept] for concept in first | second)


def meaning_similarity(first: str, second: str) -> float:
    """The meaning similarity of two English texts alone, from 0 to 1 (weights from the two).

    In a bank, weights come from every text compared (see :func:`meaning_pairs`), so the same
    pair can score differently there.

    >>> meaning_similarity("What is one way I've tried to comfort you that didn't land?",
    ...                    "What do people do to comfort you that doesn't really help?")
    1.0
    """
    sets = [concepts(first), concepts(second)]
    return _score(sets[0], sets[1], _weights(sets))


def meaning_pairs(texts: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Each pair ``(i, j, score)`` with ``i < j`` of English texts scoring ``>= threshold``.

    Pairs come sorted by ``(i, j)``.
    """
    sets = [concepts(text) for text in texts]
    weight = _weights(sets)
    index: defaultdict[str, list[int]] = defaultdict(list)
    found: list[tuple[int, int, float]] = []
    for j, mine in enumerate(sets):
        ranked = sorted(mine, key=lambda concept: (-weight[concept], concept))
        rest = sum(weight[concept] for concept in ranked)
        floor = threshold * rest
        candidates: set[int] = set()
        for concept in ranked:
            if rest < floor:
                break  # what is left cannot reach the threshold on its own
            candidates.update(index[concept][-POSTING_CAP:])
            rest -= weight[concept]
        for i in sorted(candidates):
            score = _score(sets[i], mine, weight)
            if score >= threshold:
                found.append((i, j, score))
        for concept in mine:
            index[concept].append(j)
    found.sort()
    return found
