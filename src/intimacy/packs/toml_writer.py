"""A small TOML writer for pack data: tables, arrays of tables, strings, numbers and lists.

The standard library reads TOML but does not write it; pack data needs only this subset.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["dumps_toml"]


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # A JSON string literal is a TOML basic string (same quotes, same escapes), once DEL,
        # which JSON leaves as it is and TOML forbids, is escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _key(key: str) -> str:
    """A bare key where TOML allows one (letters, digits, ``-``, ``_``), else a quoted one."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _scalar(key)


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _write(table: dict[str, Any], prefix: str, lines: list[str]) -> None:
    nested = []
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_list(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    for key, value in nested:
        name = f"{prefix}.{key}" if prefix else key
        for item in value if isinstance(value, list) else [value]:
            lines.append("")
            lines.append(f"[[{name}]]" if isinstance(value, list) else f"[{name}]")
            _write(item, name, lines)


def dumps_toml(data: dict[str, Any]) -> str:
    """Write ``data`` as TOML text that :func:`tomllib.loads` reads back equal."""
    lines: list[str] = []
    _write(data, "", lines)
    return "\n".join(lines).lstrip("\n") + "\n"
