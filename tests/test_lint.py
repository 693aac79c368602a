"""The content linter: each rule catches a bad example and passes a good one; the bank is clean."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import pytest
from hypothesis import given

import intimacy
from intimacy import Exercise, Finding, Pack, Prompt, Reference, Step, dumps_pack, lint
from intimacy.authoring.lint import MAX_PROMPT_CHARS, NEAR_DUPLICATE, RULES, WARNINGS, lint_files
from intimacy.authoring.readability import grade_level, syllables
from intimacy.authoring.similarity import normalise, similar_pairs, similarity
from intimacy.cli import main
from intimacy.testing import packs

if TYPE_CHECKING:
    from collections.abc import Sequence

ROOT = Path(__file__).resolve().parents[1]
NO_REFERENCES: dict[str, Reference] = {}


def make_prompt(**changes: Any) -> Prompt:
    """A prompt that breaks no rule, with ``changes`` applied."""
    fields: dict[str, Any] = {
        "id": "test/smile-today",
        "text": "What made you smile today?",
        "practice": "connection",
        "moods": ["calm"],
        "minutes": 3,
        "depth": 1,
    }
    return Prompt(**(fields | changes))


def make_exercise(**changes: Any) -> Exercise:
    """An exercise that breaks no rule, with ``changes`` applied (minutes follow the steps)."""
    steps = changes.pop(
        "steps",
        (
            Step(text="Sit somewhere quiet and set a timer.", minutes=1, role="both"),
            Step(text="The speaker tells a story from their week.", minutes=4, role="speaker"),
            Step(text="The listener says back what they heard.", minutes=2, role="listener"),
            Step(text="Close by thanking each other, and a hug if both want one.", minutes=1),
        ),
    )
    fields: dict[str, Any] = {
        "id": "test/story-swap",
        "title": "Story swap",
        "summary": "Take turns telling and hearing a story.",
        "practice": "active-listening",
        "steps": steps,
        "minutes": sum(step.minutes for step in steps),
        "depth": 2,
        "moods": ["calm"],
        "why": "Being heard well feels good.",
        "research": ("test-study",),
    }
    return Exercise(**(fields | changes))


def make_pack(
    *items: Prompt | Exercise, name: str = "test", language: str = "en", **changes: Any
) -> Pack:
    """A pack of ``items``, with the reference the example exercise cites."""
    return Pack(
        name=name,
        version="1.0",
        title="Test pack",
        language=language,
        prompts=tuple(item for item in items if isinstance(item, Prompt)),
        exercises=tuple(item for item in items if isinstance(item, Exercise)),
        references=(Reference(key="test-study", citation="A. Author (2020). A study."),),
        **changes,
    )


def rules_of(*items: Prompt | Exercise, language: str = "en") -> list[str]:
    """The rules the items of one pack break."""
    return [found.rule for found in lint(make_pack(*items, language=language))]


def findings_of(item: Prompt | Exercise) -> list[Finding]:
    """The findings for one item, alone in a pack."""
    return list(lint(make_pack(item)))


class TestFinding:
    def test_reads_as_one_line(self) -> None:
        """A finding prints as 'source: id: rule: message' on one line."""
        found = Finding(source="ours.toml", item_id="ours/a", rule="too-long", message="is long")
        assert str(found) == "ours.toml: ours/a: error: too-long: is long"
        warned = attrs.evolve(found, severity="warning")
        assert str(warned) == "ours.toml: ours/a: warning: too-long: is long"

    def test_severity_checked(self) -> None:
        """A severity other than error or warning is refused."""
        with pytest.raises(ValueError, match="severity"):
            Finding(source="s", item_id="i", rule="r", message="m", severity="fatal")  # type: ignore[arg-type]

    def test_frozen(self) -> None:
        """A finding cannot be changed after it is made."""
        found = Finding(source="s", item_id="i", rule="r", message="m")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            found.rule = "other"  # type: ignore[misc]

    def test_exported(self) -> None:
        """lint and Finding are public names of intimacy."""
        assert {"Finding", "lint"} <= set(intimacy.__all__)
        assert intimacy.lint is lint


class TestBundledBank:
    def test_zero_findings(self, bank: intimacy.Bank) -> None:
        """The bundled bank passes every rule: nothing to fix."""
        found = lint(*bank.packs)
        assert found == (), "\n".join(map(str, found))

    def test_clean_example_pack(self) -> None:
        """The good examples used below break no rule."""
        assert lint(make_pack(make_prompt(), make_exercise())) == ()


class TestDuplicates:
    def test_exact_duplicate_after_normalising(self) -> None:
        """Texts equal but for case, punctuation, spacing and contractions are duplicates."""
        first = make_prompt(id="test/a", text="What's one thing you're proud of?")
        second = make_prompt(id="test/b", text="  what is ONE thing you are proud of!! ")
        (found,) = findings_of_pack(first, second)
        assert (found.item_id, found.rule) == ("test/b", "duplicate")
        assert "test/a" in found.message

    def test_near_duplicate(self) -> None:
        """A one-word change of a prompt is a near-duplicate, reported on the later one."""
        first = make_prompt(
            id="test/a", text="Where in your body do you feel it when you're happy?"
        )
        second = make_prompt(id="test/b", text="Where in your body do you feel it when you're sad?")
        (found,) = findings_of_pack(first, second)
        assert (found.item_id, found.rule) == ("test/b", "near-duplicate")
        assert "test/a" in found.message

    def test_different_questions_pass(self) -> None:
        """Two prompts that share a frame but ask different things are not near-duplicates."""
        first = make_prompt(id="test/a", text="What topic do you wish we talked about more often?")
        second = make_prompt(id="test/b", text="What part of your day do you wish I asked about?")
        assert similarity(normalise(first.text), normalise(second.text)) < NEAR_DUPLICATE
        assert findings_of_pack(first, second) == []

    def test_reported_once_against_closest(self) -> None:
        """A prompt like two earlier ones gets one finding, naming the closer one."""
        texts = [
            "What small win from this week should we celebrate?",
            "What small win from this week should we celebrate tonight?",
            "What small win from this week should we celebrate tonight, and how?",
        ]
        items = [make_prompt(id=f"test/p{n}", text=text) for n, text in enumerate(texts)]
        found = [f for f in findings_of_pack(*items) if f.rule == "near-duplicate"]
        assert [(f.item_id, f.rule) for f in found] == [
            ("test/p1", "near-duplicate"),
            ("test/p2", "near-duplicate"),
        ]
        assert "test/p1" in found[1].message

    def test_closest_may_be_the_first(self) -> None:
        """The earlier prompt named is the closest one, even when it comes first."""
        texts = [
            "What small win from this week should we celebrate tonight, and how?",
            "What small win from this week should we celebrate?",
            "What small win from this week should we celebrate tonight, and why?",
        ]
        items = [make_prompt(id=f"test/p{n}", text=text) for n, text in enumerate(texts)]
        found = [f for f in findings_of_pack(*items) if f.rule == "near-duplicate"]
        assert [f.item_id for f in found] == ["test/p1", "test/p2"]
        assert "test/p0" in found[1].message

    def test_across_packs_names_the_file(self) -> None:
        """A prompt repeating one in another pack is reported with its own pack's file."""
        ours = make_pack(make_prompt(id="ours/a"), name="ours")
        theirs = make_pack(make_prompt(id="theirs/a"), name="theirs")
        (found,) = lint(ours, theirs, sources={"ours": "ours.toml", "theirs": "theirs.json"})
        assert (found.source, found.item_id, found.rule) == ("theirs.json", "theirs/a", "duplicate")
        assert "ours/a" in found.message

    def test_unnamed_source_is_the_pack_name(self) -> None:
        """Without a source for a pack, findings name the pack."""
        (found,) = lint(make_pack(make_prompt(text="Do you like tea?")))
        assert found.source == "test"

    def test_languages_compared_apart(self) -> None:
        """The same text in packs of two languages is not a duplicate."""
        english = make_pack(make_prompt(id="en/a"), name="en")
        other = make_pack(make_prompt(id="de/a", language="de"), name="de", language="de")
        assert lint(english, other) == ()

    def test_alongside_packs_are_context_only(self) -> None:
        """Packs given alongside are compared with, but their own problems are not reported."""
        bundled = make_pack(make_prompt(id="core/a"), make_prompt(id="core/b"), name="core")
        ours = make_pack(make_prompt(id="ours/a"), name="ours")
        (found,) = lint(ours, alongside=[bundled])
        assert (found.item_id, found.rule) == ("ours/a", "duplicate")

    def test_texts_without_words_are_not_compared(self) -> None:
        """Prompts with no words at all are never duplicates of each other."""
        assert findings_of_pack(make_prompt(id="test/a", text="?!"), make_prompt(text="...")) == []


