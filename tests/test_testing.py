"""Tests of the helpers for an app's tests: the strategies, the import guard, the pytest plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

import intimacy
from intimacy import Bank, Deck, Pack, Prompt
from intimacy.model.placeholders import PLACEHOLDERS, placeholder_problems, placeholders_in
from intimacy.testing import filters, prompts, sample_pack, texts

if TYPE_CHECKING:
    import pytest

SOURCE = str(Path(intimacy.__file__).parents[1])
# Makes `import hypothesis` fail as it does where hypothesis is not installed.
BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "hypothesis" or name.startswith("hypothesis."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Block())
"""


def run_without_hypothesis(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter where hypothesis cannot be imported."""
    env = {**os.environ, "PYTHONPATH": SOURCE}
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


class TestWithoutHypothesis:
    def test_import_says_to_install_the_extra(self) -> None:
        """`import intimacy.testing` without hypothesis is an ImportError naming the extra."""
        done = run_without_hypothesis("import intimacy.testing")
        assert done.returncode == 1
        assert "ImportError: intimacy.testing needs hypothesis" in done.stderr
        assert "pip install 'intimacy[testing]'" in done.stderr

    def test_plugin_and_library_work(self) -> None:
        """The plugin imports neither hypothesis nor intimacy; the library needs no hypothesis."""
        done = run_without_hypothesis(
            """
            import _intimacy_pytest
            assert "intimacy" not in sys.modules and "hypothesis" not in sys.modules
            import intimacy
            print(intimacy.Deck(intimacy.default_bank(), seed=1).draw().id)
            """
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("core/")


class TestStrategies:
    @given(data=st.data())
    def test_filters_always_match(self, intimacy_bank: Bank, data: st.DataObject) -> None:
        """Every filter set drawn for a bank keeps at least one of its prompts and exercises."""
        assert intimacy_bank.prompts(**data.draw(filters(intimacy_bank)))
        assert intimacy_bank.exercises(**data.draw(filters(intimacy_bank, "exercise")))

    @settings(max_examples=30)
    @given(data=st.data())
    def test_filters_match_on_the_bundled_bank(self, bank: Bank, data: st.DataObject) -> None:
        """The strategy works on a big bank too, and its draws feed a deck."""
        found = data.draw(filters(bank))
        assert len(Deck(bank, seed=1, **found)) > 0

    @given(text=texts(placeholders=True))
    def test_texts_with_placeholders(self, text: str) -> None:
        """Texts drawn with placeholders use only known ones, and not always none."""
        assert placeholders_in(text) <= PLACEHOLDERS.keys()
        assert text.strip()

    def test_placeholders_do_appear(self) -> None:
        """Some drawn texts hold a placeholder (the strategy is not plain text in disguise)."""
        seen: list[str] = []

        @settings(max_examples=200)
        @given(texts(placeholders=True))
        def collect(text: str) -> None:
            seen.append(text)

        collect()
        assert any(placeholders_in(text) for text in seen)

    @given(found=st.lists(prompts("mine", placeholders=True), max_size=4, unique_by=lambda p: p.id))
    def test_prompts_with_placeholders_make_a_loadable_pack(self, found: list[Prompt]) -> None:
        """A pack of prompts drawn with placeholders passes the pack's placeholder check."""
        pack = Pack(name="mine", version="1", title="Mine", prompts=found)
        assert placeholder_problems(pack) == []
        assert intimacy.loads_pack(intimacy.dumps_pack(pack, "json"), "json") == pack

    def test_sample_pack_is_fixed(self) -> None:
        """The sample pack's ids are what the docs promise."""
        pack = sample_pack()
        assert [p.id for p in pack.prompts][:2] == ["sample/best-part", "sample/slow-sunday"]
        assert [e.id for e in pack.exercises] == [
            "sample/kindness-swap",
            "sample/hard-conversation",
        ]
        assert placeholder_problems(pack) == []


class TestPlugin:
    def test_fixtures(self, intimacy_bank: Bank, intimacy_deck: Deck[Prompt]) -> None:
        """The plugin's bank is the sample pack, and its deck is seeded over it."""
        assert [p.id for p in intimacy_bank.prompts()] == sorted(
            p.id for p in sample_pack().prompts
        )
        assert intimacy_deck.seed == "intimacy"
        again = Deck(intimacy_bank, seed="intimacy")
        assert [intimacy_deck.draw() for _ in range(12)] == [again.draw() for _ in range(12)]

    def test_in_an_apps_test_suite(
        self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An app's tests get the fixtures, and may override the seed in their conftest."""
        monkeypatch.setenv("PYTHONPATH", SOURCE)  # this tree's intimacy, from any directory
        pytester.makeconftest(
            """
            import pytest

            @pytest.fixture
            def intimacy_seed():
                return 42
            """
        )
        pytester.makepyfile(
            """
            from intimacy import Deck

            def test_deck(intimacy_deck, intimacy_bank):
                assert intimacy_deck.seed == 42
                first = intimacy_deck.draw()
                assert first == Deck(intimacy_bank, seed=42).draw()
                assert len(intimacy_bank.prompts()) == 10
            """
        )
        result = pytester.runpytest_subprocess("-p", "_intimacy_pytest", "-p", "no:cov")
        result.assert_outcomes(passed=1)

    def test_entry_point_is_declared(self) -> None:
        """pyproject.toml declares the plugin under pytest11, named after its module."""
        import tomllib

        text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
        points = tomllib.loads(text)["project"]["entry-points"]["pytest11"]
        assert points == {"_intimacy_pytest": "_intimacy_pytest"}
