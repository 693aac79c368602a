"""The JSON Schema agrees with the loader, both ways, except for the rules it cannot say.

Documents generated from the shipped schema (hypothesis-jsonschema) load once they obey the
cross-field rules listed in ``BEYOND_THE_SCHEMA``; packs the loader accepts (generated, bundled,
translated) are valid under the schema; and the bad-pack corpus fails both, unless its problem
really is beyond a schema.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
import unicodedata
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import intimacy
from intimacy import PackError, Translation, dumps_pack, load_pack, loads_pack, loads_translation
from intimacy import testing as strategies
from intimacy.cli import main
from intimacy.model.models import MAX_EXERCISE_MINUTES, MAX_ID, MAX_PROMPT_TEXT
from intimacy.model.placeholders import unknown_placeholders
from intimacy.model.text import is_blank
from intimacy.packs.schema import BEYOND_THE_SCHEMA, SCHEMA_ID, pack_schema, pack_schema_json

ROOT = Path(__file__).parent.parent
BAD_PACKS = Path(__file__).parent / "bad_packs"
SHIPPED = json.loads(files("intimacy").joinpath("pack.schema.json").read_text("utf-8"))
# Loader messages of bad packs whose problem a schema cannot see (see BEYOND_THE_SCHEMA): the
# schema must accept those files, and fail every other one.
BEYOND_PHRASES = (
    "more than once",  # ids, reference keys, translated ids
    "must start with",  # ids carry the pack's name
    "add up",  # an exercise's minutes
    "differs from the pack",  # an item's language
    "is still in the pack",  # a retired id
    "is not an id in this pack",  # a retired id's successor
    "appears twice",  # a duplicate key, which a parsed document no longer shows
    r"U\+D[89A-F]",  # a lone surrogate
)
# A document generated from the whole schema takes about a tenth of a second: a third of the
# loaded profile's examples (see the profiles in conftest.py).
SCHEMA_EXAMPLES = settings(
    max_examples=max(10, settings().max_examples // 3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


VALIDATOR = jsonschema.Draft202012Validator(SHIPPED)


@pytest.fixture(name="validator", scope="module")
def fixture_validator() -> jsonschema.Draft202012Validator:
    """A validator for the schema the package ships, itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(SHIPPED)
    return VALIDATOR


def _valid(validator: jsonschema.Draft202012Validator, data: object) -> bool:
    return not list(validator.iter_errors(data))


def _meta(**extra: str) -> dict[str, Any]:
    return {"pack": {"name": "mine", "version": "1", "title": "Mine", **extra}}


def _prompt(**fields: Any) -> dict[str, Any]:
    base = {"id": "mine/a", "text": "Hi?", "practice": "empathy", "moods": ["calm"]}
    return {**base, "minutes": 2, "depth": 1, **fields}


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [_nfc(sub) for sub in value]
    return value


def _whole_numbers(value: Any) -> Any:
    """``value`` with each float written as the integer it is (the schema's integers only)."""
    if isinstance(value, float):
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(sub) for sub in value]
    return value


