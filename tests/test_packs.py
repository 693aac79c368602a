"""Tests for reading and writing pack files: bad files, file handling, round trips and fuzzing.

``tests/bad_packs/`` holds one tiny file per way a pack can be wrong; ``EXPECTED`` below says,
for each, which problem paths the error must list and what its first message must say.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import shutil
import string
import tomllib
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import intimacy
from intimacy import (
    Exercise,
    IntimacyError,
    Pack,
    PackError,
    Prompt,
    Reference,
    Step,
    Variation,
    dumps_pack,
    load_pack,
    load_packs,
    loads_pack,
)
from intimacy import testing as strategies
from intimacy.model.convert import structure, unstructure
from intimacy.packs import codec
from intimacy.packs.toml_writer import dumps_toml

if TYPE_CHECKING:
    from intimacy.model.errors import Problem
    from intimacy.model.translations import Translation

Format = Literal["toml", "json"]
FORMATS: tuple[Format, ...] = ("toml", "json")
BAD_PACKS = Path(__file__).parent / "bad_packs"
SOURCE = "fuzz.pack"


class Bad(NamedTuple):
    """What loading one bad pack must report: the first problem, and any that follow it."""

    path: str
    line: int | None
    message: str
    also: tuple[str, ...] = ()


_MISSING_PACK = ("pack.name", "pack.version", "pack.title")

EXPECTED: dict[str, Bad] = {
    # A value of the wrong type is never coerced.
    "text-is-number.toml": Bad("prompts[0].text", 8, "must be a string, not a whole number (5)"),
    "minutes-is-string.json": Bad("prompts[0].minutes", 5, "must be a whole number, not a string"),
    "moods-is-string.toml": Bad("prompts[0].moods", 10, "must be a list, not a string ('calm')"),
    "tags-is-string.json": Bad("prompts[0].tags", 5, "must be a list, not a string ('abc')"),
    "minutes-false-string.json": Bad("prompts[0].minutes", 5, "not a string ('false')"),
    "minutes-is-bool.toml": Bad("prompts[0].minutes", 11, "not a boolean (True)"),
    "minutes-is-float.json": Bad("prompts[0].minutes", 5, "not a decimal number (2.5)"),
    "title-is-date.toml": Bad("pack.title", 4, "must be a string, not date"),
    "license-is-null.json": Bad("pack.license", 2, "must be a string, not null"),
    "item-not-table.json": Bad("prompts[0]", 4, "must be a table, not a whole number (1)"),
    "prompts-not-list.toml": Bad("prompts", 1, "must be a list, not a string ('mini/hello')"),
    "pack-not-table.json": Bad("pack", 1, "a [pack] table with name", _MISSING_PACK),
    # Unknown keys are rejected at every level, naming the keys that are allowed.
    "unknown-item-key.toml": Bad(
        "prompts[0].colour", 13, "is not a known key; use one of id, text"
    ),
    "unknown-step-key.json": Bad(
        "exercises[0].steps[0].who", 7, "is not a known key; use one of text, minutes, role"
    ),
    "unknown-pack-key.json": Bad(
        "pack.homepage", 2, "is not a known key; use one of name, version"
    ),
    "unknown-top-key.toml": Bad("settings", 6, "is not a known section; use one of pack, prompts"),
    # Vocabulary: exact slugs only, with the closest name suggested.
    "unknown-practice.json": Bad(
        "prompts[0].practice", 4, "'empathie' is not a practice; did you mean 'empathy'?"
    ),
    "unknown-mood.toml": Bad(
        "prompts[0].moods[1]", 10, "'tird' is not a mood; did you mean 'tired'?"
    ),
    "mood-alias.json": Bad(
        "prompts[0].moods[1]", 5, "'sleepy' is not a mood; did you mean 'tired'?"
    ),
    "mood-wrong-case.toml": Bad(
        "prompts[0].moods[0]", 10, "'Calm' is not a mood; did you mean 'calm'?"
    ),
    "unknown-role.json": Bad(
        "exercises[0].steps[1].role", 8, "'listenr' is not a role; did you mean 'listener'?"
    ),
    "role-narrator.toml": Bad(
        "exercises[0].steps[0].role", 17, "'narrator' is not a role; choose from: both, speaker"
    ),
    "unknown-topic.toml": Bad(
        "prompts[0].topics[0]", 13, "'famly' is not a topic; did you mean 'family'?"
    ),
    "depth-as-name.json": Bad("prompts[0].depth", 5, "must be 1 (light), 2 (personal) or 3 (deep)"),
    # Ids and names.
    "duplicate-id.json": Bad("prompts[1].id", 6, "'mini/hello' is used more than once"),
    "id-wrong-prefix.toml": Bad("prompts[0].id", 7, "'core/hello' must start with 'mini/'"),
    "id-bad-chars.json": Bad("prompts[0].id", 4, "'mini/Hello World' is not an id"),
    "bad-pack-name.toml": Bad("pack.name", 2, "'Mini Pack' is not a pack name"),
    "bad-tag.json": Bad("prompts[0].tags", 5, "'date night' is not a tag"),
    "bad-language-tag.json": Bad("pack.language", 2, "'English' is not a language tag"),
    "item-language.toml": Bad(
        "prompts[0].language", 13, "'de' differs from the pack's language 'en'"
    ),
    "duplicate-reference.json": Bad(
        "references[0].key", 4, "'gottman1999' is used more than once", ("references[1].key",)
    ),
    # Values out of range.
    "exercise-minutes-mismatch.toml": Bad(
        "exercises[0].minutes", 11, "is 10 but the steps add up to 6"
    ),
    "empty-text.json": Bad("prompts[0].text", 4, "must not be empty"),
    "whitespace-text.toml": Bad("prompts[0].text", 8, "must not be empty"),
    "text-too-long.json": Bad("prompts[0].text", 4, "is 303 characters long; the limit is 300"),
    "empty-follow-up.toml": Bad("prompts[0].follow_ups[1]", 13, "must not be empty"),
    "depth-zero.toml": Bad("prompts[0].depth", 12, "or 3 (deep), not a whole number (0)"),
    "depth-four.json": Bad("prompts[0].depth", 5, "or 3 (deep), not a whole number (4)"),
    "minutes-zero.toml": Bad("prompts[0].minutes", 11, "must be from 1 to 240, not 0"),
    "minutes-negative.json": Bad("prompts[0].minutes", 5, "must be from 1 to 240, not -5"),
    "empty-moods.toml": Bad("prompts[0].moods", 10, "must not be empty"),
    "empty-steps.json": Bad(
        "exercises[0].steps", 7, "must not be empty", ("exercises[0].minutes",)
    ),
    "missing-field.json": Bad("prompts[0].practice", 4, "is required but missing"),
    "missing-exercise-why.toml": Bad("exercises[0].why", 6, "is required but missing"),
    # The shape of the file.
    "missing-pack-table.toml": Bad("pack", None, "a [pack] table with name", _MISSING_PACK),
    "empty-file.toml": Bad("pack", None, "a [pack] table with name", _MISSING_PACK),
    "schema-version.json": Bad("pack.schema_version", 2, "2 is not supported"),
    # Retired ids: each names a successor in the pack, and an item that is gone.
    "retired-unknown-successor.toml": Bad(
        "retired.mini/old-hello", 14, "its successor 'mini/helo' is not an id in this pack"
    ),
    "retired-still-present.json": Bad("retired.mini/hello", 7, "'mini/hello' is still in the pack"),
    "retired-not-table.json": Bad("retired", 7, "must be a table of old id = new id, not a list"),
    "top-level-array.json": Bad("", None, "the file must hold a table with a [pack] section"),
    "deeply-nested.json": Bad("", None, "the data is nested too deeply"),
    # Syntax.
    "malformed.toml": Bad("", 4, "invalid TOML: Illegal character '\\n' (at line 4"),
    "malformed.json": Bad("", 3, "invalid JSON: Expecting property name"),
    "duplicate-key.json": Bad("", None, "invalid JSON: the key 'version' appears twice"),
    "nan.json": Bad("pack.schema_version", 2, "NaN is not allowed: use a finite number"),
    "infinity.json": Bad("pack.schema_version", 2, "-Infinity is not allowed"),
    # Characters.
    "invalid-utf8.toml": Bad("", 4, "is not valid UTF-8 (byte 49)"),
    "control-char.toml": Bad("prompts[0].text", 8, "text-direction character (U+0007)"),
    "bidi-override.json": Bad("prompts[0].text", 4, "text-direction character (U+202E)"),
    "lone-surrogate.json": Bad("prompts[0].text", 4, "text-direction character (U+D83D)"),
    "backspace-escape.json": Bad("prompts[0].text", 4, "text-direction character (U+0008)"),
    "carriage-return-escape.toml": Bad("prompts[0].text", 8, "text-direction character (U+000D)"),
    "invisible-text.toml": Bad("prompts[0].text", 8, "must not be empty"),
    # Lines are counted as TOML counts them: U+2028, U+2029 and U+0085 do not end one.
    "line-separator.toml": Bad("pack.colour", 5, "is not a known key", ("pack.title",)),
    # Hostile input: each a clear one-line problem with its place, keys quoted.
    "deep-key.toml": Bad("", 5, "invalid TOML: a key or table header of 17 parts; the limit is 16"),
    "deep-header.toml": Bad("", 6, "a key or table header of 20 parts; the limit is 16"),
    "huge-number.toml": Bad("", 5, "invalid TOML: a whole number of more than 4,300 digits"),
    "huge-number.json": Bad("", 3, "invalid JSON: a whole number of more than 4,300 digits"),
    "empty-key.json": Bad("['']", 3, "is not a known section; use one of pack"),
    "escape-in-key.json": Bad("['a\\nb']", 4, "is not a known section", ("pack['x\\x1b[2J']",)),
    "nan-in-list.json": Bad("prompts[0].minutes", 4, "Infinity is not allowed"),
}

#: Emoji sequences that must come back exactly as written: ZWJ sequences, skin tones, flags,
#: keycaps and variation selectors.
EMOJI = (
    "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468",  # couple with heart: woman, man
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family
    "\U0001f44b\U0001f3fd",  # waving hand, medium skin tone
    "\U0001f1ea\U0001f1f8",  # flag of Spain
    "1\ufe0f\u20e3",  # keycap one
    "\u2764\ufe0f",  # red heart
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
)

PROMPT_KEYS = ("id", "text", "practice", "moods", "minutes", "depth", "topics", "tags")
ITEM_KEYS = (*PROMPT_KEYS, "follow_ups", "language", "title", "summary", "steps", "why")
PACK_KEYS = ("name", "version", "title", "description", "language", "authors", "schema_version")
KEY_PATH = r"[a-z_]+(\[\d+\])*(\.[a-z_]+(\[\d+\])*)*"


def _prompt(pack: str = "mini", text: str = "What made you smile today?") -> Prompt:
    return Prompt(
        id=f"{pack}/hello",
        text=text,
        practice="empathy",
        moods={"calm"},
        minutes=3,
        depth=1,
    )


def _pack(name: str = "mini", *prompts: Prompt) -> Pack:
    return Pack(
        name=name,
        version="1.0",
        title=f"The {name} pack",
        prompts=prompts or (_prompt(name),),
    )


def _raw_pack(text: str) -> dict[str, Any]:
    """A minimal pack as plain data, with ``text`` as the one prompt's text and as the title."""
    return {
        "pack": {"name": "mini", "version": "1.0", "title": text},
        "prompts": [
            {
                "id": "mini/hello",
                "text": text,
                "practice": "empathy",
                "moods": ["calm"],
                "minutes": 3,
                "depth": 1,
            }
        ],
    }


