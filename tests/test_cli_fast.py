"""The command line's fast path: the library's choice, printed as the full command prints it."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import Depth, Mood, NoMatchError, Practice, Topic
from intimacy.cli import EXIT_NO_MATCH, EXIT_OK, commands, fast, main
from intimacy.cli.values import seed_value

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: Environment variables that would change what the commands print.
_ENVIRONMENT = ("INTIMACY_PACKS", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class Run:
    """One run of the command line: its exit code, its two streams, and the path it took."""

    def __init__(self, code: int, out: str, err: str, *, fell_back: bool) -> None:
        self.code, self.out, self.err, self.fell_back = code, out, err, fell_back

    def shown(self) -> tuple[int, str, str]:
        """What a user sees: the exit code and the two streams."""
        return self.code, self.out, self.err


@contextlib.contextmanager
def _clean_environment() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        for name in _ENVIRONMENT:
            patch.delenv(name, raising=False)
        yield patch


def _capture(work: Callable[[], int]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = work()
    return code, out.getvalue(), err.getvalue()


def run_main(argv: list[str]) -> Run:
    """``main(argv)``, noting whether the full command had to run it."""
    calls: list[int] = []
    full = commands.run

    def spy(given: list[str]) -> int:
        calls.append(1)
        return full(given)

    with _clean_environment() as patch:
        patch.setattr(commands, "run", spy)
        code, out, err = _capture(lambda: main(argv))
    return Run(code, out, err, fell_back=bool(calls))


def run_full(argv: list[str]) -> Run:
    """The full command alone, as it ran before the fast path existed."""
    with _clean_environment():
        code, out, err = _capture(lambda: commands.run(argv))
    return Run(code, out, err, fell_back=True)


@pytest.fixture(name="ids", scope="module")
def fixture_ids() -> list[str]:
    """Every id of the bundled bank."""
    bank = intimacy.default_bank()
    return [prompt.id for prompt in bank.prompts()] + [item.id for item in bank.exercises()]


_TAGS = sorted({tag for prompt in intimacy.default_bank().prompts() for tag in prompt.tags})[:12]
# Each filter flag with values as a user types them: slugs, other cases, aliases, numbers.
_VALUES: dict[str, st.SearchStrategy[str]] = {
    "--practice": st.sampled_from([*Practice.names(), "Empathy", "quality_time"]),
    "--mood": st.sampled_from([*Mood.names(), "angry", "Calm", "sleepy"]),
    "--depth": st.sampled_from(["1", "2", "3", "deep", "Light"]),
    "--max-depth": st.sampled_from(["1", "2", "3", "personal"]),
    "--min-minutes": st.integers(1, 25).map(str),
    "--max-minutes": st.integers(1, 40).map(str),
    "--tag": st.sampled_from([*_TAGS, "no-such-tag"]),
    "--exclude-tag": st.sampled_from(_TAGS),
    "--topic": st.sampled_from(Topic.names()),
    "--exclude-topic": st.sampled_from(Topic.names()),
}
_READ: dict[str, tuple[str, Callable[[str], object], bool]] = {
    "--practice": ("practice", Practice.parse, True),
    "--mood": ("mood", Mood.parse, True),
    "--depth": ("depth", Depth.parse, True),
    "--max-depth": ("max_depth", Depth.parse, False),
    "--min-minutes": ("min_minutes", int, False),
    "--max-minutes": ("max_minutes", int, False),
    "--tag": ("tags", str, True),
    "--exclude-tag": ("exclude_tags", str, True),
    "--topic": ("topics", Topic.parse, True),
    "--exclude-topic": ("exclude_topics", Topic.parse, True),
}


@st.composite
def _filter_flags(draw: st.DrawFn) -> tuple[list[str], dict[str, Any]]:
    """Filter flags as typed (``--flag value`` or ``--flag=value``), and the library's filters."""
    argv: list[str] = []
    filters: dict[str, Any] = {}
    for flag in draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=3)):
        text = draw(_VALUES[flag])
        argv += [f"{flag}={text}"] if draw(st.booleans()) else [flag, text]
        name, read, repeats = _READ[flag]
        if repeats:
            filters.setdefault(name, []).append(read(text))
        else:
            filters[name] = read(text)
    return argv, filters


