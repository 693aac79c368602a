"""Reading and writing pack files (TOML and JSON), as untrusted input.

A pack file has a ``[pack]`` table of metadata, ``[[prompts]]``, ``[[exercises]]`` and
``[[references]]`` arrays whose keys match the models' attribute names, and an optional
``[retired]`` table of old id = successor id. Items may leave out ``language``: they take the
pack's.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar

import attrs

from intimacy.model.columns import NotPlain, build_all
from intimacy.model.convert import MAX_PROBLEMS, Tally
from intimacy.model.errors import PackError, Problem, join_path
from intimacy.model.models import (
    LANGUAGE_PATTERN,
    Exercise,
    Pack,
    Prompt,
    Reference,
    Step,
    Variation,
)
from intimacy.model.placeholders import PLACEHOLDERS, placeholder_problems, unknown_placeholders
from intimacy.model.text import FORBIDDEN
from intimacy.model.translations import (
    ExerciseTranslation,
    PromptTranslation,
    Translation,
)
from intimacy.packs.toml_writer import dumps_toml

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MAX_KEY_PARTS",
    "MAX_PACK_BYTES",
    "MAX_PROBLEMS",
    "dumps_pack",
    "expand_paths",
    "load_file",
    "load_files",
    "load_pack",
    "load_packs",
    "load_translation",
    "loads_pack",
    "loads_translation",
    "pack_files",
    "pack_from_trusted_data",
    "pack_to_data",
    "shown_path",
]

#: The largest pack file read, in bytes (1 MiB); a larger file is rejected after reading no more.
#: About 5,000 prompts in TOML and 6,000 in JSON, twice the bundled bank: a size at which any
#: file, however hostile, is accepted or rejected in well under 2 s and 300 MB (the standard
#: library's TOML parser reads about 1.5 MB a second). ``max_bytes`` raises it for a pack
#: you trust.
MAX_PACK_BYTES = 1024 * 1024
#: The most parts of a TOML table header or dotted key (``a.b.c`` has three); a deeper key is
#: rejected before the TOML parser reads it, since the standard library's parser takes time
#: and memory that grow with the square of a key's depth.
MAX_KEY_PARTS = 16
#: The suffixes of pack files, and the format each holds.
FORMATS: dict[str, Literal["toml", "json"]] = {".toml": "toml", ".json": "json"}

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
#: The top-level key that names the JSON Schema a file follows, for editors: read and ignored.
SCHEMA_KEY = "$schema"
FormatName = Literal["toml", "json"]
_Loaded = TypeVar("_Loaded", Pack, Translation)


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


def _file_path(path: str) -> str:
    """Map a path in :class:`Pack`'s arguments to the path in the file (``pack.name``)."""
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    return f"pack.{path}" if head in _PACK_KEYS else path


def _loads(
    text: str | bytes, fmt: FormatName, source: str, *, fast: bool = True
) -> Pack | Translation:
    """Build a :class:`Pack` (or :class:`Translation`) from the text of a pack file.

    A file whose ``[pack]`` table has ``translates`` is a translation pack. A valid file is read
    in one pass (:func:`_plain_pack`); any other is read again the careful way, with cattrs,
    which finds every problem and its place.

    Args:
        text: the file's content; bytes must be UTF-8.
        fmt: ``"toml"`` or ``"json"``.
        source: a name for the text, used in error messages.
        fast: whether to try the one pass first (the tests compare the two ways).

    Raises:
        PackError: listing every problem found, each with its path.
    """
    if isinstance(text, bytes):
        raw = text
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            raise _problem(source, f"is not valid UTF-8 (byte {err.start})", line=line) from err
    text = text.removeprefix("\ufeff")
    found = Tally()
    parsed = _parse(text, fmt, source)
    plainly = _plainly_clean(text)
    try:
        cleaned = parsed if plainly else _clean(parsed, "", found)
    except RecursionError as err:
        # The JSON parser reaches deeper than this walk: nesting it accepted can still be too deep.
        raise _problem(source, "the data is nested too deeply") from err
    if fast and not found:
        plain = _plain_pack(cleaned, text if plainly else None)
        if plain is not None:
            return plain
    from intimacy.model.convert import problems_of, structure  # noqa: PLC0415 - imports cattrs

    data, problems = _shape(cleaned, source)
    problems.extend(Problem(source, path, reason) for path, reason in found.pairs)
    model: type[Pack | Translation] = Translation if "translates" in data else Pack
    try:
        pack = structure(data, model)
    except RecursionError as err:
        raise _problem(source, "the data is nested too deeply") from err
    except Exception as err:  # noqa: BLE001 - every failure becomes one PackError
        reasons = Tally()
        reasons.absorb(err)
        found.more += reasons.more
        found.unchecked += reasons.unchecked
        pairs = reasons.pairs
        if any(key in data for key in ("prompts", "exercises", "references")):
            # Pack's own checks (name, schema_version ...) run only once every item is built:
            # run them on the metadata alone, so that the items' problems do not hide theirs.
            try:
                structure({key: data[key] for key in _PACK_KEYS if key in data}, model)
            except Exception as meta_err:  # noqa: BLE001 - reported with the others
                pairs.extend(pair for pair in problems_of(meta_err) if pair not in pairs)
        problems.extend(Problem(source, _file_path(path), reason) for path, reason in pairs)
    else:
        found_placeholders = (
            placeholder_problems(pack) if isinstance(pack, Pack) else _words_problems(pack)
        )
        problems.extend(Problem(source, path, reason) for path, reason in found_placeholders)
    if problems or found.more:
        _raise(source, text, fmt, problems, found)
    return pack