def _load_bad(file: Path) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(file)
    return info.value


def _load_or_error(text: str | bytes, fmt: Format) -> Pack | PackError:
    """Load ``text``; a failure must be a :class:`PackError` whose every line names its source."""
    result: Pack | PackError
    try:
        result = loads_pack(text, fmt, source=SOURCE)
    except PackError as err:
        result = err
    if isinstance(result, PackError):
        assert result.problems
        assert str(result).startswith(f"{SOURCE}")
        for problem in result.problems:
            assert problem.source == SOURCE
            assert problem.message
            assert "\n" not in problem.message
    else:
        assert isinstance(result, Pack)
    return result


def _assert_round_trips(pack: Pack) -> None:
    for fmt in FORMATS:
        assert loads_pack(dumps_pack(pack, fmt), fmt) == pack


class TestBadPackCorpus:
    """Every file in ``tests/bad_packs/`` fails with the problem ``EXPECTED`` names."""

    def test_corpus_and_table_agree(self) -> None:
        """Each bad pack has an expectation and each expectation a file, in both formats."""
        files = {file.name for file in BAD_PACKS.iterdir()}
        assert files == set(EXPECTED)
        assert len(files) >= 44
        toml = sum(name.endswith(".toml") for name in files)
        json_ = sum(name.endswith(".json") for name in files)
        assert toml + json_ == len(files)
        assert min(toml, json_) >= len(files) // 3

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_bad_pack_reports_its_path_and_reason(self, name: str) -> None:
        """The error lists exactly the expected paths and line, each line naming the file."""
        bad = EXPECTED[name]
        file = BAD_PACKS / name
        error = _load_bad(file)
        assert [problem.path for problem in error.problems] == [bad.path, *bad.also]
        assert bad.message in error.problems[0].message
        assert error.problems[0].line == bad.line
        assert all(problem.source == str(file) for problem in error.problems)
        where = f"{file}:{bad.line}" if bad.line else f"{file}"
        assert str(error).startswith(f"{where}: {bad.path}: " if bad.path else f"{where}: ")
        assert all(line.startswith(f"{file}") for line in str(error).splitlines())

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_loads_pack_reports_the_same(self, name: str) -> None:
        """Loading the file's bytes with ``loads_pack`` gives the same problems, under its name."""
        file = BAD_PACKS / name
        fmt: Format = "json" if file.suffix == ".json" else "toml"
        with pytest.raises(PackError) as info:
            loads_pack(file.read_bytes(), fmt, source=name)
        expected = [(problem.path, problem.message) for problem in _load_bad(file).problems]
        assert [(problem.path, problem.message) for problem in info.value.problems] == expected
        assert str(info.value).startswith(f"{name}")

    def test_message_reads_as_one_line_with_the_fix(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file named by a relative path gives one line naming file, place and the fix."""
        monkeypatch.chdir(BAD_PACKS)
        error = _load_bad(Path("mood-alias.json"))
        assert str(error) == (
            "mood-alias.json:5: prompts[0].moods[1]: 'sleepy' is not a mood; did you mean 'tired'?"
        )

    def test_pack_error_is_an_intimacy_error_and_value_error(self) -> None:
        """Callers can catch a bad pack as IntimacyError or as ValueError."""
        error = _load_bad(BAD_PACKS / "empty-text.json")
        assert isinstance(error, IntimacyError)
        assert isinstance(error, ValueError)
        assert isinstance(error.problems[0], intimacy.Problem)

    def test_string_is_not_split_into_a_list(self) -> None:
        """``moods = "calm"`` is one wrong value, not the moods c, a, l and m."""
        error = _load_bad(BAD_PACKS / "moods-is-string.toml")
        assert len(error.problems) == 1
        assert "'c'" not in str(error)

    def test_metadata_problems_are_not_hidden_by_item_problems(self) -> None:
        """A bad pack name and schema version are reported along with a bad prompt."""
        data = _raw_pack("Hello?")
        data["pack"].update(name="Mini Pack", schema_version=2)
        data["prompts"][0]["minutes"] = "3"
        with pytest.raises(PackError) as info:
            loads_pack(json.dumps(data), "json")
        paths = [problem.path for problem in info.value.problems]
        assert paths == ["prompts[0].minutes", "pack.name", "pack.schema_version"]

    def test_metadata_type_error_is_reported_once(self) -> None:
        """A metadata problem found by both checks appears only once."""
        data = _raw_pack("Hello?")
        data["pack"]["name"] = 5
        data["prompts"][0]["minutes"] = "3"
        with pytest.raises(PackError) as info:
            loads_pack(json.dumps(data), "json")
        assert [problem.path for problem in info.value.problems] == [
            "pack.name",
            "prompts[0].minutes",
        ]

    def test_item_problem_with_valid_metadata(self) -> None:
        """Valid metadata adds nothing to the problems of a bad item."""
        data = _raw_pack("Hello?")
        data["prompts"][0]["depth"] = 9
        with pytest.raises(PackError) as info:
            loads_pack(json.dumps(data), "json")
        assert [problem.path for problem in info.value.problems] == ["prompts[0].depth"]

    @pytest.mark.parametrize("depth", [50, 500, 700, 900, 990, 1000, 5000, 100_000])
    @pytest.mark.parametrize(
        "wrap",
        [
            pytest.param("{}", id="top"),
            pytest.param('{{"pack": {{"name": "mini"}}, "prompts": [{}]}}', id="in-prompts"),
            pytest.param('{{"pack": {{"name": "mini", "authors": {}}}}}', id="in-pack"),
        ],
    )
    @pytest.mark.parametrize("leaf", ["", '"caf\\u00e9"'], ids=["empty", "escaped-text"])
    def test_deep_nesting_is_a_pack_error(self, depth: int, wrap: str, leaf: str) -> None:
        """JSON nested to any depth gives a PackError, never a RecursionError."""
        text = wrap.format("[" * depth + leaf + "]" * depth)
        error = _load_or_error(text, "json")
        assert isinstance(error, PackError)
        if depth >= 5000:
            assert "nested too deeply" in str(error)

    @pytest.mark.parametrize("depth", [50, 500, 990, 5000, 100_000])
    def test_deep_nesting_in_toml_is_a_pack_error(self, depth: int) -> None:
        """Deeply nested TOML arrays and inline tables give a PackError."""
        for opening, closing in (("[", "]"), ("{a = ", "}")):
            text = "[pack]\nauthors = " + opening * depth + closing * depth + "\n"
            assert isinstance(_load_or_error(text, "toml"), PackError)


class TestWhatTheSchemaAlsoSays:
    """Loader rules that the pack schema states too: its own key, placeholders, retired ids."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_schema_key_is_read_and_ignored(self, fmt: Format) -> None:
        """A top-level "$schema" string loads, in JSON and in TOML, and changes nothing."""
        data = _raw_pack("Hello?")
        plain = loads_pack(json.dumps(data), "json")
        url = intimacy.pack_schema()["$id"]
        text = (
            json.dumps({"$schema": url, **data})
            if fmt == "json"
            else (f'"$schema" = "{url}"\n' + dumps_toml(data))
        )
        assert loads_pack(text, fmt) == plain

    def test_schema_key_must_be_a_string(self) -> None:
        """A "$schema" that is not a string is reported at its own key."""
        with pytest.raises(PackError) as info:
            loads_pack(json.dumps({"$schema": 1, **_raw_pack("Hello?")}), "json")
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("$schema", "must be a string: the URL of the pack schema")
        ]

    def test_schema_key_is_only_read_at_the_top(self) -> None:
        """Inside the [pack] table, "$schema" is an unknown key like any other."""
        data = _raw_pack("Hello?")
        data["pack"]["$schema"] = "x"
        with pytest.raises(PackError, match=r"pack\.\$schema: is not a known key"):
            loads_pack(json.dumps(data), "json")

    def test_translation_with_an_unknown_placeholder(self) -> None:
        """A translation's words may use only the known placeholders, as a pack's items."""
        meta = {"name": "mini-es", "version": "1", "title": "Es", "translates": "mini"}
        exercise: dict[str, Any] = {
            "id": "mini/e",
            "title": "T",
            "summary": "S",
            "steps": ["Da $partnr"],
        }
        exercise |= {"why": "$$1", "variations": [{"name": "v", "text": "${x}"}], "safety": "$y"}
        data = {
            "pack": {**meta, "language": "es"},
            "prompts": [
                {"id": "mini/p", "text": "Pregunta a $pareja.", "follow_ups": ["$partner"]}
            ],
            "exercises": [exercise],
        }
        with pytest.raises(PackError) as info:
            intimacy.loads_translation(json.dumps(data), "json")
        assert [p.path for p in info.value.problems] == [
            "prompts[0].text",
            "exercises[0].steps[0]",
            "exercises[0].variations[0].text",
            "exercises[0].safety",
        ]
        assert "uses the unknown placeholder $pareja; use one of $partner" in str(info.value)

    def test_retired_id_longer_than_an_id(self) -> None:
        """A retired id over the 80-character limit of ids is not an id."""
        data = _raw_pack("Hello?")
        data["retired"] = {"mini/" + "o" * 80: "mini/hello"}
        with pytest.raises(PackError, match="at most 80 characters"):
            loads_pack(json.dumps(data), "json")


