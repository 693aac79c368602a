"""The package's layout: folders by concern, each importing only downward, and no import cycle.

The layers, from the bottom: ``model`` (vocabulary, models, checks, plain data, errors),
``packs`` (pack files, schema, plugins), ``bank`` (the bank and selection), ``sessions`` (deck,
daily, plan, runner), ``authoring`` (linter, catalogue, exports) and ``cli``; the top-level
modules (``intimacy``, ``intimacy.testing``) sit above them all. A module may import its own
layer and those below; a layer never reaches up at import time. A few functions import a higher
layer when they run (the ``Bank`` methods that front the sessions): they are listed below, so a
new one is a decision, not an accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import intimacy

PACKAGE = Path(intimacy.__file__).parent
LAYERS = ("model", "packs", "bank", "sessions", "authoring", "cli")
#: Imports inside functions that reach up on purpose, (importer, imported): the ``Bank`` methods
#: that front the sessions, and the models' ``to_dict``/``from_dict``, which front the converter
#: that builds the models. Any other import inside a function counts as if it were at the top.
LAZY_UPWARD = {
    ("intimacy.bank.bank", "intimacy.sessions.daily"),
    ("intimacy.bank.bank", "intimacy.sessions.plan"),
    ("intimacy.model.plain", "intimacy.model.convert"),
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    if len(parts) == 2 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return len(LAYERS)  # intimacy, intimacy.testing, intimacy.__main__


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """The intimacy modules ``path`` imports at module level, and inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    lazy: set[str] = set()

    def names(node: ast.AST) -> set[str]:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("intimacy"):
            found = {node.module}
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
            return found
        if isinstance(node, ast.Import):
            return {a.name for a in node.names if a.name.startswith("intimacy")}
        return set()

    def walk(node: ast.AST, inside: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                walk(child, inside, True)
                continue
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                walk(child, True, type_only)
                continue
            if not type_only:
                (lazy if inside else top).update(names(child))
            walk(child, inside, type_only)

    walk(tree, False, False)
    return top, lazy


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _known(found: set[str]) -> set[str]:
    return {name for name in found if name in MODULES}


def test_every_module_is_in_a_layer() -> None:
    """Every module but the public face (and the data folder's marker) is in a layer folder."""
    loose = sorted(m for m in MODULES if _layer(m) == len(LAYERS))
    assert loose == ["intimacy", "intimacy.__main__", "intimacy.data", "intimacy.testing"]


@pytest.mark.parametrize("module", sorted(MODULES), ids=str)
def test_imports_go_down(module: str) -> None:
    """A module imports only its own layer and the layers below it, except listed lazy ones."""
    top, lazy = _imports(MODULES[module])
    upward = sorted(name for name in _known(top) if _layer(name) > _layer(module))
    assert upward == []
    lazy_up = {name for name in _known(lazy) if _layer(name) > _layer(module)}
    assert sorted(lazy_up - {b for a, b in LAZY_UPWARD if a == module}) == []


def test_no_import_cycle() -> None:
    """No two modules import each other, directly or round a longer loop, at any time.

    Imports inside functions count too, except the few listed in ``LAZY_UPWARD``.
    """
    graph = {}
    for module, path in MODULES.items():
        top, lazy = _imports(path)
        allowed = {b for a, b in LAZY_UPWARD if a == module}
        graph[module] = _known(top | (lazy - allowed)) - {module}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend([*path, node, nxt])
                return True
            if nxt not in state and visit(nxt, [*path, node]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in state and visit(start, []):
            break
    assert cycle == []


def test_the_walk_sees_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    """The checks can fail: an upward import and a function-level import are told apart."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from intimacy.cli import main\n"
        "def f():\n    from intimacy.sessions.deck import Deck\n"
        "if TYPE_CHECKING:\n    from intimacy.authoring.lint import lint\n",
        encoding="utf-8",
    )
    top, lazy = _imports(sample)
    assert "intimacy.cli" in top
    assert "intimacy.sessions.deck" in lazy
    assert "intimacy.authoring.lint" not in top | lazy