@st.composite
def _shown_flags(draw: st.DrawFn) -> tuple[list[str], str | None]:
    """``--json``, ``--partner`` and ``--language`` as a user gives them, and the language."""
    argv = ["--json"] if draw(st.booleans()) else []
    partner = draw(st.none() | st.sampled_from(["Sam", "Alex Kim", "Zoë"]))
    if partner is not None:
        argv += ["--partner", partner]
    language = draw(st.none() | st.sampled_from(["es", "es_MX", "en", "fr"]))
    if language is not None:
        argv += [f"--language={language}"]
    return argv, language


_SEEDS = st.integers(0, 10**9).map(str) | st.text("abcxyz0123456789 ", min_size=1, max_size=8)


def _check_same(argv: list[str]) -> Run:
    """Run ``argv`` both ways: what the user sees is the same."""
    fast_run = run_main(argv)
    assert fast_run.shown() == run_full(argv).shown()
    return fast_run


class TestSameAsTheLibrary:
    @given(
        command=st.sampled_from(["random", "exercise"]),
        seed=_SEEDS,
        filters=_filter_flags(),
        shown=_shown_flags(),
    )
    def test_random_and_exercise(
        self,
        command: str,
        seed: str,
        filters: tuple[list[str], dict[str, Any]],
        shown: tuple[list[str], str | None],
    ) -> None:
        """The fast path picks the library's item for the seed and filters, printed as before."""
        argv = [command, "--seed", seed, *filters[0], *shown[0]]
        result = _check_same(argv)
        bank = intimacy.default_bank(language=shown[1])
        pick = bank.random_prompt if command == "random" else bank.random_exercise
        try:
            expected = pick(seed=seed_value(seed), **filters[1])
        except NoMatchError:
            assert result.code == EXIT_NO_MATCH
            assert result.fell_back  # the full command reports the error
            return
        assert result.code == EXIT_OK
        assert not result.fell_back
        if "--json" in argv:
            assert json.loads(result.out)["id"] == expected.id
        else:
            assert f"| {expected.id})" in result.out

    @given(
        day=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
        key=st.none() | st.text("abc123 ", min_size=1, max_size=6),
        filters=_filter_flags(),
        shown=_shown_flags(),
    )
    def test_daily(
        self,
        day: dt.date,
        key: str | None,
        filters: tuple[list[str], dict[str, Any]],
        shown: tuple[list[str], str | None],
    ) -> None:
        """The prompt of the day is the library's, for the key, date and filters."""
        argv = ["daily", "--date", day.isoformat(), *filters[0], *shown[0]]
        argv += [] if key is None else ["--key", key]
        result = _check_same(argv)
        bank = intimacy.default_bank(language=shown[1])
        try:
            expected = bank.daily(day, key=key or "", **filters[1])
        except NoMatchError:
            assert result.fell_back
            return
        assert not result.fell_back
        if "--json" in argv:
            assert json.loads(result.out)["id"] == expected.id
        else:
            assert f"| {expected.id})" in result.out

    @given(data=st.data(), shown=_shown_flags(), first=st.booleans())
    def test_show(
        self, ids: list[str], data: st.DataObject, shown: tuple[list[str], str | None], first: bool
    ) -> None:
        """``show ID`` prints the library's item, and leaves unknown ids to the full command."""
        wanted = data.draw(st.sampled_from(ids) | st.sampled_from(["core/nope", "nope"]))
        argv = ["show", wanted, *shown[0]] if first else ["show", *shown[0], wanted]
        result = _check_same(argv)
        assert result.fell_back == (wanted not in ids)
        if not result.fell_back:
            shown_item = intimacy.default_bank(language=shown[1]).get(wanted)
            assert shown_item.id == wanted
            assert f"| {wanted})" in result.out or json.loads(result.out)["id"] == wanted


