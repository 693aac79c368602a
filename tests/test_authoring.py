"""Authoring tools: the starter pack, line numbers in problems, and safe writes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

from intimacy import OutputError, Pack, ValidationError, dumps_pack, load_pack
from intimacy.authoring.starter import starter_pack
from intimacy.cli import main
from intimacy.packs.locate import line_of
from intimacy.packs.output import write_text
from intimacy.testing import packs

if TYPE_CHECKING:
    from pathlib import Path


class TestNewPack:
    def test_writes_a_pack_that_validates(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """new-pack writes NAME.toml, readable by everyone, which loads and has both kinds."""
        monkeypatch.chdir(tmp_path)
        assert main(["new-pack", "our-pack"]) == 0
        assert "wrote our-pack.toml" in capsys.readouterr().out
        pack = load_pack(tmp_path / "our-pack.toml")
        assert pack.name == "our-pack"
        assert len(pack.prompts) == 1
        assert len(pack.exercises) == 1
        assert (tmp_path / "our-pack.toml").stat().st_mode & 0o777 == 0o644
        assert main(["validate", "our-pack.toml"]) == 0

    def test_never_overwrites_by_surprise(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An existing file is kept unless --force is given."""
        target = tmp_path / "mine.toml"
        target.write_text("keep me", encoding="utf-8")
        assert main(["new-pack", "mine", "--out", str(target)]) == 2
        assert "already exists" in capsys.readouterr().err
        assert target.read_text(encoding="utf-8") == "keep me"
        assert main(["new-pack", "mine", "--out", str(target), "--force"]) == 0
        assert load_pack(target).name == "mine"

    def test_stdout_and_bad_names(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--out - prints the pack; a bad name is refused with the rule."""
        assert main(["new-pack", "ours", "--out", "-"]) == 0
        assert 'name = "ours"' in capsys.readouterr().out
        assert main(["new-pack", "Our Pack"]) == 2
        assert "is not a pack name" in capsys.readouterr().err
        with pytest.raises(ValidationError):
            starter_pack("-bad-")

    def test_lints_clean(self, tmp_path: Path) -> None:
        """The starter pack passes the content linter with no findings."""
        lint = pytest.importorskip("intimacy.authoring.lint")
        file = tmp_path / "ours.toml"
        file.write_text(starter_pack("ours"), encoding="utf-8")
        assert main(["lint", str(file)]) == 0
        assert lint is not None


class TestWriteText:
    def test_missing_folder(self, tmp_path: Path) -> None:
        """Writing into a missing folder is an OutputError naming the file; nothing is left."""
        with pytest.raises(OutputError, match="cannot write here") as info:
            write_text(tmp_path / "nope" / "x.txt", "hi")
        assert isinstance(info.value, OSError)
        assert not (tmp_path / "nope").exists()

    def test_overwrite_keeps_mode(self, tmp_path: Path) -> None:
        """Overwriting replaces the content whole and keeps the old file's mode."""
        target = tmp_path / "x.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o600)
        write_text(target, "new", overwrite=True)
        assert target.read_text(encoding="utf-8") == "new"
        assert target.stat().st_mode & 0o777 == 0o600
        assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


class TestLines:
    @given(packs(6))
    def test_every_item_id_is_found_on_its_line(self, pack: Pack) -> None:
        """In TOML and JSON written by dumps_pack, each item's id path points at its id line."""
        for fmt in ("toml", "json"):
            text = dumps_pack(pack, fmt)
            lines = text.splitlines()
            ids = [("prompts", i, p.id) for i, p in enumerate(pack.prompts)]
            ids += [("exercises", i, e.id) for i, e in enumerate(pack.exercises)]
            for kind, index, item_id in ids:
                line = line_of(text, fmt, f"{kind}[{index}].id")
                assert line is not None
                assert json.dumps(item_id) in lines[line - 1]

    def test_nearest_parent(self) -> None:
        """A path with no line of its own gets its nearest written parent's line."""
        text = '{\n "pack": {\n  "name": "x"\n },\n "prompts": [\n  {"moods": ["a",\n "b"]}\n ]\n}'
        assert line_of(text, "json", "prompts[0].moods[1]") == 7
        assert line_of(text, "json", "prompts[0].text") == 6
        assert line_of(text, "json", "nowhere") is None
        toml = "[pack]\nname = 'x'\n\n[[exercises]]\nid = 'a'\n\n[[exercises.steps]]\ntext = 'b'\n"
        assert line_of(toml, "toml", "exercises[0].steps[0].text") == 8
        assert line_of(toml, "toml", "exercises[0].steps[0].minutes") == 7
        assert line_of(toml, "toml", "pack.title") == 1