class TestLoadPack:
    """``load_pack``: files that cannot be read name the file, good files load."""

    @pytest.fixture(name="good_file")
    def fixture_good_file(self, tmp_path: Path) -> Path:
        """A valid TOML pack file."""
        file = tmp_path / "mini.toml"
        file.write_text(dumps_pack(_pack()), encoding="utf-8")
        return file

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_loads_what_dumps_pack_wrote(self, tmp_path: Path, fmt: Format) -> None:
        """A pack written to a file loads back equal, in both formats."""
        file = tmp_path / f"mini.{fmt}"
        file.write_text(dumps_pack(_pack(), fmt), encoding="utf-8")
        assert load_pack(file) == _pack()
        assert load_pack(str(file)) == _pack()

    def test_suffix_case_does_not_matter(self, tmp_path: Path) -> None:
        """``PACK.JSON`` is read as JSON."""
        file = tmp_path / "PACK.JSON"
        file.write_text(dumps_pack(_pack(), "json"), encoding="utf-8")
        assert load_pack(file) == _pack()

    def test_byte_order_mark_is_ignored(self, tmp_path: Path) -> None:
        """A UTF-8 byte order mark, as some editors write, does not break the file."""
        file = tmp_path / "mini.json"
        file.write_bytes(b"\xef\xbb\xbf" + dumps_pack(_pack(), "json").encode())
        assert load_pack(file) == _pack()

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a PackError naming the file and the reason."""
        file = tmp_path / "nowhere.toml"
        error = _load_bad(file)
        assert str(error) == f"{file}: cannot be read: No such file or directory"

    def test_directory_is_not_a_file(self, tmp_path: Path) -> None:
        """A directory given as a pack file is a PackError naming it."""
        folder = tmp_path / "pack.toml"
        folder.mkdir()
        error = _load_bad(folder)
        assert str(error).startswith(f"{folder}: cannot be read: ")
        assert error.problems[0].source == str(folder)

    @pytest.mark.parametrize("name", ["mini.yaml", "mini.toml.bak", "mini"])
    def test_wrong_suffix(self, tmp_path: Path, name: str) -> None:
        """A file that is not .toml or .json is refused by name, before it is read."""
        file = tmp_path / name
        file.write_text(dumps_pack(_pack()), encoding="utf-8")
        error = _load_bad(file)
        assert str(error) == f"{file}: is not a pack file: use a .toml or .json file"

    def test_file_over_the_size_cap(self, good_file: Path) -> None:
        """A file one byte over ``max_bytes`` is refused, naming the file and the limit."""
        size = good_file.stat().st_size
        with pytest.raises(PackError) as info:
            load_pack(good_file, max_bytes=size - 1)
        assert str(info.value) == f"{good_file}: is larger than the limit of {size - 1:,} bytes"

    def test_file_at_the_size_cap_loads(self, good_file: Path) -> None:
        """A file of exactly ``max_bytes`` loads."""
        assert load_pack(good_file, max_bytes=good_file.stat().st_size) == _pack()


class TestLoadPacks:
    """``load_packs``: every pack in a folder, or every problem of every bad one."""

    @pytest.fixture(name="folder")
    def fixture_folder(self, tmp_path: Path) -> Path:
        """A folder of three packs whose file order differs from their names' order."""
        for file, name in (("b.toml", "alpha"), ("a.json", "zeta"), ("c.TOML", "mid")):
            fmt: Format = "json" if file.endswith(".json") else "toml"
            (tmp_path / file).write_text(dumps_pack(_pack(name), fmt), encoding="utf-8")
        return tmp_path

    def test_loads_every_pack_sorted_by_file_name(self, folder: Path) -> None:
        """The packs come back in the order of their file names."""
        packs = load_packs(folder)
        assert [pack.name for pack in packs] == ["zeta", "alpha", "mid"]
        assert load_packs(str(folder)) == packs

    def test_skips_other_files_and_folders(self, folder: Path) -> None:
        """Other suffixes, sub-folders (even one named like a pack) and nested packs are skipped."""
        (folder / "README.md").write_text("# packs\n", encoding="utf-8")
        (folder / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
        (folder / "dir.toml").mkdir()
        (folder / "nested").mkdir()
        (folder / "nested" / "x.toml").write_text(dumps_pack(_pack("x")), encoding="utf-8")
        assert [pack.name for pack in load_packs(folder)] == ["zeta", "alpha", "mid"]

    def test_empty_folder(self, tmp_path: Path) -> None:
        """A folder with no packs gives no packs."""
        assert load_packs(tmp_path) == ()

    def test_reports_every_failing_file(self, folder: Path) -> None:
        """Problems of all failing files are reported, in file order, not just the first."""
        bad = ["empty-text.json", "mood-alias.json", "unknown-top-key.toml", "depth-zero.toml"]
        for name in bad:
            shutil.copy(BAD_PACKS / name, folder / name)
        with pytest.raises(PackError) as info:
            load_packs(folder)
        sources = [problem.source for problem in info.value.problems]
        assert sources == [str(folder / name) for name in sorted(bad)]
        lines = str(info.value).splitlines()
        assert [line.split(": ")[0].rsplit(":", 1)[0] for line in lines] == sources

    def test_reports_the_whole_bad_corpus(self) -> None:
        """Loading the bad-pack folder reports a problem from each of its files."""
        with pytest.raises(PackError) as info:
            load_packs(BAD_PACKS)
        sources = {Path(problem.source).name for problem in info.value.problems}
        assert sources == set(EXPECTED)

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder that does not exist is a PackError naming it."""
        folder = tmp_path / "missing"
        with pytest.raises(PackError) as info:
            load_packs(folder)
        assert str(info.value).startswith(f"{folder}: cannot be read as a folder of packs: ")

    def test_file_is_not_a_folder(self, tmp_path: Path) -> None:
        """A file given as the folder is a PackError naming it."""
        file = tmp_path / "mini.toml"
        file.write_text(dumps_pack(_pack()), encoding="utf-8")
        with pytest.raises(PackError) as info:
            load_packs(file)
        assert info.value.problems[0].source == str(file)


class TestRoundTrip:
    """Writing a pack and reading it back changes nothing."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(pack=strategies.packs())
    def test_dumps_then_loads_is_identity(self, fmt: Format, pack: Pack) -> None:
        """``loads_pack(dumps_pack(pack, fmt), fmt) == pack``, from text and from UTF-8 bytes."""
        text = dumps_pack(pack, fmt)
        assert loads_pack(text, fmt) == pack
        assert loads_pack(text.encode("utf-8"), fmt) == pack

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(pack=strategies.packs())
    def test_dumps_pack_is_stable(self, fmt: Format, pack: Pack) -> None:
        """Writing a pack that was read back gives the same text (no churn in diffs)."""
        text = dumps_pack(pack, fmt)
        assert dumps_pack(loads_pack(text, fmt), fmt) == text

    @pytest.mark.parametrize(
        ("strategy", "cls"),
        [
            (strategies.steps(), Step),
            (strategies.variations(), Variation),
            (strategies.references(), Reference),
            (strategies.prompts(), Prompt),
            (strategies.exercises(), Exercise),
            (strategies.packs(), Pack),
        ],
        ids=lambda value: getattr(value, "__name__", "strategy"),
    )
    @given(data=st.data())
    def test_structure_inverts_unstructure(
        self, strategy: st.SearchStrategy[object], cls: type[object], data: st.DataObject
    ) -> None:
        """Every model survives unstructure, JSON, and structure unchanged."""
        value = data.draw(strategy)
        plain = unstructure(value)
        assert json.loads(json.dumps(plain, allow_nan=False)) == plain
        assert structure(plain, cls) == value

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("emoji", EMOJI)
    def test_emoji_sequences_are_kept(self, fmt: Format, emoji: str) -> None:
        """ZWJ sequences, skin tones, flags and keycaps come back code point for code point."""
        text = f"Which emoji is us? {emoji}"
        pack = loads_pack(dumps_pack(_pack("mini", _prompt(text=text)), fmt), fmt)
        assert pack.prompts[0].text == text
        assert pack.prompts[0].text.endswith(emoji)

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(
        words=st.lists(strategies.texts(20) | st.sampled_from(EMOJI), min_size=1, max_size=6).map(
            " ".join
        )
    )
    def test_text_with_emoji_round_trips(self, fmt: Format, words: str) -> None:
        """Any allowed text mixed with emoji sequences round-trips unchanged."""
        pack = _pack("mini", _prompt(text=words[:300]))
        assert loads_pack(dumps_pack(pack, fmt), fmt) == pack

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_decomposed_text_is_composed_on_load(self, fmt: Format) -> None:
        """A decomposed "e" + combining acute comes back as the single character "é"."""
        data = _raw_pack("Caf\u0065\u0301 au lait?")
        text = json.dumps(data) if fmt == "json" else dumps_toml(data)
        pack = loads_pack(text, fmt)
        assert pack.title == "Caf\u00e9 au lait?"
        assert pack.prompts[0].text == "Caf\u00e9 au lait?"
        assert len(pack.prompts[0].text) == len("Cafe au lait?")

    @given(text=st.text(st.characters(codec="utf-8")))
    @example(text="\x7f")
    def test_toml_writer_writes_any_string(self, text: str) -> None:
        """Every string, control characters and DEL included, is written as TOML that reads back."""
        assert tomllib.loads(dumps_toml({"pack": {"title": text}})) == {"pack": {"title": text}}

    def test_text_joined_by_a_toml_line_continuation_is_composed(self) -> None:
        """An "e" and a combining accent joined across lines by a TOML backslash compose."""
        text = '[pack]\nname = "mini"\nversion = "1"\ntitle = """Cafe\\\n   \u0301 au lait"""\n'
        assert loads_pack(text, "toml").title == "Caf\u00e9 au lait"

    @given(text=strategies.texts(100))
    @example(text="Cafe\u0301")
    @example(text="\u1100\u1161\u11a8")  # a Hangul syllable as its three jamo
    def test_text_is_nfc_normalised(self, text: str) -> None:
        """Whatever form text is written in, it is read in NFC form."""
        for form in ("NFD", "NFKC", "NFC"):
            written = unicodedata.normalize(form, text) if form != "NFKC" else text
            data = _raw_pack(written)
            pack = loads_pack(json.dumps(data, ensure_ascii=False), "json")
            assert pack.prompts[0].text == unicodedata.normalize("NFC", written)
            assert unicodedata.is_normalized("NFC", pack.title)


# The one pass and the careful way. A valid file is read in one pass, a column at a time
# (intimacy.model.columns); at any sign of a problem the loader reads it again the careful way,
# with cattrs. The two must agree: the same pack, or the same problems.

_ODD_VALUES: list[Any] = (
    [None, True, 0, 1, 3, 241, 1.5, "", " ", "\u200b", "x", "calm", "sleepy", "Calm", "empathy",
     "both", "mini/a", "$partnr", "${partner}", "a\u202eb", "x" * 301, [], ["calm"], [""],
     ["x", "x"], [1], [[]], {}, {"a": "b"}]
)  # fmt: skip
_ODD = st.sampled_from(_ODD_VALUES)


def _places(data: object) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in ``data``, nested ones included."""
    if isinstance(data, dict):
        places = list(data.items())
    elif isinstance(data, list):
        places = list(enumerate(data))
    else:
        return []
    return [(data, key) for key, _ in places] + [
        place for _, value in places for place in _places(value)
    ]


@st.composite
def _near_packs(draw: st.DrawFn) -> dict[str, Any]:
    """The data of a valid pack with a few things changed, added, removed or repeated."""
    pack = draw(strategies.packs(max_items=4))
    data = codec.pack_to_data(pack)
    if draw(st.booleans()) and pack.prompts:
        data["retired"] = {f"{pack.name}/gone": draw(st.sampled_from(pack.prompts)).id}
    if draw(st.booleans()):
        data["$schema"] = draw(st.sampled_from(["https://x/pack.schema.json", "$x", 5]))
    for _ in range(draw(st.integers(1, 3))):
        if not (places := _places(data)):
            break
        container, key = draw(st.sampled_from(places))
        change = draw(st.sampled_from(["replace", "remove", "add", "repeat"]))
        if change == "replace":
            values = _ODD | _json_values(st.sampled_from(ITEM_KEYS))
            container[key] = copy.deepcopy(draw(values))
        elif change == "remove":
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.sampled_from((*ITEM_KEYS, "role", "url", "x")))] = copy.deepcopy(
                draw(_ODD)
            )
        else:
            container.append(copy.deepcopy(container[key]))
    return data


def _outcome(text: str, fmt: Format, *, fast: bool) -> Pack | Translation | list[Problem]:
    try:
        return codec._loads(text, fmt, SOURCE, fast=fast)
    except PackError as err:
        return list(err.problems)


class TestOnePass:
    """Reading a file in one pass gives what the careful way gives."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(pack=strategies.packs(), words=st.booleans())
    def test_reads_every_valid_pack(self, fmt: Format, pack: Pack, words: bool) -> None:
        """Valid packs and translations are read in one pass, equal to what was written."""
        written: Pack | Translation = strategies.translation_of(pack) if words else pack
        text = dumps_pack(written, fmt)
        data = json.loads(text) if fmt == "json" else tomllib.loads(text)
        assert codec._plain_pack(data, text) == written
        assert codec._loads(text, fmt, SOURCE, fast=False) == written

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=_near_packs())
    def test_agrees_with_the_careful_way(self, data: dict[str, Any]) -> None:
        """A file changed here and there loads to the same pack, or fails with the same problems."""
        texts = {"json": json.dumps(data, ensure_ascii=False)}
        with contextlib.suppress(TypeError):  # None and decimals do not go into TOML
            texts["toml"] = dumps_toml(data)
        for fmt, text in texts.items():
            fast = _outcome(text, fmt, fast=True)  # type: ignore[arg-type]
            assert fast == _outcome(text, fmt, fast=False)  # type: ignore[arg-type]

    def test_every_single_change_agrees(self) -> None:
        """Each value of a full pack changed to each odd value or removed, each table given an
        unknown key, each list a repeated item: both ways give the same pack or problems."""
        full = codec.pack_to_data(intimacy.default_bank().packs[0])
        prompt = next(p for p in full["prompts"] if p.get("tags") and p.get("topics"))
        small = {
            "$schema": "https://x/pack.schema.json",
            "pack": full["pack"],
            "prompts": [prompt, {**prompt, "id": "core/another", "follow_ups": ["And then?"]}],
            "exercises": [next(e for e in full["exercises"] if e.get("safety"))],
            "references": full["references"][:1],
            "retired": {"core/gone": prompt["id"]},
        }
        small["exercises"][0]["variations"] = [{"name": "short", "text": "Do less."}]
        small["references"][0]["url"] = "https://example.org"
        text = json.dumps(small)
        assert codec._plain_pack(json.loads(text), text) == codec._loads(text, "json", SOURCE)
        disagree = []
        for place in range(len(_places(small))):
            for change in [*range(len(_ODD_VALUES)), "remove", "add", "repeat"]:
                data = copy.deepcopy(small)
                container, key = _places(data)[place]
                if change == "remove":
                    del container[key]
                elif change in ("add", "repeat"):
                    if isinstance(container[key], dict):
                        container[key]["unknown"] = 1
                    elif isinstance(container[key], list) and container[key]:
                        container[key].append(copy.deepcopy(container[key][0]))
                    else:
                        continue
                else:
                    container[key] = copy.deepcopy(_ODD_VALUES[change])
                text = json.dumps(data, ensure_ascii=False)
                if _outcome(text, "json", fast=True) != _outcome(text, "json", fast=False):
                    disagree.append((place, change))
        assert disagree == []

    @pytest.mark.parametrize("written", ["\\u0024partnr", "$partnr"])
    def test_placeholders_are_checked_beside_a_schema_key(self, written: str) -> None:
        """An unknown placeholder is found even where the only other $ is the schema's."""
        text = json.dumps(_raw_pack("Hi")).replace('"Hi"', f'"{written}"')
        text = '{"$schema": "https://x/$y", ' + text[1:]
        problems = _outcome(text, "json", fast=True)
        assert isinstance(problems, list)
        assert [problem.path for problem in problems] == ["prompts[0].text"]

    def test_a_schema_key_alone_is_no_placeholder(self) -> None:
        """The $ of the schema key and of its URL are not placeholders."""
        text = '{"$schema": "https://x/$y", ' + json.dumps(_raw_pack("Hi"))[1:]
        assert isinstance(_outcome(text, "json", fast=True), Pack)

    def test_delete_character_is_found(self) -> None:
        """A raw DEL in an ASCII file (JSON allows one in a string) is still refused."""
        text = json.dumps(_raw_pack("Hi\x7f")).replace("\\u007f", "\x7f")
        problems = _outcome(text, "json", fast=True)
        assert isinstance(problems, list)
        assert "(U+007F)" in problems[0].message

    def test_windows_line_endings(self) -> None:
        """A TOML file with CRLF line endings, in a multi-line string too, loads in one pass."""
        text = dumps_toml(_raw_pack("Hi")).replace('title = "Hi"', 'title = """Hi\nthere"""')
        crlf = text.replace("\n", "\r\n")
        loaded = _outcome(crlf, "toml", fast=True)
        assert isinstance(loaded, Pack)
        assert loaded.title == "Hi\nthere"


