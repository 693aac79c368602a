"""The JSON Schema agrees with the loader: on the bundled packs and on the bad-pack corpus."""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import intimacy
from intimacy import PackError, load_pack
from intimacy._schema import pack_schema_json
from intimacy.cli import main

BAD_PACKS = Path(__file__).parent / "bad_packs"
# Problems that need more than one field, or the text itself, which a schema cannot see.
BEYOND_THE_SCHEMA = (
    "add up",
    "more than once",
    "must start with",
    "differs from the pack",
    "placeholder",
    "control or text-direction",
    "nested too deeply",
    "not valid UTF-8",
    "invalid JSON",
    "invalid TOML",
    "larger than",
    "appears twice",
    "finite number",
    "is still in the pack",
    "is not an id in this pack",
)


@pytest.fixture(name="validator", scope="module")
def fixture_validator() -> jsonschema.Draft202012Validator:
    """A validator for the schema the package ships."""
    schema = json.loads(files("intimacy").joinpath("pack.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_current() -> None:
    """The shipped file is exactly what the models and enums generate."""
    assert files("intimacy").joinpath("pack.schema.json").read_text("utf-8") == pack_schema_json()
    schema: Any = intimacy.pack_schema()  # JSON values: walked here without narrowing each
    prompts = schema["else"]["properties"]["prompts"]
    assert prompts["items"]["properties"]["moods"]["items"]["enum"] == list(intimacy.Mood.names())


def test_schema_tells_translation_packs_apart(
    validator: jsonschema.Draft202012Validator,
) -> None:
    """A translation pack is valid with words only, and a pack's fields are not allowed in it."""
    meta = {"name": "core-es", "version": "1", "title": "Es", "translates": "core"}
    words = {"id": "core/a", "text": "¿Qué te hizo reír hoy?"}
    assert not list(validator.iter_errors({"pack": {**meta, "language": "es"}, "prompts": [words]}))
    assert list(validator.iter_errors({"pack": meta, "prompts": [words]}))  # no language
    with_practice = {**words, "practice": "empathy"}
    assert list(
        validator.iter_errors({"pack": {**meta, "language": "es"}, "prompts": [with_practice]})
    )
    assert list(validator.iter_errors({"pack": {**meta, "language": "es"}, "retired": {}}))


def test_cli_prints_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """intimacy schema prints the schema as JSON."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "intimacy pack"


def test_bundled_packs_pass(validator: jsonschema.Draft202012Validator) -> None:
    """Every bundled pack file is valid under the schema."""
    for entry in files("intimacy.data").iterdir():
        if entry.name.endswith(".json"):
            assert list(validator.iter_errors(json.loads(entry.read_bytes()))) == []


def test_starter_pack_passes(validator: jsonschema.Draft202012Validator) -> None:
    """The starter pack that new-pack writes is valid under the schema."""
    from intimacy._starter import starter_pack

    assert list(validator.iter_errors(tomllib.loads(starter_pack("ours")))) == []


def corpus() -> list[Path]:
    return sorted(p for p in BAD_PACKS.glob("*") if p.suffix in {".toml", ".json"})


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_schema_and_loader_agree_on_bad_packs(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    """Each bad pack fails to load; unless its problem is beyond a schema, the schema fails it."""
    with pytest.raises(PackError) as info:
        load_pack(path)
    if any(phrase in str(info.value) for phrase in BEYOND_THE_SCHEMA):
        return
    raw = path.read_bytes()
    data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw.decode())
    assert list(validator.iter_errors(data)), f"the schema accepts {path.name}"


def test_corpus_exists() -> None:
    """The bad-pack corpus is there to compare against."""
    assert len(corpus()) >= 40