_KNOWN_TOP = frozenset({*_TOP_KEYS, SCHEMA_KEY})
_KNOWN_META = frozenset(_PACK_KEYS)
_ITEMS = _TOP_KEYS[1:]  # every section but [pack]


def _plain_pack(data: object, text: str | None) -> Pack | Translation | None:
    """The pack ``data`` holds, read in one pass, or None at the first sign of any problem.

    The fast path of :func:`_loads`: the same checks, run a column at a time (see
    :mod:`intimacy.model.columns`), with no per-item copy to add the pack's language. Where it
    finds anything wrong it gives up, and the careful path finds every problem and its place.
    ``text`` is the file's text if its strings are as written (see :func:`_plainly_clean`).
    """
    if type(data) is not dict or not _KNOWN_TOP.issuperset(data):
        return None
    meta = data.get("pack")
    if type(meta) is not dict or not _KNOWN_META.issuperset(meta):
        return None
    schema = data.get(SCHEMA_KEY, "")
    if type(schema) is not str:
        return None
    table = {**meta, **{key: data[key] for key in _ITEMS if key in data}}
    # Placeholders need looking for only if a $ is written outside the $schema entry.
    dollars = text is None or text.count("$") > (SCHEMA_KEY in data) + schema.count("$")
    try:
        if "translates" in meta:
            translation = build_all(Translation, [table])[0]
            return None if dollars and _words_problems(translation) else translation
        # A pack's items take its language, as _shape gives it to them.
        pack = build_all(Pack, [table], {"language": meta.get("language", "en")})[0]
    except NotPlain:
        return None
    return None if dollars and placeholder_problems(pack) else pack


def _words_problems(translation: Translation) -> list[tuple[str, str]]:
    """``(path, reason)`` for each translated text that uses an unknown placeholder.

    The same rule as :func:`~intimacy.model.placeholders.placeholder_problems` for a pack's items:
    translated words are shown and filled in the same way.
    """
    texts: list[tuple[str, str]] = []
    for index, prompt in enumerate(translation.prompts):
        where = f"prompts[{index}]"
        texts.append((f"{where}.text", prompt.text))
        texts.extend((f"{where}.follow_ups[{i}]", text) for i, text in enumerate(prompt.follow_ups))
    for index, exercise in enumerate(translation.exercises):
        where = f"exercises[{index}]"
        texts += [(f"{where}.title", exercise.title), (f"{where}.summary", exercise.summary)]
        texts.extend((f"{where}.steps[{i}]", text) for i, text in enumerate(exercise.steps))
        texts.append((f"{where}.why", exercise.why))
        texts.extend(
            (f"{where}.variations[{i}].text", v.text) for i, v in enumerate(exercise.variations)
        )
        if exercise.safety is not None:
            texts.append((f"{where}.safety", exercise.safety))
    allowed = ", ".join(f"${name}" for name in PLACEHOLDERS)
    reason = "uses the unknown placeholder ${}; use one of {} (or $$ for a dollar sign)"
    return [
        (path, reason.format(unknown[0], allowed))
        for path, text in texts
        if "$" in text and (unknown := unknown_placeholders(text))
    ]


