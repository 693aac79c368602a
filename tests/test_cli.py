"""Tests of the ``intimacy`` command line, through ``main(argv)`` and through real processes."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import Depth, Mood, Practice, Topic
from intimacy.bank.select import FILTER_NAMES
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK, main
from intimacy.cli.values import FILTER_OPTIONS
from intimacy.model.render import DEEP_NOTE

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Result
    from intimacy import Bank


def _check_stderr(err: str) -> None:
    assert "Traceback" not in err, err


GOOD_PACK = """\
[pack]
name = "mine"
version = "1.2.3"
title = "My pack"
language = "eo"

[[prompts]]
id = "mine/song"
text = "What is a song that always makes you smile?"
practice = "connection"
moods = ["playful"]
minutes = 5
depth = 1
tags = ["from-my-pack", "in-my-pack"]
topics = ["family"]
follow_ups = ["Who first played it for you?"]

[[prompts]]
id = "mine/plain"
text = "What made you laugh this week?"
practice = "quality-time"
moods = ["calm"]
minutes = 2
depth = 1
tags = ["in-my-pack"]

[[exercises]]
id = "mine/walk"
title = "A slow walk"
summary = "Walk together without phones."
practice = "quality-time"
minutes = 10
depth = 2
moods = ["calm"]
tags = ["in-my-pack"]
why = "Shared attention builds closeness."
safety = "Either of you can stop at any time."
research = ["aron1997", "mine-ref", "nowhere-2020"]
steps = [
  { text = "Leave your phones at home.", minutes = 1, role = "both" },
  { text = "Tell your partner one thing you noticed.", minutes = 2, role = "speaker" },
  { text = "Say back what you heard.", minutes = 3, role = "listener" },
  { text = "Partner B picks the way home.", minutes = 4, role = "partner-b" },
]
variations = [{ name = "short", text = "Walk around the block." }]

[[exercises]]
id = "mine/hug"
title = "A long hug"
summary = "Hold each other for a while."
practice = "connection"
minutes = 1
depth = 1
moods = ["tired"]
why = "Touch calms."
tags = ["in-my-pack"]
steps = [{ text = "Hug until one of you lets go.", minutes = 1 }]

[[references]]
key = "mine-ref"
citation = "Doe, J. (2020). Walking together. Journal of Walks, 1, 1-2."
"""

OTHER_PACK = {
    "pack": {"name": "ours", "version": "0.1", "title": "Our pack", "language": "eo"},
    "prompts": [
        {
            "id": "ours/one",
            "text": "Which small ritual of ours would you miss most?",
            "practice": "connection",
            "moods": ["tender"],
            "minutes": 3,
            "depth": 2,
        }
    ],
}

BAD_PACK = """\
[pack]
name = "bad"
version = "1.0"
title = "Bad pack"
colour = "red"

[[prompts]]
id = "bad/one"
text = "What?"
practice = "empathyy"
moods = ["sleepy"]
minutes = 5
depth = 1
"""


@pytest.fixture(name="pack_file")
def fixture_pack_file(tmp_path: Path) -> Path:
    """A valid TOML pack ``mine`` (language ``eo``) with two prompts and two exercises."""
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_PACK, encoding="utf-8")
    return path


@pytest.fixture(name="other_pack_file")
def fixture_other_pack_file(tmp_path: Path) -> Path:
    """A valid JSON pack ``ours`` with one prompt."""
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(OTHER_PACK), encoding="utf-8")
    return path


@pytest.fixture(name="bad_pack_file")
def fixture_bad_pack_file(tmp_path: Path) -> Path:
    """A TOML pack with three problems: an unknown key, a practice and a mood."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_PACK, encoding="utf-8")
    return path


def _problem(file: Path, path: str) -> re.Pattern[str]:
    """A line reporting a problem at ``path`` in ``file`` (with or without a line number)."""
    return re.compile(rf"^(intimacy: )?{re.escape(str(file))}(:\d+)?: {re.escape(path)}: ", re.M)


def _has_fields(data: dict[str, Any]) -> None:
    """Every JSON item names its kind and has the fields the filters look at."""
    assert data["kind"] in {"prompt", "exercise"}
    fields = {"id", "practice", "moods", "minutes", "depth", "tags", "topics", "language"}
    assert fields <= set(data)


FILTER_CASES = [
    pytest.param(["--practice", "empathy"], lambda d: d["practice"] == "empathy", id="practice"),
    pytest.param(
        ["--practice", "vulnerability", "--practice", "connection"],
        lambda d: d["practice"] in {"vulnerability", "connection"},
        id="practice-several",
    ),
    pytest.param(["--mood", "tired"], lambda d: "tired" in d["moods"], id="mood"),
    pytest.param(["--mood", "Angry"], lambda d: "tense" in d["moods"], id="mood-alias"),
    pytest.param(
        ["--mood", "calm", "--mood", "sad"],
        lambda d: bool({"calm", "sad"} & set(d["moods"])),
        id="mood-several",
    ),
    pytest.param(["--depth", "deep"], lambda d: d["depth"] == 3, id="depth-name"),
    pytest.param(["--depth", "1"], lambda d: d["depth"] == 1, id="depth-number"),
    pytest.param(["--max-depth", "personal"], lambda d: d["depth"] <= 2, id="max-depth"),
    pytest.param(["--min-minutes", "20"], lambda d: d["minutes"] >= 20, id="min-minutes"),
    pytest.param(["--max-minutes", "10"], lambda d: d["minutes"] <= 10, id="max-minutes"),
    pytest.param(["--tag", "needs"], lambda d: "needs" in d["tags"], id="tag"),
    pytest.param(
        ["--exclude-tag", "needs", "--exclude-tag", "comfort"],
        lambda d: not {"needs", "comfort"} & set(d["tags"]),
        id="exclude-tag",
    ),
    pytest.param(["--topic", "conflict"], lambda d: "conflict" in d["topics"], id="topic"),
    pytest.param(
        ["--exclude-topic", "sex", "--exclude-topic", "grief"],
        lambda d: not {"sex", "grief"} & set(d["topics"]),
        id="exclude-topic",
    ),
    pytest.param(["--language", "EN"], lambda d: d["language"] == "en", id="language"),
    pytest.param(
        ["--practice", "active-listening", "--mood", "calm", "--max-depth", "2"],
        lambda d: d["practice"] == "active-listening" and "calm" in d["moods"] and d["depth"] <= 2,
        id="combined",
    ),
]