def findings_of_pack(*items: Prompt | Exercise) -> list[Finding]:
    """The findings for a pack of ``items``."""
    return list(lint(make_pack(*items)))


class TestSimilarity:
    def test_normalise(self) -> None:
        """Case, punctuation, curly apostrophes and contractions are normalised away."""
        assert normalise("You\u2019re HERE, at last!") == normalise("you are here at last")
        assert normalise("¿Qué tal?") == "qué tal"

    def test_symmetric(self) -> None:
        """Similarity does not depend on which text comes first."""
        first, second = "what makes you laugh", "what makes a good day for you"
        assert similarity(first, second) == similarity(second, first)

    def test_prefilter_misses_nothing_on_real_prompts(self, bank: intimacy.Bank) -> None:
        """On bank prompts that share long frames, plus a near-copy of ten of them, the fast
        search finds every pair that comparing all pairs finds."""
        frames = ("Only as much", "Only if you", "Tell me about", "Think of a")
        texts = [normalise(p.text) for p in bank.prompts() if p.text.startswith(frames)]
        texts += [text.rsplit(" ", 1)[0] + " today" for text in texts[:10]]
        expected = [
            (i, j, score)
            for i, j in itertools.combinations(range(len(texts)), 2)
            if (score := similarity(texts[i], texts[j])) >= NEAR_DUPLICATE
        ]
        assert len(texts) > 40
        assert len(expected) >= 10
        assert similar_pairs(texts, NEAR_DUPLICATE) == expected


