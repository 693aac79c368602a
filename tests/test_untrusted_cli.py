"""Hostile input at the edges: many packs, unreadable paths, odd file names, seeds and outputs.

The costly cases run the real command in a subprocess, under a memory limit and a timeout set
far above what they need, so that they catch a quadratic or unbounded path without timing it
(the benchmark in ``benchmarks/run.py`` measures the figures).
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import intimacy
from intimacy import Bank, Pack, PackError, Prompt, Translation, ValidationError, dumps_pack
from intimacy.bank.choice import MAX_SEED_DIGITS
from intimacy.bank.default import bank_with
from intimacy.bank.index import _Index
from intimacy.cli import EXIT_BAD_INPUT, EXIT_OK, main
from intimacy.cli.options import _seed
from intimacy.packs.files import expand_paths, load_packs, pack_files, shown_path
from intimacy.packs.plugins import InstalledPack, PluginWarning

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Result

#: A POSIX shell, to start the command with its standard output closed.
SHELL = shutil.which("sh")
#: A memory cap for the hostile subprocesses: far above what they need (about 200 MB).
MEMORY_LIMIT = 3 * 2**30


def _pack(name: str, text: str = "What made you smile today?") -> Pack:
    prompt = Prompt(
        id=f"{name}/one", text=text, practice="connection", moods=["calm"], minutes=2, depth=1
    )
    return Pack(name=name, version="1", title=f"Pack {name}", prompts=[prompt])


def _write(folder: Path, file: str, name: str, text: str = "What made you smile today?") -> Path:
    path = folder / file
    pack = _pack(name, text)
    path.write_text(
        dumps_pack(pack, "json") if file.endswith(".json") else dumps_pack(pack), encoding="utf-8"
    )
    return path


def _limited() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _env(**changes: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV_CORE")}
    env.pop("INTIMACY_PACKS", None)
    return {**env, **changes}


def _command(
    *argv: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m intimacy ARGV`` under the memory limit, with ``src`` importable."""
    source = str(Path(__file__).resolve().parents[1] / "src")
    path = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "intimacy", *argv],
        capture_output=True,
        text=True,
        check=False,
        env=_env(PYTHONPATH=path),
        cwd=cwd,
        timeout=timeout,
        preexec_fn=_limited if sys.platform != "win32" else None,  # the tests start no threads
    )


