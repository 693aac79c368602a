"""Named decks on the command line: the state directory, --deck, intimacy deck, and locking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from intimacy import dumps_pack
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK
from intimacy.cli.state import DeckStore, StateError, check_name, state_dir
from intimacy.testing import numbered_pack

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import Result


@pytest.fixture(name="state")
def fixture_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty state directory of our own for the command line."""
    folder = tmp_path / "state"
    monkeypatch.setenv("INTIMACY_STATE_DIR", str(folder))
    return folder


@pytest.fixture(name="small")
def fixture_small(tmp_path: Path) -> str:
    """A pack of three prompts (``few/p0`` to ``few/p2``), all tagged ``few``, as a file."""
    pack = numbered_pack(3, name="few")
    data = json.loads(dumps_pack(pack, "json"))
    for prompt in data["prompts"]:
        prompt["tags"] = ["few"]
    path = tmp_path / "few.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


class TestStateDir:
    @pytest.mark.parametrize(
        ("environ", "platform", "expected"),
        [
            ({"INTIMACY_STATE_DIR": "/x/y"}, "linux", "/x/y"),
            ({"XDG_STATE_HOME": "/s", "HOME": "/h"}, "linux", "/s/intimacy"),
            ({"HOME": "/h"}, "linux", "/h/.local/state/intimacy"),
            ({"HOME": "/h"}, "darwin", "/h/Library/Application Support/intimacy"),
            ({"LOCALAPPDATA": "/w", "HOME": "/h"}, "win32", "/w/intimacy"),
            ({"HOME": "/h"}, "win32", "/h/AppData/Local/intimacy"),
        ],
    )
    def test_platforms(self, environ: dict[str, str], platform: str, expected: str) -> None:
        """The state directory follows the platform's convention, and the override wins."""
        assert state_dir(environ, platform).as_posix() == expected

    @pytest.mark.parametrize("name", ["", "Evenings", "a b", "../up", "x" * 65, "a/b", "-a"])
    def test_bad_names(self, name: str) -> None:
        """A deck name is lowercase words joined by '-' or '_', never a path."""
        with pytest.raises(StateError, match="is not a deck name"):
            check_name(name)