class TestRandom:
    """``intimacy random`` and ``intimacy exercise``: one item matching the filters."""

    @pytest.mark.parametrize(("command", "kind"), [("random", "prompt"), ("exercise", "exercise")])
    @pytest.mark.parametrize(("filters", "check"), FILTER_CASES)
    def test_json_satisfies_filters(
        self,
        cli: Callable[..., Result],
        command: str,
        kind: str,
        filters: list[str],
        check: Callable[[dict[str, Any]], bool],
    ) -> None:
        """With --json, each seeded pick parses and its fields satisfy every filter given."""
        for seed in ("a", "b", "c", "1", "2"):
            result = cli(command, *filters, "--seed", seed, "--json")
            assert result.code == EXIT_OK, result.err
            data = result.json()
            _has_fields(data)
            assert data["kind"] == kind
            assert check(data), data

    @pytest.mark.parametrize("command", ["random", "exercise"])
    def test_same_seed_same_output(self, cli: Callable[..., Result], command: str) -> None:
        """The same --seed prints exactly the same item twice, as text and as JSON."""
        for extra in ([], ["--json"]):
            first = cli(command, "--seed", "2026-11-26", *extra)
            second = cli(command, "--seed", "2026-11-26", *extra)
            assert first.code == second.code == EXIT_OK
            assert first.out == second.out
            assert first.out.strip()

    def test_different_seeds_reach_different_items(self, cli: Callable[..., Result]) -> None:
        """Seeds do steer the choice: twenty seeds do not all give the same prompt."""
        ids = {cli("random", "--seed", f"s{n}", "--json").json()["id"] for n in range(20)}
        assert len(ids) > 1

    @pytest.mark.parametrize(
        ("text", "seed"),
        [
            pytest.param("42", 42, id="int-looking-is-int"),
            pytest.param("-7", -7, id="negative-int"),
            pytest.param("2026-11-26", "2026-11-26", id="date-is-str"),
            pytest.param("forty-two", "forty-two", id="word-is-str"),
        ],
    )
    @pytest.mark.parametrize("command", ["random", "exercise"])
    def test_seed_matches_library(
        self, cli: Callable[..., Result], bank: Bank, command: str, text: str, seed: int | str
    ) -> None:
        """An int-looking --seed is the int seed of the library, any other text the str seed."""
        item = (
            bank.random_prompt(seed=seed)
            if command == "random"
            else bank.random_exercise(seed=seed)
        )
        result = cli(command, "--seed", text, "--json")
        assert result.code == EXIT_OK
        assert result.json()["id"] == item.id

    def test_unseeded_pick_is_a_valid_item(self, cli: Callable[..., Result], bank: Bank) -> None:
        """Without --seed the command still prints one item of the bank."""
        result = cli("random", "--json")
        assert result.code == EXIT_OK
        assert result.json()["id"] in bank

    def test_prompt_text_output(self, cli: Callable[..., Result], bank: Bank) -> None:
        """Human output of a prompt shows its text, practice, minutes, depth and id."""
        prompt = bank.random_prompt(seed=5)
        result = cli("random", "--seed", "5")
        assert result.code == EXIT_OK
        assert " ".join(prompt.text.split()) in " ".join(result.out.split())
        assert f"{prompt.practice} | {prompt.minutes} min | depth {int(prompt.depth)}" in result.out
        assert prompt.id in result.out

    @pytest.mark.parametrize("command", ["random", "exercise"])
    def test_nothing_matches_exits_1_naming_filters(
        self, cli: Callable[..., Result], command: str
    ) -> None:
        """A filter combination matching nothing exits 1, naming each filter readably."""
        result = cli(
            command,
            "--practice",
            "empathy",
            "--mood",
            "angry",
            "--depth",
            "3",
            "--max-minutes",
            "1",
            "--tag",
            "no-such-tag",
            "--exclude-topic",
            "sex",
        )
        assert result.code == EXIT_NO_MATCH
        assert result.out == ""
        assert result.err.count("\n") == 1
        assert result.err.startswith(f"intimacy: no {'prompt' if command == 'random' else command}")
        for named in ("empathy", "tense", "deep", "1", "no-such-tag", "sex"):
            assert named in result.err
        for flag in ("--practice", "--mood", "--depth", "--max-minutes", "--tag"):
            assert flag in result.err
        assert "--exclude-topic" in result.err
        assert "<" not in result.err  # no enum reprs such as <Practice.EMPATHY: 'empathy'>

    def test_untranslated_language_falls_back(self, cli: Callable[..., Result]) -> None:
        """A language nothing is translated into shows the items as written, with a warning."""
        result = cli("random", "--language", "xx", "--seed", "1")
        assert result.code == EXIT_OK
        assert result.out == cli("random", "--seed", "1").out
        assert result.err == (
            "intimacy: warning: nothing is translated into 'xx'; items are shown in their own "
            "language (see intimacy list languages)\n"
        )

    def test_bad_language_tag(self, cli: Callable[..., Result]) -> None:
        """A language that is not a tag is bad input (exit 2), named in one line."""
        result = cli("random", "--language", "not a tag")
        assert result.code == EXIT_BAD_INPUT
        assert result.err == (
            "intimacy: language: 'not a tag' is not a language tag such as 'es' or 'pt-BR'\n"
        )

    @given(
        practices=st.lists(st.sampled_from(Practice), max_size=2),
        moods=st.lists(st.sampled_from(Mood), max_size=2),
        depths=st.lists(st.sampled_from(Depth), max_size=2),
        max_minutes=st.none() | st.integers(1, 40),
        exclude=st.lists(st.sampled_from(Topic), max_size=2),
        seed=st.integers(-1000, 1000) | st.text("abcxyz-", min_size=1, max_size=6),
        command=st.sampled_from(["random", "exercise"]),
    )
    def test_any_filters_give_a_match_or_exit_1(
        self,
        *,
        practices: list[Practice],
        moods: list[Mood],
        depths: list[Depth],
        max_minutes: int | None,
        exclude: list[Topic],
        seed: int | str,
        command: str,
    ) -> None:
        """Whatever filters are given, the result satisfies them all, or the exit code is 1."""
        argv = [command, "--json", f"--seed={seed}"]
        argv += [arg for p in practices for arg in ("--practice", p.value)]
        argv += [arg for m in moods for arg in ("--mood", m.value)]
        argv += [arg for d in depths for arg in ("--depth", str(int(d)))]
        argv += [] if max_minutes is None else ["--max-minutes", str(max_minutes)]
        argv += [arg for t in exclude for arg in ("--exclude-topic", t.value)]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        _check_stderr(err.getvalue())
        if code == EXIT_NO_MATCH:
            assert out.getvalue() == ""
            error = json.loads(err.getvalue())["error"]  # --json: errors are JSON too
            assert (error["kind"], error["exit_code"]) == ("no-match", EXIT_NO_MATCH)
            assert error["message"].startswith("no ")
            return
        assert code == EXIT_OK
        data = json.loads(out.getvalue())
        assert not practices or data["practice"] in {p.value for p in practices}
        assert not moods or set(data["moods"]) & {m.value for m in moods}
        assert not depths or data["depth"] in {int(d) for d in depths}
        assert max_minutes is None or data["minutes"] <= max_minutes
        assert not set(data["topics"]) & {t.value for t in exclude}