class TestManyPacks:
    """Loading n packs builds the bank once: linear in n, not quadratic."""

    def test_bank_is_indexed_once(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """bank_with on a folder of 50 packs builds one bank (two indexes), not one per file."""
        for number in range(50):
            _write(tmp_path, f"p{number:02d}.toml", f"p{number:02d}")
        intimacy.default_bank()  # the bundled bank is built (and cached) before counting
        built: list[int] = []
        real = _Index.__init__

        def counting(self: _Index[Prompt], items: object) -> None:
            built.append(1)
            real(self, items)  # type: ignore[arg-type]

        monkeypatch.setattr(_Index, "__init__", counting)
        bank = bank_with([tmp_path])
        assert len(built) == 2  # prompts and exercises
        assert [pack.name for pack in bank.packs][-50:] == [f"p{n:02d}" for n in range(50)]
        assert bank.source("p07") == str(tmp_path / "p07.toml")

    def test_same_bank_as_one_by_one(self) -> None:
        """Adding packs at once gives the bank that adding them one by one gives, with replace."""
        found = [
            (_pack("a"), "1.toml"),
            (_pack("b"), "2.toml"),
            (_pack("a", "Replaced?"), "3.toml"),
            (_pack("core", "Core replaced?"), "4.toml"),
        ]
        start = intimacy.default_bank()
        one_by_one = start
        for pack, source in found:
            one_by_one = one_by_one.with_packs(pack, replace=True, source=source)
        at_once = start._with_each(found, replace=True)
        assert at_once.packs == one_by_one.packs
        assert at_once.translations == one_by_one.translations
        every: list[Pack | Translation] = [*at_once.packs, *at_once.translations]
        names = [pack.name for pack in every]
        assert [at_once.source(n) for n in names] == [one_by_one.source(n) for n in names]
        replaced = at_once.get("a/one")
        assert isinstance(replaced, Prompt)
        assert replaced.text == "Replaced?"
        assert at_once.prompts() == one_by_one.prompts()

    def test_every_clash_is_reported(self) -> None:
        """Without replace, each pack whose name is taken is a problem naming both sources."""
        found = [(_pack("a"), "1.toml"), (_pack("a"), "2.toml"), (_pack("core"), "3.toml")]
        with pytest.raises(PackError) as info:
            Bank()._with_each(found)  # "core" is free in an empty bank
        assert [p.source for p in info.value.problems] == ["2.toml"]
        with pytest.raises(PackError) as info:
            intimacy.default_bank()._with_each(found)
        assert [p.source for p in info.value.problems] == ["2.toml", "3.toml"]
        assert "(from 1.toml)" in info.value.problems[0].message
        assert "(from bundled)" in info.value.problems[1].message

    def test_nothing_to_add_is_the_same_bank(self) -> None:
        """No packs to add: the same (cached) bank comes back, nothing is rebuilt."""
        assert intimacy.default_bank()._with_each([]) is intimacy.default_bank()
        assert bank_with([]) is intimacy.default_bank()

    def test_plugin_clashes_warn_and_the_rest_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Plugin packs join in one build; one named like a bundled or earlier pack is skipped."""
        import intimacy.packs.plugins

        found = (
            InstalledPack(_pack("extra"), "dist-a", "1", "a.toml"),
            InstalledPack(_pack("core"), "dist-b", "1", "b.toml"),
            InstalledPack(_pack("extra", "Again?"), "dist-c", "1", "c.toml"),
            InstalledPack(_pack("more"), "dist-d", "1", "d.toml"),
        )
        monkeypatch.setattr(intimacy.packs.plugins, "installed_packs", lambda: found)
        with pytest.warns(PluginWarning) as caught:
            bank = intimacy.default_bank(plugins=True)
        assert [str(w.message).split(":")[0] for w in caught] == [
            f"skipped {found[1].source}",
            f"skipped {found[2].source}",
        ]
        assert bank.source("extra") == found[0].source
        extra = bank.get("extra/one")
        assert isinstance(extra, Prompt)
        assert extra.text == "What made you smile today?"
        assert bank.source("more") == found[3].source
        assert bank.source("core") == "bundled"

    def test_folder_of_20000_packs_in_a_subprocess(self, tmp_path: Path) -> None:
        """20,000 one-prompt packs load through --pack (about 6 s; quadratic would take minutes)."""
        folder = tmp_path / "packs"
        folder.mkdir()
        template = dumps_pack(_pack("pzzzzzz"))
        for number in range(20_000):
            name = f"p{number:06d}"
            (folder / f"{name}.toml").write_text(template.replace("pzzzzzz", name), "utf-8")
        done = _command("list", "packs", "--json", "--pack", str(folder), timeout=90)
        assert done.returncode == EXIT_OK, done.stderr[-500:]
        rows = json.loads(done.stdout)
        assert len([row for row in rows if row["name"].startswith("p0")]) == 20_000
        assert rows[-1]["source"] == "bundled"  # translations come last


class TestUnreadablePaths:
    """A folder or file that cannot be read is a PackError naming it, never a traceback."""

    @staticmethod
    def _refuse(monkeypatch: pytest.MonkeyPatch, method: str, target: Path) -> None:
        """Make ``Path.<method>`` raise PermissionError for ``target``, as chmod would."""
        real = getattr(Path, method)

        def refusing(self: Path) -> bool:
            if self == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return bool(real(self))

        monkeypatch.setattr(Path, method, refusing)

    def test_entry_that_cannot_be_looked_at(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An entry of a folder that may be listed but not searched: the entry is named."""
        entry = _write(tmp_path, "a.toml", "a")
        self._refuse(monkeypatch, "is_file", entry)
        for load in (pack_files, load_packs, lambda path: bank_with([path])):
            with pytest.raises(PackError) as info:
                load(tmp_path)
            assert str(info.value) == f"{entry}: cannot be read: Permission denied"

    def test_path_that_cannot_be_looked_at(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A --pack path in a folder that cannot be searched: the path is named."""
        path = tmp_path / "packs"
        self._refuse(monkeypatch, "is_dir", path)
        with pytest.raises(PackError) as info:
            expand_paths([path])
        assert str(info.value) == f"{path}: cannot be read: Permission denied"

    def test_missing_path_without_suffix_cannot_be_checked(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Whether a path exists cannot be told: it cannot be read, rather than a traceback."""
        path = tmp_path / "packs"
        self._refuse(monkeypatch, "exists", path)
        with pytest.raises(PackError, match=r"packs: cannot be read: Permission denied$"):
            intimacy.load_pack(path)

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() == 0,
        reason="chmod does not stop root (the monkeypatched tests above cover this everywhere)",
    )
    def test_real_permissions(self, tmp_path: Path, cli: Callable[..., Result]) -> None:
        """Real chmod: a folder without search or read permission, through --pack."""
        folder = tmp_path / "locked"
        folder.mkdir()
        _write(folder, "a.toml", "a")
        try:
            folder.chmod(0o600)  # may be listed, not searched
            listed = cli("list", "packs", "--pack", str(folder))
            folder.chmod(0o000)
            closed = cli("list", "packs", "--pack", str(folder))
            inside = cli("list", "packs", "--pack", str(folder / "a.toml"))
        finally:
            folder.chmod(0o755)
        assert listed.code == closed.code == inside.code == EXIT_BAD_INPUT
        assert listed.err == f"intimacy: {folder / 'a.toml'}: cannot be read: Permission denied\n"
        assert closed.err.startswith(f"intimacy: {folder}: cannot be read as a folder of packs")
        assert inside.err == f"intimacy: {folder / 'a.toml'}: cannot be read: Permission denied\n"

    def test_missing_folder_is_said_to_be_missing(
        self, tmp_path: Path, cli: Callable[..., Result]
    ) -> None:
        """--pack with a folder that is not there says so, not "not a pack file"."""
        missing = tmp_path / "packs"
        result = cli("random", "--pack", str(missing))
        assert result.code == EXIT_BAD_INPUT
        assert result.err == (
            f"intimacy: {missing}: does not exist (neither a pack file nor a folder of packs)\n"
        )

    def test_empty_pack_path_is_ignored(
        self, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--pack "" and an empty INTIMACY_PACKS entry never load the current folder."""
        (tmp_path / "broken.toml").write_text("not = [valid", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert cli("random", "--pack", "", "--seed", "1").code == EXIT_OK
        monkeypatch.setenv("INTIMACY_PACKS", os.pathsep)
        assert cli("random", "--seed", "1").code == EXIT_OK
        assert expand_paths([""]) == ()
        assert cli("random", "--pack", ".").code == EXIT_BAD_INPUT  # "." is asked for


#: File names an attacker may put in an uploaded folder.
HOSTILE_NAMES = [
    pytest.param("red\x1b[31m.toml", id="escape"),
    pytest.param("two\nlines.toml", id="newline"),
    pytest.param("back\u202eward.toml", id="bidi"),
    pytest.param("bell\x07.json", id="bell"),
]


class TestFileNames:
    """File names found in a folder are shown quoted when they hold unprintable characters."""

    def test_shown_path(self) -> None:
        """Ordinary names are unchanged; others are shown as a Python string literal."""
        assert shown_path("packs/our pack.toml") == "packs/our pack.toml"
        assert shown_path(Path("a\x1bb.toml")) == "'a\\x1bb.toml'"
        assert shown_path("x\udcff.toml") == "'x\\udcff.toml'"  # undecodable bytes

    @pytest.mark.parametrize("name", HOSTILE_NAMES)
    def test_problems_quote_the_name(
        self, tmp_path: Path, cli: Callable[..., Result], name: str
    ) -> None:
        """A broken pack with a hostile name: one line per problem, no raw control character."""
        (tmp_path / name).write_text("[pack]\nname = 5\n", encoding="utf-8")
        result = cli("random", "--pack", str(tmp_path))
        assert result.code == EXIT_BAD_INPUT
        assert all(char.isprintable() for char in result.err.replace("\n", ""))
        assert repr(str(tmp_path / name)) in result.err
        with pytest.raises(PackError) as info:
            load_packs(tmp_path)
        assert result.err.count("\n") == len(info.value.problems)

    @pytest.mark.parametrize("name", HOSTILE_NAMES)
    def test_sources_quote_the_name(
        self, tmp_path: Path, cli: Callable[..., Result], name: str
    ) -> None:
        """A good pack with a hostile name: list packs shows its source quoted, on one line."""
        _write(tmp_path, name, "odd")
        result = cli("list", "packs", "--pack", str(tmp_path))
        assert result.code == EXIT_OK
        (line,) = [line for line in result.out.splitlines() if line.startswith("odd\t")]
        assert line.endswith("\t" + repr(str(tmp_path / name)) + "\t")


class TestSeeds:
    """Only ``-?[0-9]+`` in ASCII is an int seed; huge ones are refused clearly."""

    @pytest.mark.parametrize(
        ("text", "seed"),
        [
            ("12", 12),
            ("-7", -7),
            ("007", 7),
            ("1_2", "1_2"),
            (" 12", " 12"),
            ("12 ", "12 "),
            ("\u0661\u0662", "\u0661\u0662"),  # Arabic-Indic digits
            ("\xb2", "\xb2"),  # a superscript two, which isdigit() accepts
            ("+12", "+12"),
            ("12\n", "12\n"),
            ("", ""),
        ],
    )
    def test_int_only_for_ascii_whole_numbers(self, text: str, seed: int | str) -> None:
        """The documented rule, on the edge cases int() accepts."""
        assert _seed(text) == seed
        assert type(_seed(text)) is type(seed)

    def test_cli_uses_the_string_seed(self, cli: Callable[..., Result]) -> None:
        """--seed 1_2 picks what the library picks for the string "1_2"."""
        for text in ("1_2", " 12", "\u0661\u0662"):
            data = cli("random", "--seed", text, "--json").json()
            assert data["id"] == intimacy.random_prompt(seed=text).id

    def test_longest_int_seed(self, cli: Callable[..., Result]) -> None:
        """A whole number of MAX_SEED_DIGITS digits is still an int seed."""
        text = "9" * MAX_SEED_DIGITS
        data = cli("random", "--seed", text, "--json").json()
        assert data["id"] == intimacy.random_prompt(seed=int(text)).id

    @pytest.mark.parametrize("sign", ["", "-"])
    def test_huge_seed_is_refused(self, cli: Callable[..., Result], sign: str) -> None:
        """A 5,000-digit seed: one line, exit 2, and no advice about set_int_max_str_digits."""
        result = cli("random", "--seed", sign + "1" * 5000)
        assert result.code == EXIT_BAD_INPUT
        assert result.err.count("\n") == 1
        assert "at most 4,300 digits" in result.err
        assert "sys.set_int_max_str_digits" not in result.err
        assert len(result.err) < 300  # the seed is not echoed back

    @pytest.mark.parametrize(
        "seed",
        [
            pytest.param(10**5000, id="5001-digits"),
            pytest.param(-(10**MAX_SEED_DIGITS), id="minus-4301-digits"),
        ],
    )
    def test_library_refuses_huge_int_seeds(self, seed: int) -> None:
        """The library refuses an int seed of more than 4,300 digits with a ValidationError."""
        for call in (
            lambda: intimacy.random_prompt(seed=seed),
            lambda: intimacy.plan(30, seed=seed),
            lambda: intimacy.Deck(intimacy.default_bank(), seed=seed),
        ):
            with pytest.raises(ValidationError, match="at most 4,300 digits") as info:
                call()
            assert "set_int_max_str_digits" not in str(info.value)
        assert intimacy.random_prompt(seed=10**MAX_SEED_DIGITS - 1)


class _FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


class TestOutputFails:
    """A full disk or a closed stdout: one line on stderr and exit 2; a broken pipe stays quiet."""

    def test_full_stream(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Writing fails with ENOSPC: exit 2 and one line naming standard output."""
        monkeypatch.setattr(sys, "stdout", _FullDisk())
        assert main(["random", "--seed", "1"]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert err == "intimacy: cannot write to standard output: No space left on device\n"

    def test_other_file_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An OSError naming a file (not expected) still gives one line naming it, exit 2."""
        from intimacy.cli import commands

        def failing(_: object) -> int:
            raise OSError(errno.EIO, "Input/output error", "some\nfile")

        monkeypatch.setitem(commands._COMMANDS, "schema", failing)
        assert main(["schema"]) == EXIT_BAD_INPUT
        assert capsys.readouterr().err == "intimacy: 'some\\nfile': Input/output error\n"

    def test_closed_stdout(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Started without a stdout (sys.stdout is None): exit 2 before doing anything."""
        monkeypatch.setattr(sys, "stdout", None)
        assert main(["random"]) == EXIT_BAD_INPUT
        assert (
            capsys.readouterr().err == "intimacy: cannot write to standard output: it is closed\n"
        )

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux's")
    @pytest.mark.parametrize(
        "argv", [["export"], ["random", "--json"], ["export", "--format", "html", "--out", "-"]]
    )
    def test_dev_full(self, argv: list[str]) -> None:
        """`intimacy export > /dev/full` in a real process: one line, exit 2, no traceback."""
        script = [sys.executable, "-m", "intimacy", *argv]
        with Path("/dev/full").open("w", encoding="utf-8") as full:
            done = subprocess.run(
                script,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
                env=_env(PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src")),
                timeout=120,
            )
        assert done.returncode == EXIT_BAD_INPUT
        assert done.stderr == "intimacy: cannot write to standard output: No space left on device\n"

    @pytest.mark.skipif(SHELL is None, reason="needs a POSIX shell")
    @pytest.mark.parametrize("argv", ["random", "export --format json", "--version"])
    def test_closed_stdout_in_a_process(self, argv: str) -> None:
        """`intimacy random >&-`: one line, exit 2, no traceback."""
        done = subprocess.run(
            [str(SHELL), "-c", f'"$0" -m intimacy {argv} >&-', sys.executable],
            capture_output=True,
            text=True,
            check=False,
            env=_env(PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src")),
            timeout=120,
        )
        assert done.returncode == EXIT_BAD_INPUT
        assert done.stderr == "intimacy: cannot write to standard output: it is closed\n"
