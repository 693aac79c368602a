"""The README and the docs stay true: their examples run, and the references are complete.

- Every ```python block of README.md and docs/*.md runs against the installed package: blocks
  with ``>>>`` as doctests, other blocks as plain code, in page order with shared names (so a
  page reads like one session), in a temporary working directory. A ```toml block with a
  ``[pack]`` table is first written there as ``NAME.toml`` and ``packs/NAME.toml``, so that
  ``load_pack("NAME.toml")`` and ``load_packs("packs/")`` find it.
- Every ``intimacy ...`` line of a ```sh block is accepted by the command line's parser, and is
  run in such a directory, in page order; it must exit 0, or the N of an ``# exits N`` comment
  on the line. A pack file the page shows is written when a command first names it (unless an
  earlier command made it); a line whose input file is still missing is only parsed; and
  ``intimacy run`` gets ``--no-wait`` so that it does not wait for Enter.
- The ``>>>`` examples in the package's docstrings run too: the API reference shows them.
- docs/cli.md documents every subcommand and flag that argparse knows, and docs/api.md every
  public name.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib
import io
import pkgutil
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest

import intimacy
from intimacy.cli import main
from intimacy.cli.commands import _build_parser

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)\n"
    r"(?P<body>.*?)^[ \t]*(?P=fence)[ \t]*$",
    flags=re.MULTILINE | re.DOTALL,
)
PACK_NAME = re.compile(r'^\[pack\]\s*\n(?:.*\n)*?name\s*=\s*"(?P<name>[a-z0-9-]+)"', re.MULTILINE)
EXITS = re.compile(r"#.*\bexits? (?P<code>\d)\b")


class Block(NamedTuple):
    """A fenced code block: its language, first line number in the page, and its text."""

    language: str
    line: int
    body: str


def blocks(path: Path) -> Iterator[Block]:
    """The fenced code blocks of a Markdown page, in order, dedented to their fence."""
    text = path.read_text(encoding="utf-8")
    for found in FENCE.finditer(text):
        indent = len(found["indent"])
        lines = [line[indent:] for line in found["body"].splitlines()]
        info = found["info"].strip().split()
        line = text.count("\n", 0, found.start("body")) + 1
        yield Block(info[0].lower() if info else "", line, "\n".join(lines) + "\n")


@pytest.fixture(name="workdir")
def fixture_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory, without pack paths from the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTIMACY_PACKS", raising=False)
    return tmp_path


def page_packs(path: Path) -> dict[str, str]:
    """The page's ```toml packs (blocks with a ``[pack]`` table), by file name ``NAME.toml``."""
    found = {}
    for block in blocks(path):
        named = PACK_NAME.search(block.body) if block.language == "toml" else None
        if named:
            found[f"{named['name']}.toml"] = block.body
    return found


def write_packs(path: Path, workdir: Path) -> None:
    """Write the page's packs to ``NAME.toml``, and a copy of each into ``packs/``."""
    (workdir / "packs").mkdir(exist_ok=True)
    for name, text in page_packs(path).items():
        (workdir / name).write_text(text, encoding="utf-8")
        (workdir / "packs" / name).write_text(text, encoding="utf-8")