#: Arguments the fast path leaves to the full command, each for its own reason.
UNHANDLED = [
    [],
    ["--version"],
    ["list", "moods"],
    ["random", "--help"],
    ["random", "-h"],
    ["random", "--pack", "nowhere.toml"],
    ["random", "--plugins", "--seed", "7"],
    ["random", "--replace", "--seed", "7"],
    ["random", "--deck", "Not a deck name!"],
    ["random", "--see", "7"],
    ["random", "--seed", "-5"],
    ["random", "--seed=--"],
    ["random", "--seed="],
    ["random", "--seed"],
    ["random", "--json=yes"],
    ["random", "stray"],
    ["random", "--mood", "sleepyhead"],
    ["random", "--max-minutes", "ten"],
    ["random", "--max-minutes", "0"],
    ["random", "--language", "not a tag"],
    ["random", "--key", "ours"],
    ["exercise", "--tag", "no-such-tag", "--json"],
    ["daily", "--date", "2025-02-30"],
    ["daily", "--seed", "1"],
    ["show"],
    ["show", "core/nope"],
    ["show", "core/nope", "--json"],
    ["show", "a", "b"],
    ["show", "--seed", "1", "core/nope"],
    ["run", "core/nope"],
]


class TestLeftToTheFullCommand:
    @pytest.mark.parametrize("argv", UNHANDLED, ids=" ".join)
    def test_nothing_printed_then_the_full_commands_output(self, argv: list[str]) -> None:
        """The fast path prints nothing; main() then prints just what the full command does."""
        with _clean_environment():
            assert _capture(lambda: -1 if fast.run(argv) is None else 0) == (-1, "", "")
        result = run_main(argv)
        assert result.fell_back
        assert result.shown() == run_full(argv).shown()

    def test_packs_from_the_environment(self, tmp_path: Any) -> None:
        """With INTIMACY_PACKS set, the full command runs: it adds those packs."""
        with _clean_environment() as patch:
            patch.setenv("INTIMACY_PACKS", str(tmp_path / "missing.toml"))
            assert fast.run(["random"]) is None

    def test_the_language_of_the_environment(self) -> None:
        """The fast path reads the environment's language as the full command does."""
        argv = ["random", "--seed", "4", "--json"]
        with _clean_environment() as patch:
            patch.setenv("LANG", "es_MX.UTF-8")
            assert _capture(lambda: fast.run(argv) or 0) == _capture(lambda: commands.run(argv))
            _, out, _ = _capture(lambda: fast.run(argv) or 0)
        assert json.loads(out)["language"] == "es"

    def test_the_collector_is_left_as_it_was(self) -> None:
        """The fast path pauses garbage collection while it runs, and restores it."""
        with _clean_environment():
            _capture(lambda: main(["random"]))
            assert gc.isenabled()
            gc.disable()
            try:
                _capture(lambda: main(["random"]))
                assert not gc.isenabled()
            finally:
                gc.enable()


class TestStartUp:
    @pytest.mark.parametrize(
        "argv",
        [
            ["random"],
            ["random", "--mood", "calm", "--seed", "7", "--json", "--partner", "Sam"],
            ["exercise", "--seed", "3", "--language", "es"],
            ["daily", "--key", "us", "--date", "2025-02-14"],
            ["daily"],
            ["show", "core/al-a-year-in-photos"],
        ],
        ids=" ".join,
    )
    def test_imports_neither_attrs_nor_argparse(self, argv: list[str]) -> None:
        """The common commands print without attrs, cattrs, argparse or typing."""
        code = (
            "import sys, io, json, contextlib\n"
            "from intimacy.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    code = main({argv!r})\n"
            "heavy = ['attrs', 'cattrs', 'argparse', 'typing', 'hashlib', 'importlib.resources']\n"
            "loaded = [name for name in heavy if name in sys.modules]\n"
            "print(json.dumps([code, loaded, bool(out.getvalue())]))\n"
        )
        environment = {k: v for k, v in os.environ.items() if k not in _ENVIRONMENT}
        found = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        ).stdout
        assert json.loads(found) == [EXIT_OK, [], True]
