"""Plugin packs, proven end to end with two real distributions that CI installs with pip
(tests/plugins/sample-pack and tests/plugins/broken-pack)."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import intimacy
from intimacy import InstalledPack, PluginWarning, installed_packs
from intimacy.cli import main

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.filterwarnings("ignore::intimacy.PluginWarning")


class TestInstalledPacks:
    def test_sample_plugin_is_found(self) -> None:
        """The installed sample distribution's pack is discovered, with where it came from."""
        found = {p.pack.name: p for p in installed_packs()}
        sample = found["sample"]
        assert isinstance(sample, InstalledPack)
        assert sample.distribution == "intimacy-sample-pack"
        assert sample.version == "1.2.0"
        assert sample.source.startswith("plugin intimacy-sample-pack 1.2.0 (")
        assert sample.pack.prompts[0].id == "sample/kitchen-dance"

    def test_broken_plugins_warn_and_are_skipped(self) -> None:
        """A plugin with a bad pack, or naming no package, is skipped with a clear warning."""
        with pytest.warns(PluginWarning) as caught:
            found = installed_packs()
        messages = [str(w.message) for w in caught]
        assert any(
            "'broken' from intimacy-broken-pack 0.0.1" in m and "'sleepy' is not a mood" in m
            for m in messages
        )
        assert any(
            "'missing' from intimacy-broken-pack" in m and "not an installed package" in m
            for m in messages
        )
        assert "broken" not in {p.pack.name for p in found}

    def test_discovery_is_sorted_and_repeatable(self) -> None:
        """Two discoveries give the same packs in the same order."""
        assert installed_packs() == installed_packs()

    def test_environment_turns_discovery_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """INTIMACY_NO_PLUGINS=1 finds nothing, without touching any plugin."""
        monkeypatch.setenv("INTIMACY_NO_PLUGINS", "1")
        assert installed_packs() == ()
        assert intimacy.default_bank(plugins=True) is intimacy.default_bank()

    def test_import_does_not_discover(self) -> None:
        """import intimacy neither reads entry points nor parses data."""
        code = (
            "import sys, intimacy; print('importlib.metadata' in sys.modules,"
            " 'intimacy.packs.plugins' in sys.modules, 'cattrs' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out[1:] == ["False", "False"]


class TestDefaultBankWithPlugins:
    def test_plugins_join_the_bank(self) -> None:
        """default_bank(plugins=True) holds the bundled packs and the plugin's."""
        bank = intimacy.default_bank(plugins=True)
        assert [p.name for p in bank.packs][:1] == ["core"]
        assert "sample/kitchen-dance" in bank
        assert bank.source("core") == "bundled"
        assert bank.source("sample").startswith("plugin intimacy-sample-pack")
        assert "sample/kitchen-dance" not in intimacy.default_bank()

    def test_cli_lists_where_packs_came_from(self, capsys: pytest.CaptureFixture[str]) -> None:
        """intimacy list packs --plugins shows each pack's source; warnings are one line each."""
        assert main(["list", "packs", "--plugins"]) == 0
        captured = capsys.readouterr()
        assert "bundled" in captured.out
        assert "plugin intimacy-sample-pack 1.2.0" in captured.out
        warnings = [line for line in captured.err.splitlines() if line]
        assert warnings
        assert all(line.startswith("intimacy: warning: skipped") for line in warnings)

    def test_plugin_prompt_via_cli(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A plugin's prompt can be shown by id once plugins are asked for."""
        assert main(["show", "sample/kitchen-dance"]) == 1
        capsys.readouterr()
        assert main(["show", "sample/kitchen-dance", "--plugins"]) == 0
        assert "dancing in the kitchen" in capsys.readouterr().out


class TestPackPaths:
    def test_folder_and_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--pack takes a folder, and INTIMACY_PACKS adds packs to every command."""
        folder = tmp_path / "packs"
        folder.mkdir()
        for name in ("one", "two"):
            (folder / f"{name}.toml").write_text(intimacy_starter(name), encoding="utf-8")
        assert main(["list", "packs", "--pack", str(folder)]) == 0
        out = capsys.readouterr().out
        assert "one" in out
        assert str(folder / "two.toml") in out
        monkeypatch.setenv("INTIMACY_PACKS", str(folder / "one.toml"))
        assert main(["show", "one/two-good-things"]) == 0

    def test_name_clash_needs_replace(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A pack named like a bundled one is refused unless --replace is given."""
        file = tmp_path / "core.toml"
        file.write_text(intimacy_starter("core"), encoding="utf-8")
        assert main(["list", "packs", "--pack", str(file)]) == 2
        assert (
            "a pack named 'core' is already in the bank (from bundled)" in capsys.readouterr().err
        )
        assert main(["list", "packs", "--pack", str(file), "--replace", "--json"]) == 0
        assert '"prompts": 1' in capsys.readouterr().out


def intimacy_starter(name: str) -> str:
    from intimacy.authoring.starter import starter_pack

    return starter_pack(name)