class TestExerciseText:
    """Human output of exercises: steps with roles and minutes, safety, research."""

    def test_every_bundled_exercise_shows_steps_and_citations(
        self, cli: Callable[..., Result], bank: Bank
    ) -> None:
        """For each bundled exercise, every step's role and minutes and every citation appear."""
        references = bank.references()
        for exercise in bank.exercises():
            result = cli("show", exercise.id)
            assert result.code == EXIT_OK
            squeezed = "".join(result.out.split())
            assert result.out.startswith(exercise.title + "\n")
            assert "\nSteps:\n" in result.out
            for number, step in enumerate(exercise.steps, start=1):
                assert f"  {number}. [{step.role.label}, {step.minutes} min] " in result.out
                assert "".join(step.text.split()) in squeezed
            assert "\nResearch:\n" in result.out
            for key in exercise.research:
                assert f"[{key}] " in result.out
                assert "".join(references[key].citation.split()) in squeezed
            if exercise.safety:
                assert "Safety: " in result.out

    def test_random_exercise_text(self, cli: Callable[..., Result], bank: Bank) -> None:
        """`intimacy exercise` prints the chosen exercise's title, steps and why it works."""
        exercise = bank.random_exercise(seed=11, max_minutes=20)
        result = cli("exercise", "--seed", "11", "--max-minutes", "20")
        assert result.code == EXIT_OK
        assert result.out.startswith(exercise.title + "\n")
        assert f"{exercise.minutes} min" in result.out
        assert "Why it works: " in result.out

    def test_pack_exercise_roles_and_references(
        self, cli: Callable[..., Result], pack_file: Path
    ) -> None:
        """Each role gets its label; citations come from any pack; unknown keys are flagged."""
        result = cli("show", "mine/walk", "--pack", str(pack_file))
        assert result.code == EXIT_OK
        lines = result.out.splitlines()
        assert lines[:3] == [
            "A slow walk",
            "Walk together without phones.",
            "(quality-time | 10 min | depth 2 (personal) | mine/walk)",
        ]
        assert "Safety: Either of you can stop at any time." in lines
        assert "  1. [Both, 1 min] Leave your phones at home." in lines
        assert "  2. [Speaker, 2 min] Tell your partner one thing you noticed." in lines
        assert "  3. [Listener, 3 min] Say back what you heard." in lines
        assert "  4. [Partner B, 4 min] Partner B picks the way home." in lines
        assert "Why it works: Shared attention builds closeness." in lines
        assert "  short: Walk around the block." in lines
        assert any(line.startswith("  [aron1997] Aron, A.") for line in lines)
        assert "  [mine-ref] Doe, J. (2020). Walking together. Journal of Walks, 1, 1-2." in lines
        assert "  [nowhere-2020] (no citation in the bank)" in lines

    def test_bare_exercise_has_no_empty_sections(
        self, cli: Callable[..., Result], pack_file: Path
    ) -> None:
        """An exercise without safety, variations or research shows no empty headings."""
        result = cli("show", "mine/hug", "--pack", str(pack_file))
        assert result.code == EXIT_OK
        assert result.out.splitlines() == [
            "A long hug",
            "Hold each other for a while.",
            "(connection | 1 min | depth 1 (light) | mine/hug)",
            "",
            "Steps:",
            "  1. [Both, 1 min] Hug until one of you lets go.",
            "",
            "Why it works: Touch calms.",
        ]


