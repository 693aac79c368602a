"""Pack text (TOML or JSON) parsed into plain data, as untrusted input, and its checks.

The parser's guards (duplicate JSON keys, ``NaN`` and ``Infinity``, TOML keys deeper than
:data:`MAX_KEY_PARTS`, whole numbers too long to read, nesting too deep), the cleaning of every
string (NFC form, no control or text-direction character), and the shape check of the top level
that turns a file's tables into the keyword arguments of a pack. Every failure is a
:class:`~intimacy.model.errors.PackError` that names the place; :mod:`intimacy.packs.codec`
builds the models from what this gives.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import unicodedata
from typing import Any, Literal, NoReturn

import attrs

from intimacy.model.convert import MAX_PROBLEMS, Tally
from intimacy.model.errors import PackError, Problem, join_path
from intimacy.model.models import LANGUAGE_PATTERN
from intimacy.model.text import FORBIDDEN

__all__ = ["MAX_KEY_PARTS", "SCHEMA_KEY", "FormatName"]

#: The most parts of a TOML table header or dotted key (``a.b.c`` has three); a deeper key is
#: rejected before the TOML parser reads it, since the standard library's parser takes time
#: and memory that grow with the square of a key's depth.
MAX_KEY_PARTS = 16

_PACK_KEYS = (
    "name",
    "version",
    "title",
    "description",
    "language",
    "authors",
    "license",
    "schema_version",
    "translates",
)
_TOP_KEYS = ("pack", "prompts", "exercises", "references", "retired")
_ITEMS = _TOP_KEYS[1:]  # every section but [pack]
#: The top-level key that names the JSON Schema a file follows, for editors: read and ignored.
SCHEMA_KEY = "$schema"
FormatName = Literal["toml", "json"]


def _problem(source: str, message: str, path: str = "", line: int | None = None) -> PackError:
    return PackError([Problem(source, path, message, line)])


def _raise(
    source: str, text: str, fmt: FormatName, problems: list[Problem], more: Tally
) -> NoReturn:
    """Raise a :class:`PackError` of at most :data:`MAX_PROBLEMS` problems, each with its line.

    Beyond the limit one last line says how many more there are (``more`` counts those not
    kept already). The text is read once for all the lines (see :mod:`intimacy.packs.locate`).
    """
    from intimacy.packs.locate import lines_of  # noqa: PLC0415 - only when there are problems

    more.more += max(0, len(problems) - MAX_PROBLEMS)
    problems = problems[:MAX_PROBLEMS]
    lines = lines_of(text, fmt, {problem.path for problem in problems})
    shown = [attrs.evolve(problem, line=lines.get(problem.path)) for problem in problems]
    if more.more:
        shown.append(Problem(source, "", more.summary()))
    raise PackError(shown)


class _Constant:
    """Where a JSON text wrote ``NaN``, ``Infinity`` or ``-Infinity``: reported with its path."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        first: dict[str, int] = {}  # the first place of each key
        twice = next(key for at, (key, _) in enumerate(pairs) if first.setdefault(key, at) != at)
        raise ValueError(f"the key {twice!r} appears twice in one object")
    return result


_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_\-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
#: A table header or dotted key (at the start of a line, or in an inline table) of more than
#: MAX_KEY_PARTS parts. Text in a multi-line string that looks like one counts too: no text
#: that a pack needs does.
_DEEP_KEY = re.compile(
    rf"(?:^|[{{,])[ \t]*(?:\[\[?[ \t]*)?{_BARE_OR_QUOTED}"
    rf"(?:[ \t]*\.[ \t]*{_BARE_OR_QUOTED}){{{MAX_KEY_PARTS},}}",
    re.MULTILINE,
)
_KEY_PART = re.compile(_BARE_OR_QUOTED)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _check_toml_keys(text: str, source: str) -> None:
    """Reject a TOML key deeper than :data:`MAX_KEY_PARTS` before the parser sees it."""
    if (deep := _DEEP_KEY.search(text)) is not None:
        key = deep.group()
        # Counted only when short: a key of millions of parts is not worth counting.
        parts = f"{len(_KEY_PART.findall(key)):,}" if len(key) < 10_000 else "thousands of"
        raise _problem(
            source,
            f"invalid TOML: a key or table header of {parts} parts; the limit is {MAX_KEY_PARTS}",
            line=_line_at(text, deep.start() + (deep.group()[:1] in "{,")),
        )


def _long_number(text: str, fmt: FormatName, source: str) -> PackError:
    """The problem for a whole number too long for Python to read (over 4,300 digits)."""
    limit = sys.get_int_max_str_digits()
    digits = r"(?<![0-9_])[0-9](?:_?[0-9])" if fmt == "toml" else r"(?<![0-9])[0-9]"
    found = re.search(rf"{digits}{{{limit},}}", text)
    return _problem(
        source,
        f"invalid {fmt.upper()}: a whole number of more than {limit:,} digits",
        line=None if found is None else _line_at(text, found.start()),
    )