# Fuzzing: data that is valid JSON or TOML, or arbitrary bytes, never escapes as anything but a
# PackError. The strategies below make malformed input on purpose, so they live here and not in
# intimacy.testing, whose strategies make valid models.

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-3, 300)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["calm", "sleepy", "Calm", "empathy", "mini/a", "speaker", "", " "])
)


def _json_values(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.recursive(
        _SCALARS,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)
        ),
        max_leaves=12,
    )


@st.composite
def _pack_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """JSON data with the sections and keys of a pack, and arbitrary values."""
    keys = st.sampled_from(ITEM_KEYS) | st.from_regex(r"[a-z_]{1,8}", fullmatch=True)
    values = _json_values(keys)
    item = st.dictionaries(keys, values, max_size=8)
    meta = st.fixed_dictionaries(
        {"name": st.just("mini") | values},
        optional=dict.fromkeys(PACK_KEYS[1:], values),
    )
    return draw(
        st.fixed_dictionaries(
            {"pack": meta | values},
            optional={
                "prompts": st.lists(item | values, max_size=3),
                "exercises": st.lists(item, max_size=2),
                "references": st.lists(item, max_size=2),
                "extra": values,
            },
        )
    )


def _toml_values() -> st.SearchStrategy[str]:
    scalar = (
        st.text(max_size=20).map(lambda text: json.dumps(text, ensure_ascii=False))
        | st.integers().map(str)
        | st.floats().map(repr)
        | st.sampled_from(["true", "false", "1979-05-27", "nan", "-inf", '"calm"', '"mini/a"'])
        | st.text(string.printable, max_size=10)
    )
    return st.recursive(
        scalar, lambda children: st.lists(children, max_size=3).map(", ".join).map("[{}]".format)
    )