class TestOpenEnded:
    @pytest.mark.parametrize(
        "text",
        [
            "Do you like mornings?",
            "Are we good at resting?",
            "Would you go back to your first job?",
            "Picture our next trip. Is it by the sea?",
            "Be honest: didn't you love that film?",
            "\u201cCan I help?\u201d Tell me when that question lands well.",
        ],
    )
    def test_yes_no_question_caught(self, text: str) -> None:
        """A question that opens with an auxiliary verb is a yes/no question."""
        assert "yes-no-question" in rules_of(make_prompt(text=text))

    @pytest.mark.parametrize(
        "text",
        [
            "What made you smile today?",
            "Would you rather cook together or eat out, and why?",
            "Do one kind thing for your partner before bed.",
            "Tell me about a place you loved as a child.",
        ],
    )
    def test_open_prompts_pass(self, text: str) -> None:
        """Open questions, 'would you rather ... or ..., and why?' and invitations pass."""
        assert "yes-no-question" not in rules_of(make_prompt(text=text))

    def test_follow_up_named(self) -> None:
        """A yes/no follow-up is caught and named in the message."""
        (found,) = findings_of(make_prompt(follow_ups=["What did it teach you?", "Was it fun?"]))
        assert found.rule == "yes-no-question"
        assert found.message.startswith("follow-up 2 ")

    def test_only_english(self) -> None:
        """The auxiliary verbs are English: other languages are not checked."""
        item = make_prompt(text="Do you like tea?", language="de")
        assert rules_of(item, language="de") == []


class TestLengthAndQuestions:
    def test_too_long(self) -> None:
        """A prompt over 160 characters is too long; one of exactly 160 is not."""
        stem = "Tell me about a walk you loved"
        exact = stem + " " + "a" * (MAX_PROMPT_CHARS - len(stem) - 2) + "."
        assert len(exact) == MAX_PROMPT_CHARS
        assert "too-long" not in rules_of(make_prompt(text=exact))
        assert "too-long" in rules_of(make_prompt(text=exact + "!"))

    def test_several_questions(self) -> None:
        """Two question marks make two questions; one is fine."""
        assert rules_of(make_prompt(text="What was it? How did it feel?")) == ["several-questions"]
        assert rules_of(make_prompt(text="What was it, and why?")) == []


