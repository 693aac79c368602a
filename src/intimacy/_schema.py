"""The JSON Schema of pack files, derived from the models' rules and the vocabulary enums.

``intimacy schema`` prints it, and the package ships it as ``intimacy/pack.schema.json`` for
editors. A schema can say less than the loader checks: it cannot see that an exercise's minutes
add up, that ids are unique and start with the pack's name, that items share the pack's
language, or that a retired id is gone from the pack and its successor is in it.
``intimacy validate`` checks everything.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intimacy._types import JSON

from intimacy._models import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_EXERCISE_MINUTES,
    MAX_ID,
    MAX_LINE,
    MAX_MINUTES,
    MAX_NAME,
    MAX_PARAGRAPH,
    MAX_PROMPT_TEXT,
    NAME_PATTERN,
    SCHEMA_VERSION,
)
from intimacy._vocab import Mood, Practice, Role, Topic

__all__ = ["SCHEMA_ID", "pack_schema", "pack_schema_json"]

SCHEMA_ID = f"https://intimacy.invalid/schema/pack-v{SCHEMA_VERSION}.json"


def _text(limit: int, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": limit,
        "pattern": r"\S",
        "description": description,
    }


def _name(limit: int, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": f"^{NAME_PATTERN}$",
        "maxLength": limit,
        "description": description,
    }


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
        "id": {
            "type": "string",
            "pattern": f"^{ID_PATTERN}$",
            "maxLength": MAX_ID,
            "description": "pack name, '/', slug: stable, never reused",
        },
        "practice": _enum(Practice.names(), "the one practice the item serves"),
        "moods": _list(_enum(Mood.names(), "a mood"), "moods the item suits", min_items=1),
        "depth": {"enum": [1, 2, 3], "description": "1 light, 2 personal, 3 deep"},
        "topics": _list(_enum(Topic.names(), "a sensitive topic"), "sensitive-topic flags"),
        "tags": _list(_name(MAX_NAME, "a tag"), "free tags"),
        "language": {
            "type": "string",
            "pattern": f"^{LANGUAGE_PATTERN}$",
            "description": "defaults to the pack's language, and must equal it",
        },
    }


def pack_schema() -> dict[str, JSON]:
    """The JSON Schema (draft 2020-12) of a pack file, as a dict."""
    prompt = _object(
        {
            **_item_fields(),
            "text": _text(MAX_PROMPT_TEXT, "one open question or invitation, read aloud"),
            "minutes": _minutes(MAX_MINUTES, "how long a good answer and chat take"),
            "follow_ups": _list(
                _text(MAX_PROMPT_TEXT, "a follow-up question"), "optional further questions"
            ),
        },
        ["id", "text", "practice", "moods", "minutes", "depth"],
        "a conversation prompt",
    )
    step = _object(
        {
            "text": _text(MAX_PARAGRAPH, "what to do"),
            "minutes": _minutes(MAX_MINUTES, "how long the step takes"),
            "role": _enum(Role.names(), "who acts (default: both)"),
        },
        ["text", "minutes"],
        "one step of an exercise",
    )
    variation = _object(
        {
            "name": _name(MAX_NAME, "such as short or long-distance"),
            "text": _text(MAX_PARAGRAPH, "how this variation goes"),
        },
        ["name", "text"],
        "another way to do the exercise",
    )
    exercise = _object(
        {
            **_item_fields(),
            "title": _text(MAX_LINE, "a short title"),
            "summary": _text(MAX_PROMPT_TEXT, "one line"),
            "minutes": _minutes(MAX_EXERCISE_MINUTES, "must equal the sum of the steps' minutes"),
            "steps": _list(step, "the steps, in order", min_items=1),
            "why": _text(MAX_PARAGRAPH, "why it works, in plain words"),
            "research": _list(_name(MAX_NAME, "a reference key"), "research it rests on"),
            "variations": _list(variation, "other ways to do it"),
            "safety": _text(
                MAX_PARAGRAPH, "shown first, where it asks for disclosure or touches conflict"
            ),
        },
        ["id", "title", "summary", "practice", "minutes", "depth", "moods", "steps", "why"],
        "a guided exercise",
    )
    reference = _object(
        {
            "key": _name(MAX_NAME, "the key exercises cite"),
            "citation": _text(MAX_PARAGRAPH, "the full citation"),
            "url": _text(MAX_PARAGRAPH, "where to read it"),
        },
        ["key", "citation"],
        "a research reference",
    )
    meta = _object(
        {
            "name": _name(MAX_NAME, "the pack's name, which starts every id"),
            "version": _text(MAX_NAME, "the pack's own version"),
            "title": _text(MAX_LINE, "a display title"),
            "description": {"type": "string", "maxLength": MAX_PARAGRAPH},
            "language": {
                "type": "string",
                "pattern": f"^{LANGUAGE_PATTERN}$",
                "description": "a language tag such as en, es or pt-BR (default en)",
            },
            "authors": _list(_text(MAX_LINE, "an author"), "who wrote it"),
            "license": {
                "type": "string",
                "maxLength": MAX_NAME,
                "description": "an SPDX license id",
            },
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
        "description": "A pack of prompts and exercises for the intimacy library.",
        "type": "object",
        "properties": {
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
                    "propertyNames": {"pattern": f"^{ID_PATTERN}$", "maxLength": MAX_ID},
                    "additionalProperties": {"type": "string", "pattern": f"^{ID_PATTERN}$"},
                },
            }
        },
    }


def _translation_schemas(variation: dict[str, Any]) -> dict[str, Any]:
    """The items of a translation pack: the words of a prompt or an exercise, by its id."""
    item_id = {
        "type": "string",
        "pattern": f"^{ID_PATTERN}$",
        "maxLength": MAX_ID,
        "description": "the id of the translated item in its own pack",
    }
    prompt = _object(
        {
            "id": item_id,
            "text": _text(MAX_PROMPT_TEXT, "the prompt, in this language"),
            "follow_ups": _list(
                _text(MAX_PROMPT_TEXT, "a follow-up"), "as many as the source has, in order"
            ),
        },
        ["id", "text"],
        "a prompt's words in another language",
    )
    exercise = _object(
        {
            "id": item_id,
            "title": _text(MAX_LINE, "the title"),
            "summary": _text(MAX_PROMPT_TEXT, "one line"),
            "steps": _list(_text(MAX_PARAGRAPH, "a step's text"), "one per source step, in order"),
            "why": _text(MAX_PARAGRAPH, "why it works"),
            "variations": _list(variation, "the source's variation names, in order"),
            "safety": _text(MAX_PARAGRAPH, "where the source has a safety note"),
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