class TestShow:
    """``intimacy show ID``."""

    def test_deep_items_say_passing_is_fine(self, cli: Callable[..., Result], bank: Bank) -> None:
        """A deep prompt or exercise is printed with the pass note; a light one without."""
        for item in (bank.prompts(depth=3)[0], bank.exercises(depth=3)[0]):
            assert DEEP_NOTE in cli("show", item.id).out
        assert DEEP_NOTE not in cli("show", bank.prompts(depth=1)[0].id).out

    def test_retired_id_names_its_successor(
        self, cli: Callable[..., Result], tmp_path: Path
    ) -> None:
        """Showing a retired id fails with exit 1 and names the id that replaced it."""
        pack = tmp_path / "mine.toml"
        pack.write_text(
            '[pack]\nname = "mine"\nversion = "1"\ntitle = "Mine"\n\n[[prompts]]\n'
            'id = "mine/new"\ntext = "What made you laugh today?"\npractice = "connection"\n'
            'moods = ["calm"]\nminutes = 2\ndepth = 1\n\n[retired]\n"mine/old" = "mine/new"\n'
        )
        result = cli("show", "mine/old", "--pack", str(pack))
        assert result.code == EXIT_NO_MATCH
        assert result.err == (
            "intimacy: 'mine/old' was retired; the item that replaced it is 'mine/new'\n"
        )

    def test_prompt_with_follow_ups_and_topics(
        self, cli: Callable[..., Result], pack_file: Path
    ) -> None:
        """A prompt shows its text, its follow-ups and its topic flags."""
        result = cli("show", "mine/song", "--pack", str(pack_file))
        assert result.code == EXIT_OK
        assert result.out.splitlines() == [
            "What is a song that always makes you smile?",
            "  + Who first played it for you?",
            "  (connection | 5 min | depth 1 (light) | topics: family | mine/song)",
        ]

    def test_json_of_exercise(self, cli: Callable[..., Result], bank: Bank) -> None:
        """--json prints the exercise's fields, with steps and minutes that add up."""
        exercise = bank.exercises()[0]
        data = cli("show", exercise.id, "--json").json()
        assert data["kind"] == "exercise"
        assert data["id"] == exercise.id
        assert data["title"] == exercise.title
        assert sum(step["minutes"] for step in data["steps"]) == data["minutes"]
        assert [step["role"] for step in data["steps"]] == [str(s.role) for s in exercise.steps]
        assert data["research"] == list(exercise.research)

    def test_json_of_prompt_matches_library(self, cli: Callable[..., Result], bank: Bank) -> None:
        """--json of a prompt holds the same values as the model."""
        prompt = bank.prompts()[0]
        data = cli("show", prompt.id, "--json").json()
        assert data["kind"] == "prompt"
        assert data["text"] == prompt.text
        assert data["practice"] == str(prompt.practice)
        assert sorted(data["moods"]) == sorted(map(str, prompt.moods))
        assert data["minutes"] == prompt.minutes
        assert data["depth"] == int(prompt.depth)

    def test_unknown_id_suggests_closest(self, cli: Callable[..., Result], bank: Bank) -> None:
        """An unknown id exits 1 with one line on stderr naming the closest id."""
        real = bank.exercises()[0].id
        result = cli("show", real[:-1])
        assert result.code == EXIT_NO_MATCH
        assert result.out == ""
        assert result.err == (
            f"intimacy: no prompt or exercise has the id {real[:-1]!r} (did you mean {real!r}?)\n"
        )

    def test_unknown_id_without_close_match(self, cli: Callable[..., Result]) -> None:
        """An id far from every id still exits 1, with no suggestion."""
        result = cli("show", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
        assert result.code == EXIT_NO_MATCH
        assert "did you mean" not in result.err
        assert result.err.count("\n") == 1


class TestList:
    """``intimacy list practices|moods|topics|packs``."""

    @pytest.mark.parametrize(
        ("what", "names"),
        [
            pytest.param("practices", Practice.names(), id="practices"),
            pytest.param("moods", Mood.names(), id="moods"),
            pytest.param("topics", Topic.names(), id="topics"),
        ],
    )
    def test_vocabulary(self, cli: Callable[..., Result], what: str, names: tuple[str]) -> None:
        """Each vocabulary is listed in order, one row a line, tab-separated, and as JSON rows."""
        result = cli("list", what)
        assert result.code == EXIT_OK
        assert [line.split("\t")[0] for line in result.out.splitlines()] == list(names)
        rows = cli("list", what, "--json").json()
        assert [row["name"] for row in rows] == list(names)

    def test_vocabulary_in_spanish(self, cli: Callable[..., Result]) -> None:
        """Names keep their slugs (what the flags take) beside the label in the language."""
        assert "quality-time\tTiempo de calidad" in cli("list", "practices", "--language", "es").out
        moods = cli("list", "moods", "--language", "es", "--json").json()
        assert {"name": "calm", "quadrant": "pleasant-low", "label": "calma"} in moods
        assert cli("list", "topics", "--language", "es", "--json").json()[0]["name"] == "sex"

    def test_moods_show_quadrants(self, cli: Callable[..., Result]) -> None:
        """Each mood is listed with its quadrant."""
        rows = cli("list", "moods", "--json").json()
        assert {row["name"]: row["quadrant"] for row in rows} == {
            mood.value: mood.quadrant.value for mood in Mood
        }
        assert "tense\tunpleasant-high\ttense" in cli("list", "moods").out.splitlines()

    def test_practices_show_titles(self, cli: Callable[..., Result]) -> None:
        """Each practice is listed with its display title."""
        assert "quality-time\tQuality time" in cli("list", "practices").out.splitlines()

    def test_packs_show_core_and_counts(self, cli: Callable[..., Result], bank: Bank) -> None:
        """`list packs` shows the core pack with its version and item counts."""
        core = next(pack for pack in bank.packs if pack.name == "core")
        result = cli("list", "packs")
        assert result.code == EXIT_OK
        assert result.out.splitlines()[0].startswith(
            f"core\t{core.version}\t{core.title}\t{core.language}\t"
            f"{len(core.prompts)}\t{len(core.exercises)}"
        )
        rows = cli("list", "packs", "--json").json()
        assert (
            rows[0].items()
            >= {
                "name": "core",
                "version": core.version,
                "title": core.title,
                "language": core.language,
                "prompts": len(core.prompts),
                "exercises": len(core.exercises),
            }.items()
        )
        assert len(core.prompts) > 0
        assert len(core.exercises) > 0

    def test_packs_include_added_packs(
        self, cli: Callable[..., Result], pack_file: Path, other_pack_file: Path
    ) -> None:
        """Every --pack is listed after the bundled ones, in the order given, with counts."""
        result = cli("list", "packs", "--pack", str(pack_file), "--pack", str(other_pack_file))
        assert result.code == EXIT_OK
        lines = [line for line in result.out.splitlines() if not line.endswith("\tcore")]
        assert [line.split("\t")[0] for line in lines][-2:] == ["mine", "ours"]
        assert lines[-2].startswith("mine\t1.2.3\tMy pack\teo\t2\t2")
        assert lines[-1].startswith("ours\t0.1\tOur pack\teo\t1\t0")
        assert result.out.splitlines()[-1].startswith("core-es\t")  # translations come last


class TestPackOption:
    """``--pack FILE``: more packs for one run."""

    @pytest.mark.parametrize(
        ("command", "kind", "ids"),
        [
            pytest.param("random", "prompt", {"mine/song", "mine/plain"}, id="random"),
            pytest.param("exercise", "exercise", {"mine/walk", "mine/hug"}, id="exercise"),
        ],
    )
    def test_pack_items_are_selectable(
        self, cli: Callable[..., Result], pack_file: Path, command: str, kind: str, ids: set[str]
    ) -> None:
        """Every item of the pack can be drawn, and filters reach them (here, by tag)."""
        drawn = set()
        for seed in range(10):
            data = cli(
                command,
                "--pack",
                str(pack_file),
                "--tag",
                "in-my-pack",
                "--seed",
                str(seed),
                "--json",
            ).json()
            assert data["kind"] == kind
            drawn.add(data["id"])
        assert drawn == ids

    def test_pack_tag_filter(self, cli: Callable[..., Result], pack_file: Path) -> None:
        """A tag only the pack uses selects the pack's prompt."""
        result = cli("random", "--pack", str(pack_file), "--tag", "from-my-pack", "--json")
        assert result.code == EXIT_OK
        assert result.json()["id"] == "mine/song"

    def test_without_pack_its_items_are_unknown(self, cli: Callable[..., Result]) -> None:
        """A pack is only in the bank for the run that names it."""
        assert cli("show", "mine/song").code == EXIT_NO_MATCH
        assert cli("random", "--tag", "from-my-pack").code == EXIT_NO_MATCH

    def test_repeated_pack_option(
        self, cli: Callable[..., Result], pack_file: Path, other_pack_file: Path
    ) -> None:
        """--pack may be given several times; every pack's items are there."""
        argv = ["--pack", str(pack_file), "--pack", str(other_pack_file)]
        assert cli("show", "mine/plain", *argv).code == EXIT_OK
        assert cli("show", "ours/one", *argv, "--json").json()["moods"] == ["tender"]

    def test_broken_pack_lists_problems(
        self, cli: Callable[..., Result], bad_pack_file: Path
    ) -> None:
        """A broken --pack exits 2, listing each problem with its file and path."""
        result = cli("random", "--pack", str(bad_pack_file))
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        assert result.err.startswith(f"intimacy: {bad_pack_file}")
        for path in ("pack.colour", "prompts[0].practice", "prompts[0].moods[0]"):
            assert _problem(bad_pack_file, path).search(result.err), path
        assert "did you mean 'tired'?" in result.err

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            pytest.param("missing.toml", "cannot be read", id="missing"),
            pytest.param("pack.txt", "is not a pack file", id="wrong-suffix"),
        ],
    )
    def test_unreadable_pack(
        self, cli: Callable[..., Result], tmp_path: Path, name: str, message: str
    ) -> None:
        """A pack that cannot be read exits 2 with one line naming the file."""
        path = tmp_path / name
        if path.suffix == ".txt":
            path.write_text("hello", encoding="utf-8")
        result = cli("exercise", "--pack", str(path))
        assert result.code == EXIT_BAD_INPUT
        assert result.err.startswith(f"intimacy: {path}: {message}")
        assert result.err.count("\n") == 1

    def test_same_pack_twice(self, cli: Callable[..., Result], pack_file: Path) -> None:
        """Adding the same pack twice is bad input: the name clash is reported."""
        result = cli("random", "--pack", str(pack_file), "--pack", str(pack_file))
        assert result.code == EXIT_BAD_INPUT
        assert "already in the bank" in result.err