class TestInclusiveLanguage:
    @pytest.mark.parametrize("word", ["wife", "Husband", "boyfriend", "fiancée", "spouse"])
    def test_partner_words(self, word: str) -> None:
        """Gendered or marital words for a partner are caught in prompts."""
        assert rules_of(make_prompt(text=f"What does your {word} love most?")) == ["partner-word"]

    def test_partner_word_in_an_exercise_step(self) -> None:
        """Every text of an exercise is checked, and the message says where."""
        steps = (
            Step(text="Your girlfriend picks a song.", minutes=2),
            Step(text="Close by saying thank you.", minutes=1),
        )
        (found,) = findings_of(make_exercise(steps=steps))
        assert found.rule == "partner-word"
        assert found.message.startswith("steps[0] says 'girlfriend'")

    @pytest.mark.parametrize("text", ["How did your wedding day feel?", "What is marriage to you?"])
    def test_marriage_never_allowed(self, text: str) -> None:
        """Marriage words are caught even on items flagged with a topic."""
        item = make_prompt(text=text, topics=["children", "family"])
        assert rules_of(item) == ["assumes-marriage"]

    def test_children_need_the_topic(self) -> None:
        """Words that assume children are caught unless the item has the children topic."""
        text = "How do our kids show they love us?"
        assert rules_of(make_prompt(text=text)) == ["assumes-children"]
        assert rules_of(make_prompt(text=text, topics=["children"])) == []

    def test_own_childhood_is_fine(self) -> None:
        """'As kids' and 'when we were children' speak of the partners' own childhoods."""
        text = "What did you play as kids, or miss from when we were children?"
        assert rules_of(make_prompt(text=text)) == []

    def test_follow_up_checked(self) -> None:
        """Follow-ups are checked too, and named by their place."""
        (found,) = findings_of(make_prompt(follow_ups=["What would your parenting style be?"]))
        assert found.rule == "assumes-children"
        assert found.message.startswith("follow_ups[0] says 'parenting'")


class TestReadability:
    @pytest.mark.parametrize(
        ("word", "count"),
        [
            ("you", 1),
            ("partner", 2),
            ("loved", 1),
            ("wanted", 2),
            ("likes", 1),
            ("wishes", 2),
            ("little", 2),
            ("lovely", 2),
            ("everyone", 3),
            ("vulnerability", 6),
            ("you're", 1),
        ],
    )
    def test_syllables(self, word: str, count: int) -> None:
        """The syllable heuristic counts everyday words right."""
        assert syllables(word) == count

    def test_grade_level(self) -> None:
        """Plain short questions score low; long words and sentences score high."""
        assert grade_level("What made you laugh today?") < 2
        assert grade_level("Describe your communication expectations regarding vulnerability.") > 15
        assert grade_level("") == 0.0
        assert grade_level("... 123 ...") == 0.0

    def test_hard_prompt_caught(self) -> None:
        """A prompt above grade 8 is caught, with its grade in the message."""
        text = "Describe your communication expectations regarding emotional vulnerability."
        (found,) = findings_of(make_prompt(text=text))
        assert found.rule == "reading-grade"
        assert re.search(r"grade \d+\.\d", found.message)

    def test_only_english(self) -> None:
        """The grade formula is for English: other languages are not checked."""
        text = (
            "Beschreibe deine Kommunikationserwartungen hinsichtlich emotionaler Verletzlichkeit."
        )
        assert rules_of(make_prompt(text=text, language="de"), language="de") == []


