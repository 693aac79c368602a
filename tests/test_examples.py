"""Tests of the examples in ``examples/``: the web service, the daily script, the plugin pack."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import intimacy

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

    from flask.testing import FlaskClient

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_example(relative: str) -> ModuleType:
    """Import an example file as a module, by path (the examples are not a package)."""
    path = EXAMPLES / relative
    spec = importlib.util.spec_from_file_location(f"example_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(name="web", scope="module")
def fixture_web() -> ModuleType:
    """The web service example, imported."""
    return load_example("web/app.py")


@pytest.fixture(name="client")
def fixture_client(web: ModuleType) -> Iterator[FlaskClient]:
    """A test client of the web service over the default bank."""
    web.app.config["TESTING"] = True
    with web.app.test_client() as client:
        yield client


def get_json(client: FlaskClient, url: str) -> tuple[int, Any]:
    """The status and JSON body of a GET; every answer, even an error, is JSON."""
    response = client.get(url)
    assert response.is_json, response.data
    return response.status_code, response.get_json()


class TestWebService:
    """``examples/web/app.py``: prompts and the prompt of the day as JSON."""

    def test_prompt_satisfies_filters(self, client: FlaskClient) -> None:
        """``/prompt`` returns a prompt that matches every filter given."""
        status, body = get_json(client, "/prompt?practice=empathy&mood=tired&max_minutes=5")
        assert status == 200
        assert body["practice"] == "empathy"
        assert "tired" in body["moods"]
        assert body["minutes"] <= 5
        matches = {p.id: p.text for p in intimacy.default_bank().prompts(mood="tired")}
        assert matches[body["id"]] == body["text"]

    def test_seed_gives_the_library_choice(self, client: FlaskClient) -> None:
        """A seed gives the same prompt as the library with the same seed and filters."""
        _, body = get_json(client, "/prompt?mood=sad&mood=distant&max_depth=2&seed=42")
        expected = intimacy.random_prompt(mood=["sad", "distant"], max_depth=2, seed=42)
        assert body["id"] == expected.id
        _, by_text_seed = get_json(client, "/prompt?seed=our-anniversary")
        assert by_text_seed["id"] == intimacy.random_prompt(seed="our-anniversary").id

    def test_excluded_topics(self, client: FlaskClient) -> None:
        """``exclude_topics`` leaves out flagged prompts."""
        for seed in range(20):
            _, body = get_json(client, f"/prompt?exclude_topics=grief&depth=3&seed={seed}")
            assert "grief" not in body["topics"]

    def test_nothing_matches_is_404(self, client: FlaskClient) -> None:
        """No matching prompt gives 404 with the library's message."""
        status, body = get_json(client, "/prompt?mood=tired&depth=3")
        assert status == 404
        assert body["error"].startswith("no prompt matches")

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("mood=sleepyy", "is not a mood"),
            ("practice=cuddling", "is not a practice"),
            ("max_minutes=five", "max_minutes must be a whole number"),
            ("depth=9", "is not a depth"),
        ],
    )
    def test_bad_filter_is_400(self, client: FlaskClient, query: str, message: str) -> None:
        """A filter that cannot be read gives 400 and says why."""
        status, body = get_json(client, f"/prompt?{query}")
        assert status == 400
        assert message in body["error"]

    @pytest.mark.parametrize(
        "seed", ["\u00b2", "1_2", "\u0661\u0662", " 12", "+12", "--1"], ids=repr
    )
    def test_odd_seeds_are_string_seeds(self, client: FlaskClient, seed: str) -> None:
        """Only ASCII digits make an int seed: ``²`` or ``1_2`` are string seeds, never a 500."""
        from urllib.parse import quote

        status, body = get_json(client, f"/prompt?seed={quote(seed)}")
        assert status == 200
        assert body["id"] == intimacy.random_prompt(seed=seed).id

    @pytest.mark.parametrize("sign", ["", "-"])
    def test_huge_seed_is_400(self, client: FlaskClient, sign: str) -> None:
        """A 5,000-digit seed is a 400 with a clear JSON error (not Python's int advice)."""
        status, body = get_json(client, f"/prompt?seed={sign}{'7' * 5000}")
        assert status == 400
        assert body["error"] == "seed: a whole-number seed may have at most 4,300 digits"
        status, body = get_json(client, f"/prompt?seed={'7' * 4300}")
        assert status == 200
        assert body["id"] == intimacy.random_prompt(seed=int("7" * 4300)).id

    def test_seed_limit_is_the_librarys(self, web: ModuleType) -> None:
        """The example's digit limit is the library's."""
        from intimacy.bank.choice import MAX_SEED_DIGITS

        assert web.MAX_SEED_DIGITS == MAX_SEED_DIGITS

    @pytest.mark.parametrize(
        "value",
        ["\u00b2", "1_0", " 10", "9" * 5000],
        ids=["superscript", "underscore", "space", "huge"],
    )
    def test_odd_minutes_are_400(self, client: FlaskClient, value: str) -> None:
        """A minutes filter that is not plain ASCII digits is a 400, without echoing huge input."""
        from urllib.parse import quote

        status, body = get_json(client, f"/prompt?max_minutes={quote(value)}")
        assert status == 400
        assert body["error"].startswith("max_minutes must be a whole number")
        assert len(body["error"]) < 100

    def test_daily_is_the_couples_prompt(self, client: FlaskClient) -> None:
        """``/daily`` serves ``intimacy.daily`` for the key and date; keys differ."""
        status, body = get_json(client, "/daily?key=our-code&date=2026-11-26")
        assert status == 200
        assert body["date"] == "2026-11-26"
        assert body["prompt"]["id"] == intimacy.daily("2026-11-26", key="our-code").id
        days = [f"/daily?key=our-code&date=2026-12-{day:02}" for day in range(1, 15)]
        ids = [get_json(client, url)[1]["prompt"]["id"] for url in days]
        assert len(set(ids)) == len(ids)  # no prompt repeats within two weeks

    def test_daily_defaults_to_today(self, client: FlaskClient) -> None:
        """Without a date, ``/daily`` serves today's prompt."""
        _, body = get_json(client, "/daily?key=k&practice=connection")
        today = dt.date.today().isoformat()
        assert body["date"] == today
        assert body["prompt"]["id"] == intimacy.daily(today, key="k", practice="connection").id

    @pytest.mark.parametrize(
        ("query", "status", "message"),
        [
            ("date=2026-11-26", 400, "key is required"),
            ("key=k&date=26/11/2026", 400, "is not a date"),
            ("key=k&mood=tired&depth=3", 404, "no prompt matches"),
        ],
    )
    def test_daily_errors(self, client: FlaskClient, query: str, status: int, message: str) -> None:
        """A missing key or a bad date gives 400; nothing matching gives 404."""
        got, body = get_json(client, f"/daily?{query}")
        assert got == status
        assert message in body["error"]

    def test_serves_the_bank_it_is_given(self, web: ModuleType) -> None:
        """``create_app(bank)`` serves that bank: an empty one matches nothing."""
        client = web.create_app(intimacy.Bank()).test_client()
        assert get_json(client, "/prompt")[0] == 404


