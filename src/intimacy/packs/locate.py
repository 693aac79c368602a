r"""Finding the lines of paths such as ``prompts[3].moods[1]`` in a pack file's text.

Used only when a pack has problems, so that ``intimacy validate`` can point at the line to fix.
Neither :mod:`json` nor :mod:`tomllib` reports positions, so this reads the text again, once for
all of a file's problems: JSON with a small tokenizer, TOML by its table headers and keys. It
assumes the text already parsed. Lines are counted as both formats count them: only ``\\n``
ends a line (not U+2028, U+2029 or U+0085, which :meth:`str.splitlines` would also split at).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from intimacy.model.errors import join_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["line_of", "lines_of"]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)
_TOML_LINE = re.compile(
    r"^[ \t]*(?:\[\[[ \t]*([A-Za-z0-9_.\-]+)[ \t]*\]\]|\[[ \t]*([A-Za-z0-9_.\-]+)[ \t]*\]"
    r"|([A-Za-z0-9_\-]+)[ \t]*=)",
    re.MULTILINE,
)
#: The last step of a path: an index, a quoted key (``['a b']``) or a plain key.
_LAST = re.compile(r"""(?:\[(?:\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]|\.?[^.\[]*)$""")


def _parents(path: str) -> Iterator[str]:
    """``path``, then each path it is written inside, ending with the whole file (``""``)."""
    while path:
        yield path
        path = path[: _LAST.search(path).start()]  # type: ignore[union-attr] # always matches
    yield ""


class _Frame:
    """An open JSON object or array: its path, and the key or index being read."""

    __slots__ = ("is_array", "key", "path")

    def __init__(self, path: str, *, is_array: bool) -> None:
        self.path = path
        self.is_array = is_array
        self.key: str | int = 0 if is_array else ""


class _Wanted:
    """The paths to find, and which of them can still be found further on in a JSON text.

    A problem's path is settled once it is found, once a parent of it turns out to be a plain
    value, or once the deepest parent found so far (an object or array) closes: after that,
    nothing further on in the text can be written inside it.
    """

    def __init__(self, paths: Iterable[str]) -> None:
        self.below: dict[str, list[str]] = {}
        self.waiting: dict[str, str] = {}  # problem path -> the container whose end settles it
        for path in paths:
            self.waiting[path] = ""
            for parent in _parents(path):
                self.below.setdefault(parent, []).append(path)
        self.closing: dict[str, set[str]] = {"": set(self.waiting)}

    def found(self, path: str, *, container: bool) -> None:
        for problem in self.below.get(path, ()):
            if problem not in self.waiting:
                continue
            self.closing[self.waiting.pop(problem)].discard(problem)
            if container and problem != path:
                self.waiting[problem] = path
                self.closing.setdefault(path, set()).add(problem)

    def closed(self, path: str) -> None:
        for problem in self.closing.pop(path, ()):
            del self.waiting[problem]


def _json_lines(text: str, paths: Iterable[str]) -> dict[str, int]:
    """The line of each key and value that is one of ``paths`` or a parent of one."""
    import json  # noqa: PLC0415 - import intimacy does not import json

    lines: dict[str, int] = {}
    wanted = _Wanted(paths)
    stack: list[_Frame] = []
    expecting_key = False
    line, last = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        piece = match.group()
        top = stack[-1] if stack else None
        if top is not None and not top.is_array and expecting_key and piece.startswith('"'):
            top.key = str(json.loads(piece))
            path = join_path(top.path, top.key)
            if path in wanted.below:
                lines.setdefault(path, line)
            expecting_key = False
        elif piece == ",":
            if top is not None and top.is_array:
                top.key = int(top.key) + 1
            else:
                expecting_key = True
        elif piece in "}]":
            wanted.closed(stack.pop().path)
            if not wanted.waiting:
                break
        elif piece != ":":
            path = "" if top is None else join_path(top.path, top.key)
            is_container = piece in "{["
            if path in wanted.below:
                lines.setdefault(path, line)
                wanted.found(path, container=is_container)
            if is_container:
                stack.append(_Frame(path, is_array=piece == "["))
                expecting_key = piece == "{"
    return lines


def _toml_lines(text: str) -> dict[str, int]:
    """The line of every table header and key, by path (inline values share their key's)."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    current = ""
    number, last = 1, 0
    for match in _TOML_LINE.finditer(text):
        number += text.count("\n", last, match.start())
        last = match.start()
        array, table, key = match.groups()
        if array is not None:
            base = ""
            *parents, name = array.split(".")
            for part in parents:
                base = join_path(base, part)
                if base in counts:
                    base = join_path(base, counts[base] - 1)
            base = join_path(base, name)
            counts[base] = counts.get(base, 0) + 1
            current = join_path(base, counts[base] - 1)
            lines[current] = number
        elif table is not None:
            current = table
            lines.setdefault(current, number)
        else:
            lines.setdefault(join_path(current, key), number)
    return lines


def lines_of(text: str, fmt: Literal["toml", "json"], paths: Iterable[str]) -> dict[str, int]:
    """The line where each path is written in ``text``, or its nearest written parent's.

    The text is read once for all the paths. A path that has no line (the whole file, or a
    place in a TOML inline table without a written parent) is left out.
    """
    paths = list(paths)
    found = _json_lines(text, paths) if fmt == "json" else _toml_lines(text)
    result: dict[str, int] = {}
    for path in paths:
        for parent in _parents(path):
            if parent and parent in found:
                result[path] = found[parent]
                break
    return result


def line_of(text: str, fmt: Literal["toml", "json"], path: str) -> int | None:
    """The line of one path (see :func:`lines_of`; for many paths, call that once)."""
    return lines_of(text, fmt, [path]).get(path)