class TestExercises:
    def test_minutes_mismatch(self) -> None:
        """Minutes that differ from the sum of the steps are caught, even past the model."""
        broken = make_exercise()
        object.__setattr__(broken, "minutes", 99)  # as data built without the model's checks
        (found,) = findings_of(broken)
        assert found.rule == "minutes-mismatch"
        assert "8" in found.message

    def test_listener_without_speaker(self) -> None:
        """A listener step with no speaker step is caught; with a speaker it passes."""
        steps = (
            Step(text="The listener hears the other out.", minutes=3, role="listener"),
            Step(text="Close with a thank-you.", minutes=1),
        )
        assert rules_of(make_exercise(steps=steps)) == ["listener-without-speaker"]

    def test_unknown_reference(self) -> None:
        """A research key that no reference defines is caught."""
        (found,) = findings_of(make_exercise(research=("test-study", "nobody2001")))
        assert found.rule == "unknown-reference"
        assert "'nobody2001'" in found.message

    def test_bundled_references_by_default(self) -> None:
        """Keys of the bundled references resolve by default; explicit references replace them."""
        item = make_exercise(research=("aron1997",))
        assert lint(make_pack(item)) == ()
        found = lint(make_pack(item), references=NO_REFERENCES)
        assert [f.rule for f in found] == ["unknown-reference"]
        assert lint(make_pack(make_exercise()), references=NO_REFERENCES) == ()

    @pytest.mark.parametrize(
        "changes",
        [{"depth": 3}, {"topics": ["conflict"]}, {"practice": "vulnerability"}],
        ids=["deep", "conflict", "vulnerability"],
    )
    def test_missing_safety_note(self, changes: dict[str, Any]) -> None:
        """Deep, conflict and vulnerability exercises need a safety note; with one they pass."""
        assert rules_of(make_exercise(**changes)) == ["missing-safety-note"]
        assert (
            rules_of(make_exercise(**changes, safety="Either of you can pass on any step.")) == []
        )

    @pytest.mark.parametrize(
        "last",
        [
            Step(text="Close by thanking each other.", minutes=1, role="partner-a"),
            Step(text="Put the cards away.", minutes=1, role="both"),
        ],
        ids=["one-partner", "no-closing-words"],
    )
    def test_missing_closing_step(self, last: Step) -> None:
        """The last step must be for both partners and close the exercise."""
        steps = (Step(text="Talk about your week.", minutes=5), last)
        assert rules_of(make_exercise(steps=steps)) == ["missing-closing-step"]

    def test_closing_words_only_in_english(self) -> None:
        """In other languages only the closing step's role is checked."""
        steps = (
            Step(text="Sprecht über eure Woche.", minutes=5),
            Step(text="Umarmung.", minutes=1),
        )
        item = make_exercise(steps=steps, language="de")
        assert rules_of(item, language="de") == []


class TestMoodSafety:
    @pytest.mark.parametrize("mood", ["stressed", "tense", "anxious"])
    def test_deep_prompt_in_tense_mood(self, mood: str) -> None:
        """A deep prompt listing a tense, high-energy mood is caught; at depth 2 it passes."""
        assert rules_of(make_prompt(depth=3, moods=["calm", mood])) == ["deep-in-tense-mood"]
        assert rules_of(make_prompt(depth=2, moods=["calm", mood])) == []

    def test_deep_exercise_in_tense_mood(self) -> None:
        """Exercises are held to the same rule."""
        item = make_exercise(depth=3, moods=["anxious"], safety="Pass on any step.")
        assert rules_of(item) == ["deep-in-tense-mood"]

    def test_tired_prompts_are_short(self) -> None:
        """A prompt for the tired mood may take 5 minutes, not 6."""
        assert rules_of(make_prompt(moods=["tired"], minutes=5)) == []
        assert rules_of(make_prompt(moods=["tired"], minutes=6)) == ["long-for-tired"]

    def test_tired_exercises_may_be_longer(self) -> None:
        """The five-minute limit is for prompts: an exercise for tired evenings may be longer."""
        assert rules_of(make_exercise(moods=["tired"])) == []


class TestOrderAndRules:
    def test_findings_in_pack_item_rule_order(self) -> None:
        """Findings come pack by pack, item by item, and by the rules' documented order."""
        one = make_pack(
            make_prompt(id="test/a", text="Is your wife happy? Is she?", depth=3, moods=["tense"]),
            make_prompt(id="test/b", text="Is your wife happy? Is she?"),
        )
        two = make_pack(make_prompt(id="two/a", moods=["tired"], minutes=9), name="two")
        found = [(f.item_id, f.rule) for f in lint(one, two)]
        assert found == [
            ("test/a", "yes-no-question"),
            ("test/a", "several-questions"),
            ("test/a", "partner-word"),
            ("test/a", "deep-in-tense-mood"),
            ("test/b", "duplicate"),
            ("test/b", "yes-no-question"),
            ("test/b", "several-questions"),
            ("test/b", "partner-word"),
            ("two/a", "long-for-tired"),
        ]

    def test_every_rule_documented(self) -> None:
        """docs/linter.md has a section for every rule's slug."""
        text = (ROOT / "docs" / "linter.md").read_text(encoding="utf-8")
        missing = [rule for rule in RULES if f"`{rule}`" not in text]
        assert not missing

    @given(packs(max_items=6))
    def test_never_raises(self, pack: Pack) -> None:
        """Any valid pack can be linted; findings name its items and known rules."""
        ids = {prompt.id for prompt in pack.prompts} | {item.id for item in pack.exercises}
        for found in lint(pack, references=NO_REFERENCES):
            assert found.rule in RULES
            assert found.item_id in ids
            assert "\n" not in found.message