class TestDeckOption:
    def test_no_repeat_until_used_up(
        self, cli: Callable[..., Result], state: Path, small: str
    ) -> None:
        """Three draws from a deck of three give each prompt once; the fourth starts over."""
        args = ("random", "--pack", small, "--tag", "few", "--deck", "mine", "--json")
        drawn = [cli(*args).json()["id"] for _ in range(3)]
        assert sorted(drawn) == ["few/p0", "few/p1", "few/p2"]
        assert cli("random", "--pack", small, "--deck", "mine", "--json").json()["id"] != drawn[-1]
        saved = json.loads((state / "decks" / "mine.json").read_text(encoding="utf-8"))
        assert saved["state"]["kind"] == "prompt"

    def test_other_filters_are_refused(
        self, cli: Callable[..., Result], state: Path, small: str
    ) -> None:
        """A saved deck keeps its filters: asking for others exits 2 and says how to reset."""
        assert cli("random", "--pack", small, "--tag", "few", "--deck", "d").code == EXIT_OK
        result = cli("random", "--pack", small, "--practice", "empathy", "--deck", "d")
        assert result.code == EXIT_BAD_INPUT
        assert "intimacy deck reset d" in result.err
        wrong_kind = cli("exercise", "--pack", small, "--deck", "d")
        assert wrong_kind.code == EXIT_BAD_INPUT
        assert "holds prompts" in wrong_kind.err

    def test_broken_state_file(self, cli: Callable[..., Result], state: Path) -> None:
        """A state file that is not a deck's is reported in one line, and nothing is lost."""
        (state / "decks").mkdir(parents=True)
        broken = state / "decks" / "d.json"
        for content in ("{not json", "[1, 2]", "x" * 70_000):
            broken.write_text(content, encoding="utf-8")
            result = cli("random", "--deck", "d")
            assert result.code == EXIT_BAD_INPUT
            assert result.err.count("\n") == 1
            assert "intimacy deck reset d" in result.err
            assert broken.read_text(encoding="utf-8") == content

    def test_bad_deck_name(self, cli: Callable[..., Result], state: Path) -> None:
        """A deck name that could be a path is a usage error."""
        result = cli("random", "--deck", "../x")
        assert result.code == EXIT_BAD_INPUT
        assert "is not a deck name" in result.err
        assert not state.exists()

    def test_daily_from_a_deck(self, cli: Callable[..., Result], state: Path, small: str) -> None:
        """daily --deck gives one prompt all day, and the next one of the deck the next day."""
        first = ("daily", "--pack", small, "--tag", "few", "--deck", "days", "--json")
        monday = cli(*first, "--date", "2026-11-30").json()["id"]
        again = cli("daily", "--pack", small, "--deck", "days", "--date", "2026-11-30", "--json")
        assert again.json()["id"] == monday
        tuesday = cli("daily", "--pack", small, "--deck", "days", "--date", "2026-12-01", "--json")
        assert tuesday.json()["id"] != monday

    def test_two_processes_at_once(self, state: Path, small: str) -> None:
        """Runs drawing from one deck at the same moment never hand out the same item."""
        pack = numbered_pack(40, name="many")
        path = state.parent / "many.json"
        path.write_text(dumps_pack(pack, "json"), encoding="utf-8")
        env = {**os.environ, "INTIMACY_STATE_DIR": str(state)}
        argv = [sys.executable, "-m", "intimacy", "random", "--pack", str(path)]
        cli_args = [*argv, "--practice", "connection", "--mood", "calm", "--deck", "shared"]
        seed = subprocess.run([*cli_args, "--json"], env=env, capture_output=True, check=True)
        runs = [
            subprocess.Popen(
                [*argv, "--deck", "shared", "--json"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(8)
        ]
        ids = [json.loads(seed.stdout)["id"]]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
            ids.append(json.loads(out)["id"])
        assert len(set(ids)) == len(ids)


class TestDeckCommand:
    def test_list_show_reset(self, cli: Callable[..., Result], state: Path, small: str) -> None:
        """deck list, show and reset, in text and JSON."""
        assert cli("deck", "list").out.startswith("no named decks yet")
        cli("random", "--pack", small, "--tag", "few", "--deck", "evenings")
        assert cli("deck", "list", "--pack", small).out == "evenings\tprompt\t3\t0\t2\n"
        shown = cli("deck", "show", "evenings", "--pack", small, "--json").json()
        assert (shown["size"], shown["remaining"], shown["filters"]) == (3, 2, {"tags": ["few"]})
        assert "filters: {" in cli("deck", "show", "evenings", "--pack", small).out
        assert cli("deck", "reset", "evenings").out == "deck 'evenings' reset\n"
        assert cli("deck", "reset", "evenings", "--json").json() == {
            "name": "evenings",
            "reset": False,
        }
        assert DeckStore(state).names() == ()

    def test_show_missing_deck(self, cli: Callable[..., Result], state: Path) -> None:
        """Showing a deck that does not exist exits 1; naming none is a usage error."""
        missing = cli("deck", "show", "nothing")
        assert missing.code == EXIT_NO_MATCH
        assert "no deck named 'nothing'" in missing.err
        assert cli("deck", "show").code == EXIT_BAD_INPUT


class TestPartner:
    def test_partner_fills_placeholders(self, cli: Callable[..., Result], tmp_path: Path) -> None:
        """--partner NAME fills $partner in cards, JSON and exports; else the default."""
        pack = numbered_pack(1, name="mine")
        data = json.loads(dumps_pack(pack, "json"))
        data["prompts"][0]["text"] = "What made $partner laugh today?"
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        shown = cli("show", "mine/p0", "--pack", str(path), "--partner", "Sam")
        assert shown.out.startswith("What made Sam laugh today?")
        plain = cli("show", "mine/p0", "--pack", str(path), "--json").json()
        assert plain["text"] == "What made your partner laugh today?"
        exported = cli("export", "--id", "mine/p0", "--pack", str(path), "--partner", "Ana")
        assert "What made Ana laugh today?" in exported.out