def loads_pack(text: str | bytes, fmt: FormatName, *, source: str = "<string>") -> Pack:
    """Build a :class:`Pack` from the text of a pack file.

    Args:
        text: the file's content; bytes must be UTF-8.
        fmt: ``"toml"`` or ``"json"``.
        source: a name for the text, used in error messages.

    Raises:
        PackError: listing every problem found, each with its path; or the text is a
            translation pack (read it with :func:`loads_translation`).
    """
    return _expect(_loads(text, fmt, source), Pack, source)


def loads_translation(
    text: str | bytes, fmt: FormatName, *, source: str = "<string>"
) -> Translation:
    """Build a :class:`Translation` from the text of a translation pack file.

    A translation pack's ``[pack]`` table names the pack it translates (``translates =
    "core"``) and its ``language``; its ``[[prompts]]`` hold ``id``, ``text`` and
    ``follow_ups``, and its ``[[exercises]]`` ``id``, ``title``, ``summary``, ``steps`` (the
    steps' texts), ``why``, ``variations`` and ``safety``.

    Raises:
        PackError: listing every problem found, each with its path; or the text is a pack,
            not a translation (read it with :func:`loads_pack`).
    """
    return _expect(_loads(text, fmt, source), Translation, source)


def _expect(loaded: Pack | Translation, kind: type[_Loaded], source: str) -> _Loaded:
    if isinstance(loaded, kind):
        return loaded
    if isinstance(loaded, Translation):
        reason = (
            f"is a translation of {loaded.translates!r} into {loaded.language!r}, not a pack: "
            "read it with load_translation"
        )
    else:
        reason = "is a pack, not a translation: read it with load_pack"
    raise _problem(source, reason, "pack.translates")


def pack_from_trusted_data(data: dict[str, Any]) -> Pack | Translation:
    """Build a pack (or translation pack) from the parsed data of a file known to be valid.

    This is how the bundled packs load: the models' own constructors convert and check every
    value, as always, but cattrs is not imported and the strict type checks are skipped (the
    test suite loads the same files through :func:`loads_pack` and compares). Any error here is
    a bug in the bundled data, so it is not turned into a :class:`PackError`.
    """
    merged, problems = _shape(data, "<trusted>")
    if problems:
        raise PackError(problems)
    if "translates" in merged:
        return Translation(
            **{
                **merged,
                "prompts": [PromptTranslation(**item) for item in merged.get("prompts", ())],
                "exercises": [
                    ExerciseTranslation(
                        **{
                            **item,
                            "variations": [Variation(**v) for v in item.get("variations", ())],
                        }
                    )
                    for item in merged.get("exercises", ())
                ],
            }
        )

    def exercise(item: dict[str, Any]) -> Exercise:
        return Exercise(
            **{
                **item,
                "steps": [Step(**step) for step in item["steps"]],
                "variations": [Variation(**v) for v in item.get("variations", ())],
            }
        )

    return Pack(
        **{
            **merged,
            "prompts": [Prompt(**item) for item in merged.get("prompts", ())],
            "exercises": [exercise(item) for item in merged.get("exercises", ())],
            "references": [Reference(**ref) for ref in merged.get("references", ())],
        }
    )


def shown_path(path: str | os.PathLike[str]) -> str:
    r"""``path`` as a message shows it: as it is, or quoted if it holds an unprintable character.

    A file name found in a folder is untrusted: a name holding an escape sequence or a newline
    must not write to the user's terminal or split a message over two lines, so it is shown as a
    Python string literal (``'evil\x1b[2J.toml'``). Ordinary names are shown unchanged.
    """
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _format_of(path: Path) -> FormatName:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        source = shown_path(path)
        try:
            exists = path.exists()
        except OSError as err:  # a folder on the way that cannot be searched
            raise _problem(source, f"cannot be read: {_reason(err)}") from err
        if not exists:
            # Most often a folder of packs that is not there: say so, not "not a pack file".
            reason = "does not exist (neither a pack file nor a folder of packs)"
            raise _problem(source, reason) from None
        raise _problem(source, "is not a pack file: use a .toml or .json file") from None


def load_file(path: str | os.PathLike[str], max_bytes: int = MAX_PACK_BYTES) -> Pack | Translation:
    """Load a pack or a translation pack, whichever the file holds (see :func:`load_pack`).

    Messages name the file as :func:`shown_path` shows it.
    """
    file = Path(path)
    fmt = _format_of(file)
    source = shown_path(file)
    try:
        with file.open("rb") as stream:
            content = stream.read(max_bytes + 1)
    except OSError as err:
        raise _problem(source, f"cannot be read: {_reason(err)}") from err
    if len(content) > max_bytes:
        raise _problem(source, f"is larger than the limit of {max_bytes:,} bytes")
    return _loads(content, fmt, source)


