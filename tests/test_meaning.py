"""Near-duplicates by meaning: paraphrases are caught, different questions are not."""

from __future__ import annotations

import itertools

import pytest

import intimacy
from intimacy import Pack, Prompt, lint
from intimacy.authoring.meaning import (
    MEANING_DUPLICATE,
    _score,
    _weights,
    concepts,
    meaning_pairs,
    meaning_similarity,
    stem,
)

# The paraphrases an editor found in the original bank, which letters alone miss.
SAME_QUESTION = [
    (
        "What is one way I've tried to comfort you that didn't quite land?",
        "What do people do to comfort you that doesn't really help?",
    ),
    (
        (
            "Only if it feels right: what have you held back from telling me because you were "
            "unsure how I'd react?"
        ),
        "What have you stopped telling me because you weren't sure I'd listen?",
    ),
    (
        "When have you felt lonely even while we were in the same room?",
        "When do you miss me even though I'm right here?",
    ),
    (
        "When do you feel hardest to love, and what do you hope I do in those moments?",
        "When do you find it hardest to believe you're loved?",
    ),
]
# Close in words, different questions (from the original bank).
DIFFERENT_QUESTIONS = [
    (
        "What part of yourself are you still learning to love?",
        "What have you learned about love from being with me?",
    ),
    (
        "Which of my fears do you think I hide best, and how can you tell?",
        "What is a fear about us that you've kept to yourself?",
    ),
    (
        "Tell me about something you did lately that you're quietly proud of.",
        "Name one thing I did lately that you think I should feel proud of.",
    ),
    (
        "How can I tell when you need comfort but aren't asking for it?",
        "How do you feel about asking for reassurance?",
    ),
]


def prompt(n: int, text: str, practice: str = "empathy", language: str = "en") -> Prompt:
    """A clean prompt numbered ``n`` with ``text``."""
    return Prompt(
        id=f"m/p{n}",
        text=text,
        practice=practice,
        moods=["calm"],
        minutes=3,
        depth=2,
        language=language,
    )


class TestConcepts:
    def test_stem(self) -> None:
        """Common forms of a word share a stem."""
        assert stem("comforted") == stem("comforting") == stem("comforts") == "comfort"
        assert stem("hugged") == "hug"

    def test_phrases_and_groups(self) -> None:
        """Phrases and synonyms become one concept; frames and fillers are dropped."""
        assert concepts("What have you kept to yourself?") == {"withhold"}
        assert concepts("Finish this sentence: I feel soothed when we cuddle...") == {
            "comfort",
            "cuddle",
        }

    def test_second_question_dropped(self) -> None:
        """A double question is compared by its first question."""
        assert concepts("When do you feel hardest to love, and what do you hope?") == {"unlovable"}


class TestMeaningSimilarity:
    @pytest.mark.parametrize(("first", "second"), SAME_QUESTION)
    def test_paraphrases_score_high(self, first: str, second: str) -> None:
        """The four paraphrases from the bank reach the threshold."""
        assert meaning_similarity(first, second) >= MEANING_DUPLICATE

    @pytest.mark.parametrize(("first", "second"), DIFFERENT_QUESTIONS)
    def test_different_questions_score_low(self, first: str, second: str) -> None:
        """Prompts that share words but ask different things stay below it."""
        assert meaning_similarity(first, second) < MEANING_DUPLICATE

    def test_one_shared_concept_is_not_enough(self) -> None:
        """Texts must share two concepts, or be the same one concept of the lexicon."""
        assert meaning_similarity("What comforts you today?", "What comforts you most?") == 0.0
        assert meaning_similarity("What do you do today?", "Which part of today?") == 0.0
        assert meaning_similarity("What soothes you?", "Who comforts you?") == 1.0


class TestLint:
    def test_paraphrases_reported_across_practices(self) -> None:
        """Each paraphrase pair is one near-duplicate finding, across practices."""
        items = [
            prompt(2 * n + k, text, practice=("empathy", "vulnerability")[k])
            for n, pair in enumerate(SAME_QUESTION)
            for k, text in enumerate(pair)
        ]
        pack = Pack(name="m", version="1", title="M", prompts=items)
        found = [f for f in lint(pack) if f.rule == "near-duplicate"]
        assert [f.item_id for f in found] == ["m/p1", "m/p3", "m/p5", "m/p7"]
        assert all("in other words" in f.message for f in found)

    def test_different_questions_pass(self) -> None:
        """The close-but-different pairs give no finding."""
        items = [prompt(n, text) for n, text in enumerate(itertools.chain(*DIFFERENT_QUESTIONS))]
        pack = Pack(name="m", version="1", title="M", prompts=items)
        assert [f for f in lint(pack) if f.rule == "near-duplicate"] == []

    def test_other_languages_not_compared_by_meaning(self) -> None:
        """The concept lexicon is English: other languages are compared by letters only."""
        items = [prompt(n, text, language="de") for n, text in enumerate(SAME_QUESTION[2])]
        pack = Pack(name="m", version="1", title="M", language="de", prompts=items)
        assert [f for f in lint(pack) if f.rule == "near-duplicate"] == []


class TestSearch:
    def test_index_finds_every_pair_on_the_bank(self, bank: intimacy.Bank) -> None:
        """On the bank's prompts, plus a near-copy of ten of them (so that there are pairs
        however well the bank is edited), the indexed search finds what comparing every pair
        finds, at the linter's threshold and well below it."""
        texts = [p.text for p in bank.prompts()]
        texts += [f"{text} Take your time." for text in texts[:: len(texts) // 10][:10]]
        sets = [concepts(text) for text in texts]
        weight = _weights(sets)
        for threshold in (MEANING_DUPLICATE, MEANING_DUPLICATE - 0.2):
            expected = [
                (i, j, score)
                for i, j in itertools.combinations(range(len(texts)), 2)
                if (score := _score(sets[i], sets[j], weight)) >= threshold
            ]
            assert len(expected) >= 5
            assert meaning_pairs(texts, threshold) == expected