def obey_cross_field_rules(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a schema-valid ``document`` changed only where it breaks a listed rule.

    Ids get the pack's (or translated pack's) name and are made unique; items' languages become
    the pack's; exercises keep the steps that fit their limit, and their minutes become the sum;
    reference keys are made unique; retired ids are moved into the pack and point at its items;
    whole numbers are written as integers. Everything else is left as generated, so the loader
    must accept the result.
    """
    doc: dict[str, Any] = _whole_numbers(copy.deepcopy(document))
    meta = doc["pack"]
    translation = "translates" in meta
    owner = meta["translates"] if translation else meta["name"]
    seen: set[str] = set()

    def fresh(candidate: str) -> str:
        number = 0
        while len(candidate) > MAX_ID or candidate in seen:
            candidate, number = f"{owner}/n{number}", number + 1
        seen.add(candidate)
        return candidate

    for kind in ("prompts", "exercises"):
        for item in doc.get(kind, []):
            item["id"] = fresh(f"{owner}/{item['id'].split('/', 1)[1]}")
            if "language" in item:
                item["language"] = meta.get("language", "en")
            if kind == "exercises" and not translation:
                kept: list[dict[str, Any]] = []
                total = 0
                for step in item["steps"]:
                    if total + step["minutes"] > MAX_EXERCISE_MINUTES:
                        break
                    kept, total = [*kept, step], total + step["minutes"]
                item["steps"], item["minutes"] = kept, total
    if "references" in doc:
        by_key = {reference["key"]: reference for reference in reversed(doc["references"])}
        doc["references"] = [r for r in doc["references"] if by_key[r["key"]] is r]
    if "retired" in doc:
        current = sorted(seen)
        retired = {}
        for index, old in enumerate(doc["retired"]):
            moved = f"{owner}/{old.split('/', 1)[1]}"
            if current and moved not in seen and len(moved) <= MAX_ID:
                retired[moved] = current[index % len(current)]
        doc["retired"] = retired
    return doc


def load_json(text: str, translation: bool) -> intimacy.Pack | Translation:
    """Load JSON text as a pack or a translation pack."""
    return loads_translation(text, "json") if translation else loads_pack(text, "json")


class TestShippedSchema:
    """The shipped file, its URL, and what it says it cannot check."""

    def test_shipped_schema_is_current(self) -> None:
        """The shipped file is exactly what the models and enums generate."""
        assert files("intimacy").joinpath("pack.schema.json").read_text("utf-8") == (
            pack_schema_json()
        )
        schema: Any = intimacy.pack_schema()  # JSON values: walked here without narrowing each
        prompts = schema["else"]["properties"]["prompts"]
        assert prompts["items"]["properties"]["moods"]["items"]["enum"] == list(
            intimacy.Mood.names()
        )

    def test_id_is_where_the_docs_serve_the_file(self) -> None:
        """The $id is an https URL of pack.schema.json, and the docs build copies the file."""
        assert SHIPPED["$id"] == SCHEMA_ID
        assert SCHEMA_ID.startswith("https://")
        assert SCHEMA_ID.endswith("/pack.schema.json")
        conf = (ROOT / "docs" / "conf.py").read_text("utf-8")
        assert '"../src/intimacy/pack.schema.json"' in conf

    def test_description_lists_every_rule_beyond_the_schema(self) -> None:
        """The schema's description names each rule the loader checks and the schema cannot."""
        for number, rule in enumerate(BEYOND_THE_SCHEMA, 1):
            assert f"({number}) {rule}" in SHIPPED["description"]

    def test_docs_list_exactly_the_rules_beyond_the_schema(self) -> None:
        """docs/packs.md's schema section lists the same rules, in the same order."""
        text = (ROOT / "docs" / "packs.md").read_text("utf-8")
        section = text.split("## The schema", 1)[1].split("\n## ", 1)[0]
        items = re.split(r"\n\d+\. ", section.split("\n\n1. ", 1)[1].split("\n\n", 1)[0])
        assert [" ".join(item.split()) for item in items] == [
            f"{rule}." for rule in BEYOND_THE_SCHEMA
        ]