@st.composite
def _toml_shaped(draw: st.DrawFn) -> str:
    """Text that looks like a pack file: known section headers, mostly known keys."""
    keys = st.sampled_from((*ITEM_KEYS, *PACK_KEYS)) | st.from_regex(r"[a-z_]{1,8}", fullmatch=True)
    headers = st.sampled_from(
        ["[pack]", "[[prompts]]", "[[exercises]]", "[[exercises.steps]]", "[[references]]"]
    )
    lines = ["[pack]"]
    for _ in range(draw(st.integers(1, 4))):
        for _ in range(draw(st.integers(0, 5))):
            lines.append(f"{draw(keys)} = {draw(_toml_values())}")
        lines.append(draw(headers))
    return "\n".join(lines) + "\n"


class TestFuzz:
    """Any input either loads or raises PackError; nothing else escapes."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(data=st.binary(max_size=200))
    @example(data=b"\xff\xfe")
    @example(data=b"\xef\xbb\xbf")
    def test_arbitrary_bytes(self, fmt: Format, data: bytes) -> None:
        """Arbitrary bytes never raise anything but PackError."""
        _load_or_error(data, fmt)

    @given(data=_json_values(st.text(max_size=8)))
    def test_arbitrary_json(self, data: object) -> None:
        """Arbitrary JSON, NaN and Infinity included, never raises anything but PackError."""
        _load_or_error(json.dumps(data, allow_nan=True), "json")

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(data=_pack_shaped())
    def test_pack_shaped_json(self, data: dict[str, Any]) -> None:
        """Pack-shaped JSON with arbitrary values loads, or reports problems at real paths."""
        result = _load_or_error(json.dumps(data, allow_nan=True), "json")
        if isinstance(result, Pack):
            _assert_round_trips(result)
            return
        for problem in result.problems:
            assert problem.path == "" or _is_key_path(problem.path), problem

    @given(text=_toml_shaped())
    @example(text="[pack]\nname = 1979-05-27T07:32:00Z\n[[prompts]]\n")
    def test_toml_shaped_text(self, text: str) -> None:
        """Pack-shaped TOML with arbitrary values never raises anything but PackError."""
        result = _load_or_error(text, "toml")
        if isinstance(result, Pack):
            _assert_round_trips(result)

    @given(text=st.text(max_size=200))
    def test_arbitrary_text(self, text: str) -> None:
        """Arbitrary text, as TOML or JSON, never raises anything but PackError."""
        for fmt in FORMATS:
            _load_or_error(text, fmt)


def _is_key_path(path: str) -> bool:
    return re.fullmatch(KEY_PATH, path) is not None