def test_pages_found() -> None:
    """The README and the docs pages are where these tests look."""
    names = {path.name for path in PAGES}
    assert {"README.md", "index.md", "getting-started.md", "cli.md", "api.md"} <= names


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_python_examples(path: Path, workdir: Path) -> None:
    """Every Python example of the page runs and prints what the page says it prints."""
    write_packs(path, workdir)
    names: dict[str, object] = {"__name__": f"docs_{path.stem}"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures = []
    for block in blocks(path):
        if block.language not in {"python", "py", "pycon"}:
            continue
        where = f"{path.relative_to(ROOT)}:{block.line}"
        if ">>>" in block.body:
            test = parser.get_doctest(block.body, names, where, str(path), block.line - 1)
            report = io.StringIO()
            if runner.run(test, out=report.write, clear_globs=False).failed:
                failures.append(report.getvalue())
            names.update(test.globs)  # a DocTest runs in a copy: keep what the block defined
        else:
            try:
                exec(compile(block.body, where, "exec"), names)  # noqa: S102 - our own docs
            except Exception as err:  # noqa: BLE001 - report any failure with its place
                failures.append(f"{where}: {type(err).__name__}: {err}")
    assert not failures, "\n".join(failures)


def shell_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Each ``intimacy ...`` command line of the page's shell blocks, with its line number."""
    for block in blocks(path):
        if block.language not in {"sh", "bash", "shell", "console"}:
            continue
        for offset, line in enumerate(block.body.splitlines()):
            command = line.strip().removeprefix("$ ")
            if command.startswith("intimacy "):
                yield block.line + offset, command


def _parses(argv: list[str]) -> str:
    """Argparse's complaint about ``argv``, or ``""`` if it accepts it."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            _build_parser().parse_args(argv)
        except SystemExit as stop:
            return err.getvalue().strip() or f"exit {stop.code}"
    return ""


def _missing_inputs(argv: list[str], workdir: Path) -> bool:
    outputs = {argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--out"}
    return any(
        arg.endswith((".toml", ".json")) and arg not in outputs and not (workdir / arg).exists()
        for arg in argv
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_shell_examples(path: Path, workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ``intimacy`` command of the page parses, and runs with the exit code it shows."""
    packs = page_packs(path)
    failures = []
    for line, command in shell_lines(path):
        where = f"{path.relative_to(ROOT)}:{line}: {command}"
        if "|" in command or "$" in command:
            continue  # a pipeline or a variable: the shell's business, not ours
        words = shlex.split(command, comments=True)[1:]
        if ">" in words:
            words = words[: words.index(">")]
        complaint = _parses(words)
        if complaint:
            failures.append(f"{where}\n  {complaint}")
            continue
        for name in set(words) & set(packs):  # a pack the page showed, unless made by now
            if not (workdir / name).exists():
                (workdir / name).write_text(packs[name], encoding="utf-8")
        if _missing_inputs(words, workdir):
            continue
        if words[0] == "run" and "--no-wait" not in words:
            words.append("--no-wait")
        expected = EXITS.search(command)
        code = main(words)
        err = capsys.readouterr().err
        if code != (int(expected["code"]) if expected else 0):
            failures.append(f"{where}\n  exit {code}: {err.strip()}")
    assert not failures, "\n".join(failures)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = re.search(r"^#{2,3} ", text[start + len(heading) :], flags=re.MULTILINE)
    return text[start : start + len(heading) + (following.start() if following else len(text))]


class TestCliReference:
    """docs/cli.md against the parser."""

    TEXT = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")

    @pytest.mark.parametrize("name", sorted(_subcommands()))
    def test_subcommand_documented(self, name: str) -> None:
        """Each subcommand has its own section naming every flag it takes."""
        heading = f"### `intimacy {name}`"
        assert heading in self.TEXT, f"docs/cli.md has no section {heading!r}"
        known = (
            _section(self.TEXT, heading)
            + _section(self.TEXT, "## Filters")
            + _section(self.TEXT, "## Pack options")
        )
        flags = {
            flag
            for action in _subcommands()[name]._actions
            for flag in action.option_strings
            if flag.startswith("--") and flag != "--help"
        }
        missing = sorted(
            flag for flag in flags if not re.search(rf"(?<![\w-]){flag}(?![\w-])", known)
        )
        assert not missing, f"docs/cli.md does not describe {missing} of `intimacy {name}`"

    def test_exit_codes_documented(self) -> None:
        """The exit codes table lists 0, 1 and 2."""
        table = _section(self.TEXT, "## Exit codes")
        assert all(f"| {code} |" in table for code in (0, 1, 2))


MODULES = sorted(info.name for info in pkgutil.walk_packages(intimacy.__path__, prefix="intimacy."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, workdir: Path) -> None:
    """The ``>>>`` examples in the package's docstrings (shown in the API reference) run."""
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report = io.StringIO()
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()


def test_api_reference_lists_every_public_name() -> None:
    """docs/api.md documents every name in ``intimacy.__all__``."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. \w+:: intimacy\.(\w+)\s*$", text, flags=re.MULTILINE))
    assert sorted(set(intimacy.__all__) - documented) == []