class TestSchemaAgreesOnExamples:
    """Small documents each show one rule the schema now says as the loader does."""

    @pytest.mark.parametrize(
        ("document", "loads"),
        [
            (_meta(name="mine\n"), False),
            (_meta(title="Mine\u202e"), False),
            (_meta(title="Mine\x07"), False),
            (_meta(title="\u3000\u00a0"), False),
            (_meta(title="\ufeff"), False),
            (_meta(title="\u200b\u3164"), False),
            (_meta(language="pt-BR"), True),
            (_meta(language="en-" + "x" * 8 + "-" + "y" * 8), True),
            (_meta(language="en-" + "x" * 8 + "-" + "y" * 8 + "z"), False),
            (_meta(description=""), True),
            (_meta(description="line\nline\t"), True),
            (_meta(license="MIT\x1f"), False),
            ({**_meta(), "$schema": SCHEMA_ID}, True),
            ({**_meta(), "$schema": 1}, False),
            ({**_meta(), "prompts": [_prompt(text="Ask $partner, then $$5 or $5.")]}, True),
            ({**_meta(), "prompts": [_prompt(text="Ask ${partner_b}.")]}, True),
            ({**_meta(), "prompts": [_prompt(text="Ask $partnr.")]}, False),
            ({**_meta(), "prompts": [_prompt(text="Ask $partner_c.")]}, False),
            ({**_meta(), "prompts": [_prompt(text="Ask ${Partner}.")]}, False),
            ({**_meta(), "prompts": [_prompt(text="Ask ${ partner}.")]}, True),
            ({**_meta(), "prompts": [_prompt(tags=["a\n"])]}, False),
            ({**_meta(), "prompts": [_prompt(id="mine/a\n")]}, False),
            ({**_meta(), "references": [{"key": "k", "citation": "c", "url": None}]}, True),
            ({**_meta(), "references": [{"key": "k", "citation": "c $x"}]}, True),
            ({**_meta(), "retired": {"mine/" + "o" * 80: "mine/a"}, "prompts": [_prompt()]}, False),
            (
                {
                    **_meta(translates="core", language="es"),
                    "prompts": [{"id": "core/a", "text": "Pregunta a $pareja."}],
                },
                False,
            ),
        ],
    )
    def test_schema_and_loader_agree(
        self, validator: jsonschema.Draft202012Validator, document: dict[str, Any], loads: bool
    ) -> None:
        """The loader accepts the document exactly when the schema does."""
        translation = "translates" in document["pack"]
        try:
            load_json(json.dumps(document), translation)
        except PackError:
            loaded = False
        else:
            loaded = True
        assert (loaded, _valid(validator, document)) == (loads, loads)

    def test_whole_numbers_with_a_fraction_are_beyond_the_schema(
        self, validator: jsonschema.Draft202012Validator
    ) -> None:
        """2.0 is an integer to JSON Schema and not to the loader: a listed rule."""
        document = {**_meta(), "prompts": [_prompt(minutes=2.0)]}
        assert _valid(validator, document)
        with pytest.raises(PackError, match="must be a whole number"):
            loads_pack(json.dumps(document), "json")
        assert any("2.0" in rule for rule in BEYOND_THE_SCHEMA)

    def test_nfc_is_beyond_the_schema(self, validator: jsonschema.Draft202012Validator) -> None:
        """Decomposed text counts its NFC length, which the schema cannot know: a listed rule."""
        decomposed = "e\u0301" * (MAX_PROMPT_TEXT // 2 + 1)
        document = {**_meta(), "prompts": [_prompt(text=decomposed)]}
        assert not _valid(validator, document)
        assert loads_pack(json.dumps(document), "json").prompts[0].text == (
            unicodedata.normalize("NFC", decomposed)
        )


TEXT_PIECES = st.sampled_from(
    [
        *("a", "Z", "1", "_", "é", "{", "}", "-", " ", "\t", "\n", "\u00a0", "\u3000", "\ufeff"),
        *("\u200b", "\u3164", "\u2800"),
        *("\x85", "\x1f", "\x7f", "\u202e", "\u061c", "$", "$$", "partner", "partner_a", "_b"),
    ]
)


class TestTextPatterns:
    """The text patterns say what the loader's checks say, on text built to probe them."""

    @given(st.lists(TEXT_PIECES, max_size=8).map("".join))
    def test_said_text_pattern_is_the_loader_rule(self, text: str) -> None:
        """A prompt's text matches its pattern exactly when the loader accepts it as text."""
        schema: Any = pack_schema()
        pattern = schema["else"]["properties"]["prompts"]["items"]["properties"]["text"]
        forbidden = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e]", text)
        loads = not is_blank(text) and not forbidden and not unknown_placeholders(text)
        assert bool(re.search(pattern["pattern"], text)) == loads

    @given(st.lists(TEXT_PIECES, max_size=8).map("".join))
    def test_plain_text_pattern_is_the_loader_rule(self, text: str) -> None:
        """A pack's title matches its pattern exactly when it is not blank and has no control."""
        schema: Any = pack_schema()
        pattern = schema["properties"]["pack"]["properties"]["title"]["pattern"]
        forbidden = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e]", text)
        assert bool(re.search(pattern, text)) == (not is_blank(text) and not forbidden)