class TestBankOptions:
    """Where packs come from: folders, ``INTIMACY_PACKS``, ``--replace``, ``--plugins``."""

    def test_pack_folder(
        self, cli: Callable[..., Result], pack_file: Path, other_pack_file: Path
    ) -> None:
        """--pack with a folder adds every pack file in it."""
        assert pack_file.parent == other_pack_file.parent
        folder = str(pack_file.parent)
        assert cli("show", "mine/song", "--pack", folder).code == EXIT_OK
        assert cli("show", "ours/one", "--pack", folder).code == EXIT_OK

    def test_environment_variable(
        self,
        cli: Callable[..., Result],
        monkeypatch: pytest.MonkeyPatch,
        pack_file: Path,
        other_pack_file: Path,
    ) -> None:
        """INTIMACY_PACKS adds its packs (separated like PATH) to every command's bank."""
        monkeypatch.setenv("INTIMACY_PACKS", f"{pack_file}{os.pathsep}{other_pack_file}")
        rows = cli("list", "packs", "--json").json()
        assert [row["name"] for row in rows if not row["translates"]][-2:] == ["mine", "ours"]
        assert cli("random", "--tag", "from-my-pack", "--json").json()["id"] == "mine/song"

    def test_replace(self, cli: Callable[..., Result], bank: Bank, tmp_path: Path) -> None:
        """A pack named like the bundled one is refused, unless --replace lets it take over."""
        data = json.loads(json.dumps(OTHER_PACK))
        data["pack"]["name"] = "core"
        data["prompts"][0]["id"] = "core/only-one"
        path = tmp_path / "core.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        refused = cli("random", "--pack", str(path))
        assert refused.code == EXIT_BAD_INPUT
        assert "already in the bank" in refused.err
        result = cli("random", "--pack", str(path), "--replace", "--json")
        assert result.code == EXIT_OK
        assert result.json()["id"] == "core/only-one"
        gone = bank.prompts()[0].id
        assert cli("show", gone, "--pack", str(path), "--replace").code == EXIT_NO_MATCH

    def test_plugins_flag(self, cli: Callable[..., Result]) -> None:
        """--plugins is accepted; the bundled pack is still there."""
        result = cli("list", "packs", "--plugins", "--json")
        assert result.code == EXIT_OK
        assert "core" in [row["name"] for row in result.json()]

    def test_warnings_are_one_line_each(
        self, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A warning while loading packs goes to stderr as one line, and the command succeeds."""
        import warnings

        from intimacy.bank import default as _default

        real = _default.bank_with

        def warning_bank_with(*args: Any, **kwargs: Any) -> Bank:
            warnings.warn("skipped broken-plugin: it could not be imported", UserWarning, 2)
            return real(*args, **kwargs)

        from intimacy.cli import fast

        monkeypatch.setattr(_default, "bank_with", warning_bank_with)
        # Packs are loaded (and plugins warn) on the full command's path: --pack, --plugins...
        monkeypatch.setattr(fast, "run", lambda _: None)
        result = cli("random", "--seed", "1", "--json")
        assert result.code == EXIT_OK
        assert result.json()["kind"] == "prompt"
        assert result.err == "intimacy: warning: skipped broken-plugin: it could not be imported\n"


class TestValidate:
    """``intimacy validate FILE...``."""

    def test_good_files(
        self, cli: Callable[..., Result], pack_file: Path, other_pack_file: Path
    ) -> None:
        """Valid TOML and JSON packs exit 0 with one summary line each."""
        result = cli("validate", str(pack_file), str(other_pack_file))
        assert result.code == EXIT_OK
        assert result.err == ""
        assert result.out.splitlines() == [
            f"{pack_file}: ok (mine 1.2.3: 2 prompts, 2 exercises)",
            f"{other_pack_file}: ok (ours 0.1: 1 prompt, 0 exercises)",
        ]

    def test_bad_file(self, cli: Callable[..., Result], bad_pack_file: Path) -> None:
        """A bad pack exits 2; stderr has one line per problem, each with file and path."""
        result = cli("validate", str(bad_pack_file))
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == 3
        for line, path in zip(
            lines, ("pack.colour", "prompts[0].practice", "prompts[0].moods[0]"), strict=True
        ):
            assert _problem(bad_pack_file, path).match(line), line

    def test_good_and_bad_files(
        self,
        cli: Callable[..., Result],
        pack_file: Path,
        bad_pack_file: Path,
        tmp_path: Path,
    ) -> None:
        """Every file is checked even after a failure; any failure makes the exit code 2."""
        broken_json = tmp_path / "broken.json"
        broken_json.write_text('{"pack": {\n  "name": }', encoding="utf-8")
        missing = tmp_path / "missing.json"
        result = cli("validate", str(bad_pack_file), str(pack_file), str(broken_json), str(missing))
        assert result.code == EXIT_BAD_INPUT
        assert result.out == f"{pack_file}: ok (mine 1.2.3: 2 prompts, 2 exercises)\n"
        assert _problem(bad_pack_file, "prompts[0].moods[0]").search(result.err)
        assert f"{broken_json}:2: invalid JSON" in result.err
        assert f"{missing}: cannot be read" in result.err

    def test_bundled_pack_is_valid(self, cli: Callable[..., Result]) -> None:
        """The core pack shipped in the package passes validation."""
        from importlib.resources import as_file, files

        with as_file(files("intimacy.data") / "core.json") as core:
            result = cli("validate", str(core))
        assert result.code == EXIT_OK
        assert ": ok (core " in result.out


class TestUsage:
    """Version, help, and bad usage: exit codes and one-line errors."""

    def test_version(self, cli: Callable[..., Result]) -> None:
        """--version prints the installed distribution's version."""
        result = cli("--version")
        assert result.code == EXIT_OK
        assert result.out == f"intimacy {version('intimacy')}\n"

    def test_every_bank_filter_has_a_flag(self, cli: Callable[..., Result]) -> None:
        """Each keyword filter of the bank (but language and exclude) is a flag of ``random``."""
        flagged = {name for _, name, _ in FILTER_OPTIONS}
        assert flagged == set(FILTER_NAMES) - {"language", "exclude"}
        shown = cli("random", "--help").out
        assert all(flag in shown for flag, _, _ in FILTER_OPTIONS)

    def test_no_command_prints_help(self, cli: Callable[..., Result]) -> None:
        """With no command, the help goes to stderr and the exit code is 2."""
        result = cli()
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        assert result.err.startswith("usage: intimacy")
        for command in ("random", "exercise", "show", "list", "validate"):
            assert command in result.err

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["--help"], id="top"),
            pytest.param(["random", "--help"], id="random"),
            pytest.param(["validate", "-h"], id="validate"),
        ],
    )
    def test_help(self, cli: Callable[..., Result], argv: list[str]) -> None:
        """--help prints usage on stdout and returns 0 (it does not raise SystemExit)."""
        result = cli(*argv)
        assert result.code == EXIT_OK
        assert result.out.startswith("usage: intimacy")

    def test_random_help_lists_vocabulary(self, cli: Callable[..., Result]) -> None:
        """The filter help is derived from the vocabularies: every practice and mood is named."""
        out = " ".join(cli("random", "--help").out.split())
        assert all(name in out for name in (*Practice.names(), *Mood.names(), *Topic.names()))

    @pytest.mark.parametrize("command", ["random", "exercise"])
    def test_unknown_mood(self, cli: Callable[..., Result], command: str) -> None:
        """An unknown mood exits 2 with one line naming the closest mood and the choices."""
        result = cli(command, "--mood", "tird")
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        assert result.err.count("\n") == 1
        assert "'tird' is not a mood (did you mean 'tired'?)" in result.err
        assert ", ".join(Mood.names()) in result.err

    @pytest.mark.parametrize(
        ("argv", "needle"),
        [
            pytest.param(
                ["random", "--practice", "empthy"], "did you mean 'empathy'", id="practice"
            ),
            pytest.param(["random", "--depth", "5"], "'5' is not a depth", id="depth"),
            pytest.param(["exercise", "--max-depth", "deepest"], "'deepest'", id="max-depth"),
            pytest.param(["random", "--topic", "sexx"], "did you mean 'sex'", id="topic"),
            pytest.param(["random", "--exclude-topic", "mony"], "'mony'", id="exclude-topic"),
            pytest.param(
                ["random", "--max-minutes", "ten"], "'ten' is not a whole number", id="max-minutes"
            ),
            pytest.param(
                ["exercise", "--min-minutes", "1.5"], "'1.5' is not a whole number", id="min-min"
            ),
            pytest.param(["random", "--seed"], "expected one argument", id="seed-missing"),
            pytest.param(["dance"], "invalid choice: 'dance'", id="unknown-command"),
            pytest.param(["list"], "required: what", id="list-nothing"),
            pytest.param(["list", "jokes"], "invalid choice: 'jokes'", id="list-unknown"),
            pytest.param(["show"], "required: ID", id="show-no-id"),
            pytest.param(["validate"], "required: FILE", id="validate-no-file"),
            pytest.param(
                ["random", "--colour", "red"], "unrecognized arguments", id="unknown-flag"
            ),
            pytest.param(
                ["random", "--practise", "empathy"], "did you mean --practice?", id="close-flag"
            ),
        ],
    )
    def test_bad_usage(self, cli: Callable[..., Result], argv: list[str], needle: str) -> None:
        """Bad usage exits 2 (returned, not raised) with one line on stderr and no output."""
        result = cli(*argv)
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        assert result.err.count("\n") == 1
        assert result.err.startswith("intimacy")
        assert "--help" in result.err
        assert needle in result.err

    @pytest.mark.parametrize(
        "argv",
        [
            ["validate", "x.toml", "--json"],
            ["random", "--mood", "sleepyy", "--json"],
            ["random", "--json", "--max-minutes", "ten"],
        ],
    )
    def test_usage_errors_under_json(self, cli: Callable[..., Result], argv: list[str]) -> None:
        """With --json anywhere in the arguments, a usage error is one JSON object on stderr."""
        result = cli(*argv)
        assert result.code == EXIT_BAD_INPUT
        assert result.out == ""
        error = json.loads(result.err)["error"]
        assert error["kind"] == "usage"
        assert error["exit_code"] == EXIT_BAD_INPUT
        assert "--help" in error["message"]

    def test_bad_input_under_json(self, cli: Callable[..., Result], tmp_path: Path) -> None:
        """A broken pack under --json lists every problem as data."""
        bad = tmp_path / "bad.toml"
        bad.write_text(BAD_PACK, encoding="utf-8")
        error = json.loads(cli("random", "--pack", str(bad), "--json").err)["error"]
        assert error["kind"] == "bad-input"
        assert error["type"] == "PackError"
        assert len(error["problems"]) == 3
        assert {"source", "path", "line", "message"} == set(error["problems"][0])

    def test_help_lists_exit_codes(self, cli: Callable[..., Result]) -> None:
        """Every command's --help ends with the exit codes."""
        for argv in (["--help"], ["random", "--help"], ["deck", "--help"]):
            result = cli(*argv)
            assert result.code == EXIT_OK
            assert "exit codes: 0 success; 1 nothing matched" in " ".join(result.out.split())

    def test_every_option_has_help_and_a_singular_metavar(self) -> None:
        """Every option explains itself, and a value's name is singular (TOPIC, not TOPICS)."""
        from intimacy.cli.commands import _build_parser

        parser = _build_parser()
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for name, sub in subparsers[0].choices.items():
            for action in sub._actions:
                if action.help == argparse.SUPPRESS or "-h" in action.option_strings:
                    continue
                assert action.help, (name, action.dest)
                metavar = action.metavar
                if isinstance(metavar, str):
                    assert not metavar.endswith("S") or metavar in {"FILE_OR_DIRS"}, metavar