@pytest.fixture(name="daily_script", scope="module")
def fixture_daily_script() -> ModuleType:
    """The daily cron script, imported."""
    return load_example("daily_prompt.py")


class TestDailyScript:
    """``examples/daily_prompt.py``: the day's prompt for cron."""

    def test_prints_the_prompt_of_the_day(
        self, daily_script: ModuleType, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """It prints the date and the text of ``intimacy.daily`` for the key."""
        assert daily_script.main(["--key", "our-code", "--date", "2026-11-26"]) == 0
        expected = intimacy.daily("2026-11-26", key="our-code")
        out = capsys.readouterr().out
        assert out.startswith(f"2026-11-26: {expected.text}\n")
        assert f"({expected.practice.label}, about {expected.minutes} min)" in out

    def test_writes_and_replaces_the_file(self, daily_script: ModuleType, tmp_path: Path) -> None:
        """``--out`` writes the file, and replaces yesterday's (no stray temporary files)."""
        target = tmp_path / "today.txt"
        target.write_text("yesterday\n", encoding="utf-8")
        argv = ["--key", "k", "--date", "2026-11-27", "--mood", "tired", "--out", str(target)]
        assert daily_script.main(argv) == 0
        expected = intimacy.daily("2026-11-27", key="k", mood=["tired"])
        assert target.read_text(encoding="utf-8").startswith(f"2026-11-27: {expected.text}\n")
        assert [path.name for path in tmp_path.iterdir()] == ["today.txt"]

    @pytest.mark.parametrize(
        ("argv", "code", "message"),
        [
            (["--mood", "tired", "--max-minutes", "0"], 1, "no prompt matches"),
            (["--date", "tomorrow"], 2, "is not a date"),
            (["--practice", "hugging"], 2, "is not a practice"),
            (["--out", "/nonexistent-folder/today.txt"], 2, "No such file or directory"),
        ],
    )
    def test_errors(
        self,
        daily_script: ModuleType,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        code: int,
        message: str,
    ) -> None:
        """Nothing matching exits 1; bad input exits 2; one line on stderr."""
        assert daily_script.main(["--key", "k", *argv]) == code
        err = capsys.readouterr().err
        assert message in err
        assert len(err.strip().splitlines()) == 1

    def test_runs_as_a_script(self) -> None:
        """Run as cron runs it, in its own process, it prints the prompt and exits 0."""
        done = subprocess.run(
            [
                sys.executable,
                str(EXAMPLES / "daily_prompt.py"),
                "--key",
                "k",
                "--date",
                "2027-01-01",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"2027-01-01: {intimacy.daily('2027-01-01', key='k').text}")


PLUGIN = EXAMPLES / "plugin-pack"


class TestPluginPack:
    """``examples/plugin-pack``: a pack project a reader can copy and publish."""

    def test_entry_point_names_the_folder_holding_the_pack(self) -> None:
        """The entry point's value is the package folder, and it holds a valid pack."""
        meta = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))
        entry_points = meta["project"]["entry-points"]["intimacy.packs"]
        assert list(entry_points.values()) == ["intimacy_pack_date_night"]
        assert meta["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == [
            "intimacy_pack_date_night"
        ]
        files = sorted((PLUGIN / "intimacy_pack_date_night").glob("*.toml"))
        packs = [intimacy.load_pack(path) for path in files]
        assert [pack.name for pack in packs] == ["date-night"]
        assert packs[0].prompts
        assert packs[0].exercises

    def test_built_wheel_is_found_as_a_plugin(self, tmp_path: Path) -> None:
        """Built with hatchling and put on the path, the pack is in the bank with plugins."""
        project = tmp_path / "project"
        shutil.copytree(PLUGIN, project)
        built = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))",
                str(tmp_path / "dist"),
            ],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert built.returncode == 0, built.stderr
        wheel = tmp_path / "dist" / built.stdout.strip().splitlines()[-1]
        site = tmp_path / "site"
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            assert "intimacy_pack_date_night/date-night.toml" in names
            archive.extractall(site)
        env = {**os.environ, "PYTHONPATH": str(site)}
        env.pop("INTIMACY_NO_PLUGINS", None)
        found = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import intimacy\n"
                    "bank = intimacy.default_bank(plugins=True)\n"
                    "print(bank.source('date-night'))\n"
                    "print(bank.get('date-night/first-date-redo').practice)"
                ),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert found.returncode == 0, found.stderr
        source, practice = found.stdout.splitlines()
        assert source.startswith("plugin intimacy-pack-date-night 0.1.0")
        assert practice == "quality-time"