class TestBothWays:
    """Generated documents load; loaded packs are valid."""

    @SCHEMA_EXAMPLES
    @given(from_schema(SHIPPED))
    def test_schema_valid_documents_load(self, document: dict[str, Any]) -> None:
        """A document the schema accepts loads, once it obeys the rules beyond the schema."""
        validator = VALIDATOR
        doc = obey_cross_field_rules(document)
        assert _valid(validator, doc), "the repair broke the schema"
        assume(_valid(validator, _nfc(doc)))  # NFC may lengthen a text: a listed rule
        load_json(json.dumps(doc, ensure_ascii=False), "translates" in doc["pack"])

    @given(strategies.packs())
    def test_loaded_packs_are_valid(
        self, validator: jsonschema.Draft202012Validator, pack: intimacy.Pack
    ) -> None:
        """Every generated pack, and a translation of it, written as JSON, is schema-valid."""
        for loaded in (pack, strategies.translation_of(pack)):
            data = json.loads(dumps_pack(loaded, "json"))
            assert list(validator.iter_errors(data)) == []

    def test_bundled_packs_pass(self, validator: jsonschema.Draft202012Validator) -> None:
        """Every bundled pack and translation file is valid under the schema."""
        checked = 0
        for entry in files("intimacy.data").iterdir():
            if entry.name.endswith(".json"):
                assert list(validator.iter_errors(json.loads(entry.read_bytes()))) == []
                checked += 1
        assert checked >= 2

    def test_starter_pack_passes(self, validator: jsonschema.Draft202012Validator) -> None:
        """The starter pack that new-pack writes is valid under the schema."""
        from intimacy.authoring.starter import starter_pack

        assert list(validator.iter_errors(tomllib.loads(starter_pack("ours")))) == []

    def test_schema_tells_translation_packs_apart(
        self, validator: jsonschema.Draft202012Validator
    ) -> None:
        """A translation pack is valid with words only; a pack's fields are not allowed in it."""
        meta: dict[str, Any] = {"name": "core-es", "version": "1", "title": "Es"}
        meta["translates"] = "core"
        spanish: dict[str, Any] = {**meta, "language": "es"}
        words: dict[str, Any] = {"id": "core/a", "text": "¿Qué te hizo reír hoy?"}
        with_practice: dict[str, Any] = {**words, "practice": "empathy"}
        assert _valid(validator, {"pack": spanish, "prompts": [words]})
        assert not _valid(validator, {"pack": meta, "prompts": [words]})  # no language
        assert not _valid(validator, {"pack": spanish, "prompts": [with_practice]})
        assert not _valid(validator, {"pack": spanish, "retired": {}})


def test_cli_prints_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """intimacy schema prints the schema as JSON."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "intimacy pack"


def corpus() -> list[Path]:
    return sorted(p for p in BAD_PACKS.glob("*") if p.suffix in {".toml", ".json"})


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_schema_and_loader_agree_on_bad_packs(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    """Each bad pack fails to load; the schema fails it too unless every problem is beyond one."""
    with pytest.raises(PackError) as info:
        load_pack(path)
    try:
        raw = path.read_bytes()
        data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw.decode())
    except (ValueError, RecursionError):
        return  # not a document at all: its text is what is wrong
    beyond = all(
        any(re.search(phrase, problem.message) for phrase in BEYOND_PHRASES)
        for problem in info.value.problems
    )
    assert _valid(validator, data) == beyond, f"the schema and {path.name} disagree"


def test_corpus_exists() -> None:
    """The bad-pack corpus is there to compare against."""
    assert len(corpus()) >= 40