class TestOtherCommands:
    """The session and authoring commands run through the same ``main`` (smoke tests).

    Their behaviour is tested in the tests of their own modules; here each is checked to be
    wired in: it exits 0 and prints what it should.
    """

    def test_daily(self, cli: Callable[..., Result]) -> None:
        """`daily --json` prints the prompt of the given day, and is the same twice."""
        argv = ("daily", "--date", "2026-11-26", "--key", "us", "--json")
        first, second = cli(*argv), cli(*argv)
        assert first.code == EXIT_OK
        assert first.out == second.out
        assert first.json()["date"] == "2026-11-26"
        assert first.json()["kind"] == "prompt"

    def test_plan(self, cli: Callable[..., Result]) -> None:
        """`plan --minutes 20` prints a plan within 20 minutes."""
        result = cli("plan", "--minutes", "20", "--seed", "1")
        assert result.code == EXIT_OK
        assert "20 minutes" in result.out

    def test_run_without_waiting(self, cli: Callable[..., Result], bank: Bank) -> None:
        """`run ID --no-wait` prints the exercise's timeline at once."""
        exercise = bank.exercises()[0]
        result = cli("run", exercise.id, "--no-wait")
        assert result.code == EXIT_OK
        assert exercise.steps[0].role.label in result.out

    def test_schema(self, cli: Callable[..., Result]) -> None:
        """`schema` prints a JSON Schema."""
        result = cli("schema")
        assert result.code == EXIT_OK
        assert "$schema" in result.json()

    def test_new_pack_to_stdout(self, cli: Callable[..., Result]) -> None:
        """`new-pack NAME --out -` prints a starter pack in TOML."""
        result = cli("new-pack", "demo", "--out", "-")
        assert result.code == EXIT_OK
        assert '[pack]\nname = "demo"' in result.out

    def test_new_pack_to_file(self, cli: Callable[..., Result], tmp_path: Path) -> None:
        """`new-pack NAME --out FILE` writes a pack that `validate` accepts."""
        target = tmp_path / "demo.toml"
        result = cli("new-pack", "demo", "--out", str(target))
        assert result.code == EXIT_OK
        assert str(target) in result.out
        assert cli("validate", str(target)).code == EXIT_OK

    def test_export_to_stdout(self, cli: Callable[..., Result]) -> None:
        """`export --json` prints the matching items as JSON."""
        result = cli("export", "--json", "--kind", "exercises", "--practice", "empathy")
        assert result.code == EXIT_OK
        assert "empathy" in result.out
        json.loads(result.out)

    @pytest.mark.parametrize(
        ("flags", "label"),
        [
            pytest.param(["--format", "html"], "html", id="html"),
            pytest.param(["--json"], "json", id="json"),
        ],
    )
    def test_export_to_file(
        self, cli: Callable[..., Result], tmp_path: Path, flags: list[str], label: str
    ) -> None:
        """`export --out FILE` writes the file and says so, naming the format."""
        target = tmp_path / f"cards.{label}"
        result = cli("export", *flags, "--mood", "tired", "--out", str(target))
        assert result.code == EXIT_OK
        assert result.out == f"{target}: written ({label})\n"
        assert target.stat().st_size > 0