def load_pack(path: str | os.PathLike[str], *, max_bytes: int = MAX_PACK_BYTES) -> Pack:
    """Load a pack from a ``.toml`` or ``.json`` file.

    The file is read as untrusted input: no more than ``max_bytes`` are read, and its text must
    be valid UTF-8 without control or text-direction characters.

    Raises:
        PackError: the file is missing, unreadable, too large, not a valid pack, or a
            translation pack (see :func:`load_translation`); the error lists every problem
            with its file and path.
    """
    return _expect(load_file(path, max_bytes), Pack, str(path))


def load_translation(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_PACK_BYTES
) -> Translation:
    """Load a translation pack from a ``.toml`` or ``.json`` file, as :func:`load_pack` does.

    Raises:
        PackError: the file is missing, unreadable, too large, not a valid translation pack,
            or a pack that is not a translation.
    """
    return _expect(load_file(path, max_bytes), Translation, str(path))


def pack_files(directory: str | os.PathLike[str]) -> tuple[Path, ...]:
    """The pack files directly inside ``directory``, sorted by name.

    Raises:
        PackError: the folder cannot be listed, or an entry in it cannot be looked at (a folder
            that may be read but not searched); the problem names the path.
    """
    folder = Path(directory)
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        raise _problem(
            shown_path(folder), f"cannot be read as a folder of packs: {_reason(err)}"
        ) from err
    return tuple(entry for entry in entries if entry.suffix.lower() in FORMATS and _is_file(entry))


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file (a broken link or a link loop is not); a PackError if unknown."""
    try:
        return path.is_file()
    except OSError as err:  # PermissionError: is_file() raises what it cannot answer
        raise _problem(shown_path(path), f"cannot be read: {_reason(err)}") from err


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as err:
        raise _problem(shown_path(path), f"cannot be read: {_reason(err)}") from err


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """Each path that is not a folder, and in place of each folder the pack files inside it.

    An empty path is skipped, as an empty entry of ``PATH`` is: ``""`` never means the current
    folder (write ``"."`` for that).

    Raises:
        PackError: a folder (or the folder a path is in) cannot be read.
    """
    return tuple(
        file
        for path in paths
        if os.fspath(path)
        for file in (pack_files(path) if _is_dir(Path(path)) else (Path(path),))
    )


def load_files(
    files: Iterable[str | os.PathLike[str]],
) -> tuple[tuple[Pack | Translation, Path], ...]:
    """Load every file (packs and translation packs), each with its path.

    Raises:
        PackError: listing the problems of every file that failed, not just the first.
    """
    loaded: list[tuple[Pack | Translation, Path]] = []
    problems: list[Problem] = []
    for file in map(Path, files):
        try:
            loaded.append((load_file(file), file))
        except PackError as err:
            problems.extend(err.problems)
    if problems:
        raise PackError(problems)
    return tuple(loaded)


def load_packs(directory: str | os.PathLike[str]) -> tuple[Pack | Translation, ...]:
    """Load every ``.toml`` and ``.json`` pack directly inside ``directory``, sorted by name.

    Translation packs among them are loaded too; :meth:`Bank.with_packs` takes both.

    Raises:
        PackError: listing the problems of every file that failed, not just the first.
    """
    return tuple(pack for pack, _ in load_files(pack_files(directory)))


def pack_to_data(pack: Pack | Translation) -> dict[str, Any]:
    """The plain data of a pack file: a ``pack`` table and the item arrays.

    Items leave out their ``language`` (the pack's) and empty optional values.
    """
    from intimacy.model.convert import unstructure  # noqa: PLC0415 - imports cattrs

    flat = unstructure(pack)
    meta = {key: flat[key] for key in _PACK_KEYS if key in flat and flat[key] != ""}
    data: dict[str, Any] = {"pack": meta}
    for key in ("prompts", "exercises", "references"):
        items = [
            _compact({k: v for k, v in item.items() if k != "language"})
            for item in flat.get(key, ())
        ]
        if items:
            data[key] = items
    if flat.get("retired"):
        data["retired"] = flat["retired"]
    return data


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if value not in (None, [], "")}


def dumps_pack(pack: Pack | Translation, fmt: FormatName = "toml") -> str:
    """The text of a pack file for ``pack``, which reads back unchanged.

    :func:`loads_pack` reads a pack's text back, :func:`loads_translation` a translation's.
    """
    data = pack_to_data(pack)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dumps_toml(data)