def _parse(text: str, fmt: FormatName, source: str) -> object:
    """Parse TOML or JSON text, turning every failure into a :class:`PackError`."""
    import tomllib  # noqa: PLC0415 - most programs never read TOML

    constants: list[_Constant] = []

    def constant(name: str) -> _Constant:
        constants.append(_Constant(name))
        return constants[-1]

    if fmt == "toml":
        _check_toml_keys(text, source)
    try:
        if fmt == "json":
            parsed = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=constant)
        else:
            parsed = tomllib.loads(text)
    except json.JSONDecodeError as err:
        raise _problem(
            source, f"invalid JSON: {err.msg} (column {err.colno})", line=err.lineno
        ) from err
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"\(at line (\d+), column \d+\)", str(err))
        raise _problem(source, f"invalid TOML: {err}", line=int(at[1]) if at else None) from err
    except RecursionError as err:
        raise _problem(source, "the data is nested too deeply") from err
    except ValueError as err:
        if "int_max_str_digits" in str(err):
            raise _long_number(text, fmt, source) from err
        raise _problem(source, f"invalid {fmt.upper()}: {err}") from err
    if constants:
        _report_constants(parsed, text, source)
    return parsed


def _report_constants(parsed: object, text: str, source: str) -> None:
    """Raise a :class:`PackError` naming the path and line of each ``NaN`` or ``Infinity``."""
    found = Tally()

    def walk(value: object, path: str) -> None:
        if isinstance(value, _Constant):
            found.add(path, f"{value.name} is not allowed: use a finite number")
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, join_path(path, key))
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                walk(sub, join_path(path, index))

    try:
        walk(parsed, "")
    except RecursionError as err:
        raise _problem(source, "the data is nested too deeply") from err
    _raise(source, text, "json", [Problem(source, path, why) for path, why in found.pairs], found)


# Escapes that can spell a forbidden character (\u0007, \b, \f, \r) or, as a TOML line-ending
# backslash, join text across lines: anything but \\, \", \n, \t and \/.
_ESCAPE = re.compile(r'\\[^\\"nt/]')


def _plainly_clean(text: str) -> bool:
    r"""Whether no string in the parsed ``text`` can need :func:`_clean`, judged on the text.

    True when the text has no escape that could spell a forbidden character (see ``_ESCAPE``),
    no forbidden character, and is in NFC form (quotes are starters, so each quoted string is in
    NFC form too). Saves a walk over every string of a large, ordinary pack.

    Both parsers reject the ASCII control characters inside a string (and in a TOML comment),
    all but the JSON string's DEL, so parsed ASCII text is only searched for that one.
    """
    if _ESCAPE.search(text) is not None:
        return False
    if text.isascii():
        return "\x7f" not in text
    return FORBIDDEN.search(text) is None and unicodedata.is_normalized("NFC", text)


def _clean(value: Any, path: str, problems: Tally) -> Any:
    """Return ``value`` with every string in Unicode NFC form, noting forbidden characters."""
    if isinstance(value, str):
        bad = FORBIDDEN.findall(value)
        if bad:
            shown = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(bad)))
            problems.add(path, f"contains a control or text-direction character ({shown})")
        if value.isascii() or unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _clean(sub, join_path(path, key), problems) for key, sub in value.items()}
    if isinstance(value, list):
        return [_clean(sub, join_path(path, index), problems) for index, sub in enumerate(value)]
    return value


def _shape(data: object, source: str) -> tuple[dict[str, Any], list[Problem]]:
    """Check the top level and merge it into the keyword arguments of :class:`Pack`.

    Unknown keys are reported with their names quoted where they could garble the message
    (see :func:`~intimacy.packs.locate.join_path`); no more than :data:`MAX_PROBLEMS` of them.
    """
    if not isinstance(data, dict):
        raise _problem(source, "the file must hold a table with a [pack] section")
    unknown = (key for key in data if key not in _TOP_KEYS and key != SCHEMA_KEY)
    problems = [
        Problem(
            source, join_path("", key), f"is not a known section; use one of {', '.join(_TOP_KEYS)}"
        )
        for key in itertools.islice(unknown, MAX_PROBLEMS + 1)
    ]
    if not isinstance(data.get(SCHEMA_KEY, ""), str):
        problems.append(Problem(source, SCHEMA_KEY, "must be a string: the URL of the pack schema"))
    meta = data.get("pack")
    if not isinstance(meta, dict):
        problems.append(
            Problem(source, "pack", "a [pack] table with name, version and title is required")
        )
        meta = {}
    unknown = (key for key in meta if key not in _PACK_KEYS)
    problems.extend(
        Problem(
            source,
            join_path("pack", key),
            "is not a known key; use one of " + ", ".join(_PACK_KEYS),
        )
        for key in itertools.islice(unknown, MAX_PROBLEMS + 1)
    )
    language = meta.get("language", "en")
    if not isinstance(language, str) or not re.fullmatch(LANGUAGE_PATTERN, language):
        language = None  # reported once, at pack.language, not again on every item
    if "translates" in meta:
        language = None  # a translation's items are words only: the pack says their language
    merged: dict[str, Any] = {key: value for key, value in meta.items() if key in _PACK_KEYS}
    for key in _ITEMS:
        if key in data:
            merged[key] = data[key]
    for key in ("prompts", "exercises"):
        items = merged.get(key)
        if isinstance(items, list):
            merged[key] = [
                {"language": language, **item} if isinstance(item, dict) and language else item
                for item in items
            ]
    return merged, problems
