"""Pack text turned into a :class:`~intimacy.model.models.Pack` or a translation, and back.

A pack file has a ``[pack]`` table of metadata, ``[[prompts]]``, ``[[exercises]]`` and
``[[references]]`` arrays whose keys match the models' attribute names, and an optional
``[retired]`` table of old id = successor id. Items may leave out ``language``: they take the
pack's. The text is parsed and checked by :mod:`intimacy.packs.parse`; a valid pack is then
built in one pass (:mod:`intimacy.model.columns`), any other again with cattrs, which finds every
problem and its place. The bundled packs, known to be valid, are built from their data directly;
:func:`dumps_pack` writes a pack's text.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from intimacy.model.columns import NotPlain, build_all
from intimacy.model.convert import Tally
from intimacy.model.errors import PackError, Problem
from intimacy.model.models import Exercise, Pack, Prompt, Reference, Step, Variation
from intimacy.model.placeholders import PLACEHOLDERS, placeholder_problems, unknown_placeholders
from intimacy.model.translations import (
    ExerciseTranslation,
    PromptTranslation,
    Translation,
)
from intimacy.packs.parse import (
    _ITEMS,
    _PACK_KEYS,
    _TOP_KEYS,
    SCHEMA_KEY,
    FormatName,
    _clean,
    _parse,
    _plainly_clean,
    _problem,
    _raise,
    _shape,
)
from intimacy.packs.toml_writer import dumps_toml

__all__ = [
    "dumps_pack",
    "loads_pack",
    "loads_translation",
    "pack_from_trusted_data",
    "pack_to_data",
]

_Loaded = TypeVar("_Loaded", Pack, Translation)


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
    pack: Pack | Translation | None = None
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
    if problems or found.more or pack is None:  # no pack without a problem reported
        _raise(source, text, fmt, problems, found)
    return pack


_KNOWN_TOP = frozenset({*_TOP_KEYS, SCHEMA_KEY})
_KNOWN_META = frozenset(_PACK_KEYS)


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