def write(path: Path, *items: Prompt | Exercise, name: str = "ours") -> Path:
    """Write a pack of ``items`` named ``name`` to ``path``."""
    fmt: Literal["toml", "json"] = "json" if path.suffix == ".json" else "toml"
    path.write_text(dumps_pack(make_pack(*items, name=name), fmt), encoding="utf-8")
    return path


def ours(**changes: Any) -> Prompt:
    """A clean prompt of the pack ``ours``."""
    return make_prompt(id="ours/a", **changes)


class TestCli:
    def test_bundled_bank_is_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no file, the bundled packs are linted: exit 0 even with --strict, 'no findings'."""
        assert main(["lint", "--strict"]) == 0
        assert capsys.readouterr().out.startswith("no findings in ")

    def test_findings_exit_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each finding is one line naming file, id and rule; the exit code is 2."""
        file = write(tmp_path / "ours.toml", ours(text="Do you love your husband?"))
        assert main(["lint", str(file)]) == 2
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith(f"{file}: ours/a: error: yes-no-question: ")
        assert lines[1].startswith(f"{file}: ours/a: error: partner-word: ")
        assert lines[2] == "2 findings in 1 item"

    def test_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints the findings as a JSON list of objects; [] when clean."""
        bad = write(tmp_path / "bad.toml", ours(moods=["tired"], minutes=20))
        assert main(["lint", "--json", str(bad)]) == 2
        (found,) = json.loads(capsys.readouterr().out)
        assert found == {
            "source": str(bad),
            "item_id": "ours/a",
            "rule": "long-for-tired",
            "message": "lists 'tired' but takes 20 minutes, over 5",
            "severity": "error",
        }
        good = write(tmp_path / "good.toml", ours())
        assert main(["lint", "--json", str(good)]) == 0
        assert json.loads(capsys.readouterr().out) == []

    def test_folder_and_files_linted_together(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder stands for its packs, and duplicates across the files are found."""
        (tmp_path / "packs").mkdir()
        write(tmp_path / "packs" / "ours.toml", ours())
        other = write(tmp_path / "theirs.json", make_prompt(id="theirs/a"), name="theirs")
        assert main(["lint", str(tmp_path / "packs"), str(other)]) == 2
        out = capsys.readouterr().out
        assert f"{other}: theirs/a: error: duplicate: has the same text as ours/a" in out

    def test_with_bundled(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--with-bundled reports a prompt that repeats a bundled one."""
        core = intimacy.default_bank().prompts()[0]
        file = write(tmp_path / "ours.toml", ours(text=core.text))
        assert main(["lint", str(file)]) == 0
        capsys.readouterr()
        assert main(["lint", "--with-bundled", str(file)]) == 2
        assert f"duplicate: has the same text as {core.id}" in capsys.readouterr().out

    @pytest.mark.parametrize("bundled", [False, True])
    def test_same_pack_name_twice(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], bundled: bool
    ) -> None:
        """Two packs of one name (or one named like a bundled pack) is bad input: exit 2."""
        first = write(tmp_path / "one.toml", make_prompt(id="core/x"), name="core")
        second = write(tmp_path / "two.toml", make_prompt(id="core/y"), name="core")
        paths: Sequence[str] = [str(first)] if bundled else [str(first), str(second)]
        flags = ["--with-bundled"] if bundled else []
        assert main(["lint", *flags, *paths]) == 2
        err = capsys.readouterr().err
        assert "a pack named 'core' is also in" in err
        assert err.count("\n") == 1

    def test_unloadable_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not a valid pack is reported on stderr with exit 2."""
        broken = tmp_path / "broken.toml"
        broken.write_text("[pack]\nname = 'x'\n", encoding="utf-8")
        assert main(["lint", str(broken)]) == 2
        captured = capsys.readouterr()
        assert str(broken) in captured.err
        assert captured.out == ""

    def test_lint_files_returns_packs(self, tmp_path: Path) -> None:
        """lint_files gives the packs it checked along with the findings."""
        file = write(tmp_path / "ours.toml", ours())
        checked, found = lint_files([file])
        assert [pack.name for pack in checked] == ["ours"]
        assert found == ()


def messages_of(rule: str, *items: Prompt | Exercise, language: str = "en") -> list[str]:
    """The messages of one rule's findings for the items of one pack."""
    found = lint(make_pack(*items, language=language))
    return [f.message for f in found if f.rule == rule]


class TestSpelling:
    def test_uk_spelling_in_a_us_pack(self) -> None:
        """An 'en' pack writing 'colour' is told the US word, keeping the capital."""
        text = "Which colour makes you calm? Favourite ones count."
        (first, second) = messages_of("spelling", make_prompt(text=text))
        assert first == "text says 'colour'; write 'color': 'en' packs use US spelling"
        assert "'Favourite'; write 'Favorite'" in second

    def test_us_spelling_in_a_uk_pack(self) -> None:
        """An 'en-GB' pack writing 'realized' is told the UK word; en-AU is UK too."""
        item = make_prompt(text="When have you realized you were loved?", language="en-GB")
        (message,) = messages_of("spelling", item, language="en-GB")
        assert "'realized'; write 'realised'" in message
        item = make_prompt(text="When have you realized you were loved?", language="en-AU")
        assert messages_of("spelling", item, language="en-AU") != []

    def test_one_way_pairs(self) -> None:
        """'learned' is fine in UK English, while 'learnt' is caught in US English."""
        uk = make_prompt(text="What have you learned from me?", language="en-GB")
        assert messages_of("spelling", uk, language="en-GB") == []
        assert messages_of("spelling", make_prompt(text="What have you learnt from me?")) != []

    def test_every_text_of_an_exercise(self) -> None:
        """Exercise steps are checked, and the message names the step."""
        steps = (
            Step(text="Sit in the centre of the room.", minutes=2),
            Step(text="Close by saying thank you.", minutes=1),
        )
        (message,) = messages_of("spelling", make_exercise(steps=steps))
        assert message.startswith("steps[0] says 'centre'; write 'center'")

    def test_good_spelling_passes(self) -> None:
        """US words in a US pack, and other languages, are not checked."""
        assert rules_of(make_prompt(text="What is your favorite gray day?")) == []
        other = make_prompt(text="¿Cuál es tu colour favorito?", language="es")
        assert messages_of("spelling", other, language="es") == []


class TestIdioms:
    @pytest.mark.parametrize(
        "text",
        [
            "What gets under your skin lately?",
            "When did you last clam up with me?",
            "What do you do when you feel under the weather?",
            "Which feeling have you bottled up this week?",
            "When did a plan go sideways for us?",
        ],
    )
    def test_idiom_caught(self, text: str) -> None:
        """Idioms are caught in their verb forms and with a word inside."""
        assert rules_of(make_prompt(text=text)) == ["idiom"]

    def test_plain_words_pass(self) -> None:
        """The same thought said plainly passes, and 'skin' alone is no idiom."""
        assert rules_of(make_prompt(text="What small thing annoys you most lately?")) == []
        assert rules_of(make_prompt(text="Which cream feels best on your skin?")) == []


class TestRepeatedOpening:
    def test_opening_over_the_allowance(self) -> None:
        """In a pack of 10, a third prompt opening the same way is reported, once."""
        same = [make_prompt(id=f"test/s{n}", text=f"Tell me about day {n}.") for n in range(3)]
        other = [make_prompt(id=f"test/o{n}", text=f"Which song {n} fits us?") for n in range(7)]
        found = [f for f in lint(make_pack(*same, *other)) if f.rule == "repeated-opening"]
        assert [f.item_id for f in found] == ["test/s2"]
        assert "opens with 'tell me about', as 3 of 10 prompts do; at most 2" in found[0].message

    def test_three_percent_of_a_big_pack(self) -> None:
        """In a pack of 100, three prompts may share an opening, a fourth may not."""
        items = [make_prompt(id=f"test/p{n}", text=f"Name color {n} we like.") for n in range(96)]
        same = [make_prompt(id=f"test/s{n}", text=f"Tell me about day {n}.") for n in range(3)]
        pack = make_pack(*items[:1], *same)
        assert [f.rule for f in lint(pack) if f.rule == "repeated-opening"] == ["repeated-opening"]
        (*_, fourth) = [
            f.item_id
            for f in lint(
                make_pack(*items, *same, make_prompt(id="test/s3", text="Tell me about x."))
            )
            if f.rule == "repeated-opening" and f.item_id.startswith("test/s")
        ]
        assert fourth == "test/s3"

    def test_counted_per_language(self) -> None:
        """Prompts of other languages in a pack do not count toward an opening's share."""
        items = [make_prompt(id=f"test/s{n}", text=f"Tell me about day {n}.") for n in range(2)]
        assert [f for f in lint(make_pack(*items)) if f.rule == "repeated-opening"] == []


class TestVoice:
    def test_your_partner_needs_the_activity_tag(self) -> None:
        """A prompt saying 'your partner' is caught, in its text or a follow-up."""
        item = make_prompt(text="What does your partner's laugh sound like?")
        (message,) = messages_of("voice", item)
        assert message.startswith('text says "your partner\'s"')
        item = make_prompt(follow_ups=["Tell your partner why."])
        assert messages_of("voice", item)[0].startswith("follow_ups[0] says 'your partner'")

    def test_activity_may_say_your_partner(self) -> None:
        """An activity addressed to both readers may say 'your partner'; 'you' always passes."""
        item = make_prompt(text="Hide a note for your partner to find.", tags=["activity"])
        assert rules_of(item) == []
        assert rules_of(make_prompt(text="What does my laugh sound like to you?")) == []


class TestDoubleQuestion:
    def test_warning_not_error(self) -> None:
        """', and how...' joining a second question is a warning, named as such."""
        (found,) = lint(make_pack(make_prompt(text="What did you love, and how did it feel?")))
        assert (found.rule, found.severity) == ("double-question", "warning")
        assert "', and how'" in found.message

    def test_one_question_passes(self) -> None:
        """A single question, or 'Would you rather..., and why?', is not a double question."""
        assert rules_of(make_prompt(text="Would you rather sing or dance, and why?")) == []
        assert rules_of(make_prompt(text="What did you love, and who was there?")) != []

    def test_only_double_question_warns(self) -> None:
        """Every other rule's findings are errors."""
        assert {"double-question"} == WARNINGS
        (found,) = lint(make_pack(make_prompt(text="Do you like tea?")))
        assert found.severity == "error"


class TestDeepTouch:
    @pytest.mark.parametrize(
        "text", ["Tell me what hurts, and I'll hold you.", "Which hug from me helps most now?"]
    )
    def test_deep_prompt_assuming_touch(self, text: str) -> None:
        """A depth-3 prompt that assumes touch is caught."""
        assert "deep-touch" in rules_of(make_prompt(text=text, depth=3))

    def test_offered_or_lighter_passes(self) -> None:
        """Touch offered as a choice passes, and so does a lighter prompt."""
        offered = "Tell me what hurts. If you'd like, I'll hold you while you talk."
        assert "deep-touch" not in rules_of(make_prompt(text=offered, depth=3))
        assert "deep-touch" not in rules_of(make_prompt(text="Which hug helps most?", depth=2))


class TestWordLists:
    def test_lists_are_public_and_read_only(self) -> None:
        """The word lists are exported from intimacy as tuples of strings."""
        for name in ("SPELLING_VARIANTS", "IDIOMS", "TOUCH_WORDS", "TOUCH_OFFERS"):
            value = getattr(intimacy, name)
            assert isinstance(value, tuple)
            assert len(value) >= 10
        assert len(intimacy.SPELLING_VARIANTS) >= 60
        assert len(intimacy.IDIOMS) >= 40

    def test_every_idiom_matches_itself(self) -> None:
        """Each idiom, written out in its base form, is caught."""
        fill = {"{pos}": "your", "{obj}": "you", "{any}": "it"}
        for idiom in intimacy.IDIOMS:
            text = " ".join(fill.get(word, word.rstrip("*")) for word in idiom.split())
            assert rules_of(make_prompt(text=f"When did {text} happen?")) == ["idiom"], idiom


class TestStrictCli:
    def test_warnings_pass_unless_strict(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Only warnings: exit 0 and a count that says so; --strict exits 2."""
        file = write(tmp_path / "ours.toml", ours(text="What did you love, and how did it feel?"))
        assert main(["lint", str(file)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith(f"{file}: ours/a: warning: double-question: ")
        assert out[1] == "1 finding (1 warning) in 1 item"
        assert main(["lint", "--strict", str(file)]) == 2


class TestSpeed:
    def test_ten_thousand_prompts_not_quadratic(self) -> None:
        """Linting 10,000 prompts that share their wording ends well within two minutes."""
        code = (
            "from intimacy import lint; from intimacy.testing import wordy_pack;"
            "assert lint(wordy_pack(10_000))"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=env)