class _BrokenStream(io.StringIO):
    """A stdout whose reader has gone away, and which has no file descriptor."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


class TestBrokenPipe:
    """A reader that goes away early is not an error, and never a traceback."""

    def test_stream_without_descriptor(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """When stdout breaks, main returns 0 quietly even if stdout has no file descriptor."""
        monkeypatch.setattr(sys, "stdout", _BrokenStream())
        assert main(["random", "--seed", "1"]) == EXIT_OK
        assert capsys.readouterr().err == ""

    def test_real_pipe_closed_by_reader(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """On a real pipe with no reader, main returns 0 and the final flush succeeds."""
        read_end, write_end = os.pipe()
        os.close(read_end)
        stream = os.fdopen(write_end, "w", encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", stream)
        try:
            assert main(["exercise", "--seed", "1"]) == EXIT_OK
        finally:
            monkeypatch.undo()
        stream.write("more text, as the interpreter's shutdown would flush it\n")
        stream.close()  # must not raise BrokenPipeError: stdout now points at devnull
        assert capsys.readouterr().err == ""


def _env(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV_CORE")}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _script() -> str | None:
    """The ``intimacy`` console script installed next to this Python, if there is one."""
    return shutil.which("intimacy", path=str(Path(sys.executable).parent))


class TestProcess:
    """The real command, run as a separate process."""

    @pytest.mark.parametrize("hash_seed", ["0", "12345"])
    def test_python_m_seeded_json(self, bank: Bank, hash_seed: str) -> None:
        """`python -m intimacy random --seed 3 --json` prints the library's seed-3 prompt."""
        done = subprocess.run(
            [sys.executable, "-m", "intimacy", "random", "--seed", "3", "--json"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(PYTHONHASHSEED=hash_seed),
            timeout=120,
        )
        assert done.returncode == EXIT_OK, done.stderr
        assert done.stderr == ""
        data = json.loads(done.stdout)
        assert data["id"] == bank.random_prompt(seed=3).id
        assert data["kind"] == "prompt"

    def test_python_m_usage_error(self) -> None:
        """`python -m intimacy` with a bad mood exits 2 with one line on stderr."""
        done = subprocess.run(
            [sys.executable, "-m", "intimacy", "random", "--mood", "sleepyy"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            timeout=120,
        )
        assert done.returncode == EXIT_BAD_INPUT
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr

    def test_console_script(self, bank: Bank) -> None:
        """The installed `intimacy` script runs `exercise`, and `show` exits 1 on a bad id."""
        script = _script()
        if script is None:
            pytest.skip("no intimacy console script next to sys.executable")
        done = subprocess.run(
            [script, "exercise", "--seed", "3", "--json"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            timeout=120,
        )
        assert done.returncode == EXIT_OK, done.stderr
        assert json.loads(done.stdout)["id"] == bank.random_exercise(seed=3).id
        missing = subprocess.run(
            [script, "show", "core/no-such-thing"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            timeout=120,
        )
        assert missing.returncode == EXIT_NO_MATCH
        assert missing.stdout == ""
        assert missing.stderr.startswith("intimacy: no prompt or exercise has the id")
        assert "Traceback" not in missing.stderr

    @pytest.mark.parametrize(
        "unbuffered",
        [pytest.param(None, id="buffered"), pytest.param("1", id="unbuffered")],
    )
    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["random"], id="random"),
            pytest.param(["exercise", "--json"], id="exercise-json"),
            pytest.param(["--version"], id="version"),
            pytest.param(["--help"], id="help"),
        ],
    )
    def test_reader_closes_early(self, argv: list[str], unbuffered: str | None) -> None:
        """Piping into a reader that has already closed exits 0 with nothing on stderr."""
        script = _script()
        command = [script] if script else [sys.executable, "-m", "intimacy"]
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the command writes anything
        try:
            done = subprocess.run(
                [*command, *argv],
                stdout=write_end,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
                env=_env(PYTHONUNBUFFERED=unbuffered),
                timeout=120,
            )
        finally:
            os.close(write_end)
        assert "Traceback" not in done.stderr
        assert done.stderr == ""
        assert done.returncode == EXIT_OK
