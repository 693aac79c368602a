r"""The JSON Schema of pack files, derived from the models' rules and the vocabulary enums.

``intimacy schema`` prints it, and the package ships it as ``intimacy/pack.schema.json`` for
editors (and the built docs serve it at :data:`SCHEMA_ID`). The schema accepts exactly the
documents the loader accepts, except for the rules listed in :data:`BEYOND_THE_SCHEMA`, which
JSON Schema cannot say; ``intimacy validate`` checks everything.

Its patterns mean the same in ECMA-262 (what editors run) and in Python's ``re`` (what
``jsonschema`` runs): none ends in a bare ``$``, which Python also matches before a final
newline, and none uses ``\s`` or ``\S``, whose whitespace differs between the two; the
whitespace and the forbidden characters are spelt out, from ``str.isspace`` and the loader's own
list.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intimacy.model.types import JSON

from intimacy.model.models import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_EXERCISE_MINUTES,
    MAX_ID,
    MAX_LANGUAGE,
    MAX_LINE,
    MAX_MINUTES,
    MAX_NAME,
    MAX_PARAGRAPH,
    MAX_PROMPT_TEXT,
    NAME_PATTERN,
    SCHEMA_VERSION,
)
from intimacy.model.placeholders import PLACEHOLDERS
from intimacy.model.text import FORBIDDEN_RANGES, is_blank
from intimacy.model.vocab import Mood, Practice, Role, Topic
from intimacy.packs.files import MAX_PACK_BYTES
from intimacy.packs.parse import SCHEMA_KEY

__all__ = ["BEYOND_THE_SCHEMA", "SCHEMA_ID", "pack_schema", "pack_schema_json"]

#: Where editors fetch the schema: the file as the repository holds it on ``main``.
SCHEMA_ID = (
    "https://raw.githubusercontent.com/intimacy-dev/intimacy/main/src/intimacy/pack.schema.json"
)

#: The loader's rules that JSON Schema cannot say, one sentence each.
BEYOND_THE_SCHEMA = (
    "every prompt and exercise id starts with the pack's name and a slash, and no id is used twice",
    "an item's language, if given, equals the pack's",
    "an exercise's minutes equal the sum of its steps' minutes",
    "no two references share a key",
    (
        "a retired id starts with the pack's name and a slash and is no longer in the pack, and "
        "its successor is an id in the pack"
    ),
    (
        "in a translation pack, every id starts with the translated pack's name and a slash, and "
        "no id is translated twice"
    ),
    (
        "whole numbers (minutes, depth, schema_version) are written without a fraction: 2, not "
        "2.0, which JSON Schema counts as an integer"
    ),
    (
        "every text is put in Unicode NFC form before it is checked, so a text not in NFC form is "
        "measured, matched and searched for placeholders as normalised (the schema sees it as "
        "written)"
    ),
    (
        "no text holds a lone surrogate (which only a JSON escape can write): regular "
        "expression dialects disagree on them"
    ),
)

# Python identifiers as string.Template reads them after a "$" (ASCII, either case).
_IDENTIFIER = "[_A-Za-z][_A-Za-z0-9]*"


def _class(points: list[int]) -> str:
    r"""The inside of a character class matching exactly ``points``, as ``\uXXXX`` ranges."""
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(
        f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges
    )


@functools.cache
def _characters() -> tuple[str, str, str]:
    """Classes of allowed blank characters, the others allowed, and the forbidden characters.

    Blank characters are those that show nothing (whitespace, and invisible characters such as
    U+200B: see :func:`~intimacy.model.text.is_blank`). Lone surrogates are left out of every
    class (see :data:`BEYOND_THE_SCHEMA`).
    """
    forbidden = {
        point
        for low, high in FORBIDDEN_RANGES
        for point in range(low, high + 1)
        if not 0xD800 <= point <= 0xDFFF
    }
    space = [p for p in range(sys.maxunicode + 1) if is_blank(chr(p)) and p not in forbidden]
    return _class(space), _class([*forbidden, *space]), _class(sorted(forbidden))


def _words(*, placeholders: bool, blank: bool = False) -> str:
    """A pattern for text without forbidden characters, not blank unless ``blank``.

    With ``placeholders``, every ``$`` is ``$$``, a known placeholder (``$partner``,
    ``${partner}``), or a ``$`` that string.Template ignores (such as ``$5``).
    """
    space, not_words, forbidden = _characters()
    if blank:
        return f"^[^{forbidden}]*$"
    if not placeholders:
        return f"^[{space}]*[^{not_words}][^{forbidden}]*$"
    known = "|".join(sorted(PLACEHOLDERS, key=len, reverse=True))
    dollar = (
        rf"\$\$|\$\{{(?:{known})\}}|\$(?:{known})(?![_A-Za-z0-9])"
        rf"|\$(?![_A-Za-z$]|\{{{_IDENTIFIER}\}})"
    )
    word = f"[^{not_words}$]|{dollar}"
    return f"^[{space}]*(?:{word})(?:[{space}]|{word})*$"


def _whole(pattern: str) -> str:
    r"""``pattern`` matched against the whole string: ``(?!\n)`` keeps Python's ``$`` at the end."""
    return f"^(?:{pattern})(?!\\n)$"


