"""The lazy public face: ``import intimacy`` imports nothing heavy; each name loads on first use."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import intimacy


def _run(code: str) -> object:
    """What a fresh interpreter prints (as JSON) after running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


class TestImport:
    def test_imports_nothing_but_itself(self) -> None:
        """``import intimacy`` loads no other module: no attrs, no cattrs, no json, no data."""
        code = (
            "import sys, json; before = set(sys.modules); import intimacy; "
            "print(json.dumps(sorted(set(sys.modules) - before)))"
        )
        found = _run(code)
        assert isinstance(found, list)
        assert set(found) <= {"intimacy", "__future__"}

    def test_the_vocabulary_needs_no_attrs(self) -> None:
        """Practices, moods and depths parse (aliases too) without importing attrs or cattrs."""
        code = (
            "import sys, json, intimacy; "
            "found = [intimacy.Practice.parse('Empathy'), intimacy.Mood.parse('angry'), "
            "intimacy.Depth.parse('deep'), intimacy.Topic.parse('money'), intimacy.Role.BOTH]; "
            "print(json.dumps([found, 'attrs' in sys.modules, 'cattrs' in sys.modules]))"
        )
        assert _run(code) == [["empathy", "tense", 3, "money", "both"], False, False]

    def test_a_bad_name_still_fails_with_its_error(self) -> None:
        """The errors load on the failure path: an unknown mood names the closest one."""
        with pytest.raises(intimacy.UnknownNameError, match="did you mean 'calm'"):
            intimacy.Mood.parse("clam")
        with pytest.raises(intimacy.UnknownNameError, match="did you mean 'deep'"):
            intimacy.Depth.parse("dep")


def _checked_names() -> set[tuple[str, str]]:
    """The (module, name) pairs that ``intimacy/__init__.py`` imports for type checkers."""
    tree = ast.parse(Path(intimacy.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    return {
        (node.module or "", alias.name)
        for node in block.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("intimacy")
        for alias in node.names
    }


class TestNames:
    @pytest.mark.parametrize("name", intimacy.__all__)
    def test_every_public_name_resolves_to_its_module(self, name: str) -> None:
        """Each name in ``__all__`` is the object its module defines."""
        module = sys.modules.get(intimacy._LAZY[name]) or __import__(
            intimacy._LAZY[name], fromlist=["_"]
        )
        assert getattr(intimacy, name) is getattr(module, name)

    def test_type_checkers_see_every_lazy_name(self) -> None:
        """The imports for type checkers, the lazy map and ``__all__`` name the same things."""
        assert _checked_names() == {(module, name) for name, module in intimacy._LAZY.items()}
        assert set(intimacy._LAZY) == set(intimacy.__all__)
        assert intimacy.__all__ == sorted(intimacy.__all__, key=lambda n: (not n.isupper(), n))

    def test_dir_lists_every_public_name(self) -> None:
        """``dir(intimacy)`` shows every public name and the version, loaded or not."""
        assert {*intimacy.__all__, "__version__"} <= set(dir(intimacy))

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        """A name the package does not have raises AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="no attribute 'Prompts'"):
            _ = intimacy.Prompts
