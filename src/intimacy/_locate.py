"""Finding the line of a path such as ``prompts[3].moods[1]`` in a pack file's text.

Used only when a pack has problems, so that ``intimacy validate`` can point at the line to fix.
Neither :mod:`json` nor :mod:`tomllib` reports positions, so this reads the text again: JSON with
a small tokenizer, TOML by its table headers and keys. It assumes the text already parsed.
"""

from __future__ import annotations

import json
import re
from typing import Literal

__all__ = ["line_of"]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)
_TOML_ARRAY = re.compile(r"\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_TOML_TABLE = re.compile(r"\[\s*([A-Za-z0-9_.\-]+)\s*\]")
_TOML_KEY = re.compile(r"([A-Za-z0-9_\-]+)\s*=")
_INDEX = re.compile(r"\[\d+\]$")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Frame:
    """An open JSON object or array: its path, and the key or index being read."""

    __slots__ = ("is_array", "key", "path")

    def __init__(self, path: str, *, is_array: bool) -> None:
        self.path = path
        self.is_array = is_array
        self.key: str | int = 0 if is_array else ""


def _json_lines(text: str) -> dict[str, int]:
    """The line of every key and value, by path."""
    lines: dict[str, int] = {}
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
            lines.setdefault(_join(top.path, top.key), line)
            expecting_key = False
        elif piece == ",":
            if top is not None and top.is_array:
                top.key = int(top.key) + 1
            else:
                expecting_key = True
        elif piece in "}]":
            stack.pop()
        elif piece != ":":
            path = "" if top is None else _join(top.path, top.key)
            lines.setdefault(path, line)
            if piece in "{[":
                stack.append(_Frame(path, is_array=piece == "["))
                expecting_key = piece == "{"
    return lines


def _toml_lines(text: str) -> dict[str, int]:
    """The line of every table header and key, by path (inline values share their key's)."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if match := _TOML_ARRAY.match(stripped):
            base = ""
            *parents, name = match.group(1).split(".")
            for part in parents:
                base = _join(base, part)
                if base in counts:
                    base = _join(base, counts[base] - 1)
            base = _join(base, name)
            counts[base] = counts.get(base, 0) + 1
            current = _join(base, counts[base] - 1)
            lines[current] = number
        elif match := _TOML_TABLE.match(stripped):
            current = match.group(1)
            lines.setdefault(current, number)
        elif match := _TOML_KEY.match(stripped):
            lines.setdefault(_join(current, match.group(1)), number)
    return lines


def line_of(text: str, fmt: Literal["toml", "json"], path: str) -> int | None:
    """The line where ``path`` is written in ``text``, or of its nearest written parent."""
    lines = _json_lines(text) if fmt == "json" else _toml_lines(text)
    while path:
        if path in lines:
            return lines[path]
        trimmed = _INDEX.sub("", path)
        path = trimmed if trimmed != path else path.rpartition(".")[0]
    return None