def _text(
    limit: int, description: str, *, placeholders: bool = False, null: bool = False
) -> dict[str, Any]:
    return {
        "type": ["string", "null"] if null else "string",
        "minLength": 1,
        "maxLength": limit,
        "pattern": _words(placeholders=placeholders),
        "description": description,
    }


def _short(limit: int, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "maxLength": limit,
        "pattern": _words(placeholders=False, blank=True),
        "description": description,
    }


def _matching(pattern: str, limit: int, description: str) -> dict[str, Any]:
    """A string matching the loader's ``pattern`` whole, of at most ``limit`` characters."""
    return {
        "type": "string",
        "pattern": _whole(pattern),
        "maxLength": limit,
        "description": description,
    }


def _name(limit: int, description: str) -> dict[str, Any]:
    return _matching(NAME_PATTERN, limit, description)


def _id(description: str) -> dict[str, Any]:
    return _matching(ID_PATTERN, MAX_ID, description)


def _language(description: str) -> dict[str, Any]:
    return _matching(LANGUAGE_PATTERN, MAX_LANGUAGE, description)


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"enum": list(values), "description": description}


def _list(items: dict[str, Any], description: str, *, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _minutes(limit: int, description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": limit, "description": description}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _item_fields() -> dict[str, Any]:
    return {
        "id": _id("pack name, '/', slug: stable, never reused"),
        "practice": _enum(Practice.names(), "the one practice the item serves"),
        "moods": _list(_enum(Mood.names(), "a mood"), "moods the item suits", min_items=1),
        "depth": {"enum": [1, 2, 3], "description": "1 light, 2 personal, 3 deep"},
        "topics": _list(_enum(Topic.names(), "a sensitive topic"), "sensitive-topic flags"),
        "tags": _list(_name(MAX_NAME, "a tag"), "free tags"),
        "language": _language("defaults to the pack's language, and must equal it"),
    }


def _said(limit: int, description: str, *, null: bool = False) -> dict[str, Any]:
    """Text a couple reads, which may hold only the known ``$placeholders``."""
    return _text(limit, description, placeholders=True, null=null)


def _description() -> str:
    beyond = "".join(f" ({number}) {rule};" for number, rule in enumerate(BEYOND_THE_SCHEMA, 1))
    return (
        "A pack of prompts and exercises for the intimacy library. A document this schema "
        "accepts loads, and a pack that loads is accepted, except for these rules of the loader, "
        f"which JSON Schema cannot say:{beyond.rstrip(';')}. The file itself must also be UTF-8 "
        "TOML or JSON without duplicate keys, NaN or Infinity, and at most "
        f"{MAX_PACK_BYTES >> 20} MiB."
    )


def pack_schema() -> dict[str, JSON]:
    """The JSON Schema (draft 2020-12) of a pack file, as a dict."""
    prompt = _object(
        {
            **_item_fields(),
            "text": _said(MAX_PROMPT_TEXT, "one open question or invitation, read aloud"),
            "minutes": _minutes(MAX_MINUTES, "how long a good answer and chat take"),
            "follow_ups": _list(
                _said(MAX_PROMPT_TEXT, "a follow-up question"), "optional further questions"
            ),
        },
        ["id", "text", "practice", "moods", "minutes", "depth"],
        "a conversation prompt",
    )
    step = _object(
        {
            "text": _said(MAX_PARAGRAPH, "what to do"),
            "minutes": _minutes(MAX_MINUTES, "how long the step takes"),
            "role": _enum(Role.names(), "who acts (default: both)"),
        },
        ["text", "minutes"],
        "one step of an exercise",
    )
    variation = _object(
        {
            "name": _name(MAX_NAME, "such as short or long-distance"),
            "text": _said(MAX_PARAGRAPH, "how this variation goes"),
        },
        ["name", "text"],
        "another way to do the exercise",
    )
    exercise = _object(
        {
            **_item_fields(),
            "title": _said(MAX_LINE, "a short title"),
            "summary": _said(MAX_PROMPT_TEXT, "one line"),
            "minutes": _minutes(MAX_EXERCISE_MINUTES, "must equal the sum of the steps' minutes"),
            "steps": _list(step, "the steps, in order", min_items=1),
            "why": _said(MAX_PARAGRAPH, "why it works, in plain words"),
            "research": _list(_name(MAX_NAME, "a reference key"), "research it rests on"),
            "variations": _list(variation, "other ways to do it"),
            "safety": _said(
                MAX_PARAGRAPH,
                "shown first, where it asks for disclosure or touches conflict",
                null=True,
            ),
        },
        ["id", "title", "summary", "practice", "minutes", "depth", "moods", "steps", "why"],
        "a guided exercise",
    )
    reference = _object(
        {
            "key": _name(MAX_NAME, "the key exercises cite"),
            "citation": _text(MAX_PARAGRAPH, "the full citation"),
            "url": _text(MAX_PARAGRAPH, "where to read it", null=True),
        },
        ["key", "citation"],
        "a research reference",
    )
    meta = _object(
        {
            "name": _name(MAX_NAME, "the pack's name, which starts every id"),
            "version": _text(MAX_NAME, "the pack's own version"),
            "title": _text(MAX_LINE, "a display title"),
            "description": _short(MAX_PARAGRAPH, "a few sentences about the pack"),
            "language": _language("a language tag such as en, es or pt-BR (default en)"),
            "authors": _list(_text(MAX_LINE, "an author"), "who wrote it"),
            "license": _short(MAX_NAME, "an SPDX license id"),
            "schema_version": {"const": SCHEMA_VERSION, "description": "the pack format version"},
            "translates": _name(
                MAX_NAME, "for a translation pack: the name of the pack it translates"
            ),
        },
        ["name", "version", "title"],
        "the pack's metadata",
    )
    translations = _translation_schemas(variation)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "intimacy pack",
        "description": _description(),
        "type": "object",
        "properties": {
            SCHEMA_KEY: {
                "type": "string",
                "pattern": _words(placeholders=False, blank=True),
                "description": "the URL of this schema, for editors (the loader ignores it)",
            },
            "pack": meta,
            "prompts": {"description": "the prompts (or, in a translation pack, their words)"},
            "exercises": {"description": "the exercises (or their words)"},
            "references": {},
            "retired": {},
        },
        "required": ["pack"],
        "additionalProperties": False,
        "if": {"properties": {"pack": {"required": ["translates"]}}},
        "then": {
            "properties": {
                "pack": {"required": ["language"]},
                "prompts": _list(translations["prompt"], "the translated prompts"),
                "exercises": _list(translations["exercise"], "the translated exercises"),
                "references": False,
                "retired": False,
            }
        },
        "else": {
            "properties": {
                "prompts": _list(prompt, "the prompts"),
                "exercises": _list(exercise, "the exercises"),
                "references": _list(reference, "research references the exercises cite"),
                "retired": {
                    "type": "object",
                    "description": "ids taken out of the pack, each with the id that replaced it",
                    "propertyNames": _id("a retired id"),
                    "additionalProperties": _id("the id that replaced it"),
                },
            }
        },
    }


def _translation_schemas(variation: dict[str, Any]) -> dict[str, Any]:
    """The items of a translation pack: the words of a prompt or an exercise, by its id."""
    item_id = _id("the id of the translated item in its own pack")
    prompt = _object(
        {
            "id": item_id,
            "text": _said(MAX_PROMPT_TEXT, "the prompt, in this language"),
            "follow_ups": _list(
                _said(MAX_PROMPT_TEXT, "a follow-up"), "as many as the source has, in order"
            ),
        },
        ["id", "text"],
        "a prompt's words in another language",
    )
    exercise = _object(
        {
            "id": item_id,
            "title": _said(MAX_LINE, "the title"),
            "summary": _said(MAX_PROMPT_TEXT, "one line"),
            "steps": _list(_said(MAX_PARAGRAPH, "a step's text"), "one per source step, in order"),
            "why": _said(MAX_PARAGRAPH, "why it works"),
            "variations": _list(variation, "the source's variation names, in order"),
            "safety": _said(MAX_PARAGRAPH, "where the source has a safety note", null=True),
        },
        ["id", "title", "summary", "steps", "why"],
        "an exercise's words in another language",
    )
    return {"prompt": prompt, "exercise": exercise}


def pack_schema_json() -> str:
    """The schema as the text of ``intimacy/pack.schema.json``."""
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - the shipped file is checked by a test
    print(pack_schema_json(), end="")
