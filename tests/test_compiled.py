"""The compiled bundled packs: the same bank as the packs the strict loader reads, built lazily."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import Bank, Pack, Translation
from intimacy.bank.compiled import Bundled, _File, _read_all, bundled
from intimacy.model.render import describe, to_dict
from intimacy.packs.codec import dumps_pack
from intimacy.testing import packs, translation_of

if TYPE_CHECKING:
    from intimacy.bank.index import _Index

LANGUAGES = [None, "es", "es-MX", "fr", "en-GB"]


def _reference() -> Bank:
    """The bundled files read by the strict loader, as one bank of models."""
    folder = files("intimacy.data")
    found: list[Pack | Translation] = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".json"):
            text = entry.read_bytes()
            if "translates" in json.loads(text)["pack"]:
                found.append(intimacy.loads_translation(text, "json", source=entry.name))
            else:
                found.append(intimacy.loads_pack(text, "json", source=entry.name))
    return Bank(found, sources=dict.fromkeys((pack.name for pack in found), "bundled"))


@pytest.fixture(name="reference", scope="module")
def fixture_reference() -> Bank:
    """A bank of models from the bundled files, through the strict loader."""
    return _reference()


def _columns_of(index: _Index[Any], position: int) -> tuple[object, ...]:
    return index.columns.row(position)


def _same_bank(compiled: Bank, reference: Bank) -> None:
    """Every item, column, view, pack and table of the two banks agree."""
    assert compiled.prompts() == reference.prompts()
    assert compiled.exercises() == reference.exercises()
    for kind in ("prompt", "exercise"):
        ours, theirs = compiled._index(kind), reference._index(kind)
        assert len(ours) == len(theirs)
        for position in range(len(ours)):
            model = theirs.item(position)
            assert _columns_of(ours, position) == _columns_of(theirs, position), model.id
            view = ours._view(position) if ours._view is not None else None
            assert view is not None
            assert to_dict(view) == to_dict(model)
            assert describe(view, compiled.references()) == describe(model, reference.references())
    assert compiled.packs == reference.packs
    assert compiled.translations == reference.translations
    assert compiled.references() == reference.references()
    assert dict(compiled.retired) == dict(reference.retired)
    assert list(compiled.retired) == list(reference.retired)
    assert compiled._sources == reference._sources
    assert repr(compiled) == repr(reference)
    assert len(compiled) == len(reference)
    assert compiled.language == reference.language
    assert compiled._languages_held() == reference._languages_held()


class TestBundled:
    def test_columns_hold_each_files_values(self) -> None:
        """Every item of every bundled file is in the columns, field for field, as written."""
        for file in bundled().files:
            raw = json.loads(files("intimacy.data").joinpath(file.name).read_bytes())
            assert file.data() == raw
            if "translates" in raw["pack"]:
                continue
            language = raw["pack"].get("language", "en")
            bank = intimacy.default_bank()
            for kind, key in (("prompt", "prompts"), ("exercise", "exercises")):
                index = bank._index(kind)
                for item in raw[key]:
                    position = index.where[item["id"]]
                    assert _columns_of(index, position) == (
                        item["id"],
                        item["practice"],
                        frozenset(item["moods"]),
                        item["minutes"],
                        item["depth"],
                        frozenset(item.get("tags", ())),
                        frozenset(item.get("topics", ())),
                        item.get("language", language),
                    )

    @pytest.mark.parametrize("language", LANGUAGES, ids=str)
    def test_the_same_bank_as_the_strict_loaders(self, reference: Bank, language: str) -> None:
        """In each language, the compiled bank equals the bank of strictly loaded packs."""
        _same_bank(intimacy.default_bank(language=language), reference.translated(language))

    def test_translated_is_the_cached_bank_of_that_language(self) -> None:
        """``translated`` on the bundled bank gives the default bank of that language."""
        english = intimacy.default_bank()
        assert english.translated("es_mx") is intimacy.default_bank(language="es-MX")
        assert english.translated(None) is english
        assert intimacy.default_bank(language="es").translated(None) is english

    def test_items_are_built_once(self) -> None:
        """A bank hands out the same model each time, and its packs hold that model."""
        bank = intimacy.default_bank()
        first = bank.random_prompt(seed=3)
        assert bank.get(first.id) is first
        assert any(item is first for pack in bank.packs for item in pack.prompts)
        spanish = intimacy.default_bank(language="es")
        assert spanish.get(first.id) is not first
        assert spanish.get(first.id).id == first.id

    def test_two_files_of_one_pack_name_fail(self) -> None:
        """Two bundled files holding packs of the same name are refused, as a bank refuses them."""
        data = {"pack": {"name": "twin", "version": "1", "title": "Twin"}}
        with pytest.raises(intimacy.PackError, match="'twin' is already in the bank"):
            Bundled.of([("a.json", data), ("b.json", data)])


class TestCold:
    def test_a_cold_pick_builds_one_item(self) -> None:
        """The default bank imports no attrs; a pick builds one model, not a thousand."""
        code = (
            "import sys, json, intimacy; bank = intimacy.default_bank(); "
            "before = 'attrs' in sys.modules; "
            "bank.random_prompt(seed=1, practice='empathy', mood='calm'); "
            "built = sum(m is not None for m in bank._index('prompt')._built); "
            "print(json.dumps([before, built]))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert json.loads(out) == [False, 1]


def _plain(pack: Pack | Translation) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps_pack(pack, "json"))
    return data


@st.composite
def _files(draw: st.DrawFn) -> list[Pack | Translation]:
    """Packs with translation packs: some words that fit their items, some that do not."""
    found: list[Pack | Translation] = []
    given = st.lists(packs(6), min_size=1, max_size=3, unique_by=lambda p: p.name)
    for pack in draw(given.filter(lambda found: all("translated" not in p.name for p in found))):
        found.append(pack)
        for language in draw(st.lists(st.sampled_from(["es", "es-MX", "fr"]), max_size=2)):
            words = translation_of(pack, language, name=f"translated-{len(found)}")
            unfit_prompt, unfit_exercise = draw(st.booleans()), draw(st.booleans())
            if words.prompts and unfit_prompt:  # a prompt whose follow-ups do not fit
                first = attrs.evolve(words.prompts[0], follow_ups=("[x] One more?",) * 3)
                words = attrs.evolve(words, prompts=(first, *words.prompts[1:]))
            if words.exercises and unfit_exercise:  # an exercise whose steps do not fit
                first_exercise = attrs.evolve(words.exercises[0], steps=("[x] Step.",) * 9)
                words = attrs.evolve(words, exercises=(first_exercise, *words.exercises[1:]))
            found.append(words)
    return found


class TestCompiledPacks:
    @given(given_packs=_files(), language=st.sampled_from(LANGUAGES))
    def test_any_packs_compile_to_the_same_bank(
        self, given_packs: list[Pack | Translation], language: str | None
    ) -> None:
        """Packs and translations as plain data compile to the bank their models make."""
        compiled = Bundled.of([(f"{p.name}.json", _plain(p)) for p in given_packs]).bank(language)
        sources = dict.fromkeys((p.name for p in given_packs), "bundled")
        _same_bank(compiled, Bank(given_packs, sources=sources, language=language))


# Pack files as bytes, odd but valid (or not), each read member by member as json.loads reads it.
ODD_FILES = [
    b'{"pack": {"name": "a"}, "prompts": []}',
    b'\n\t {  "pack"  :  {"name": "a"}  ,\r\n "prompts" : [ ] } \n',
    b'\xef\xbb\xbf{"pack": {"name": "b"}}',  # a byte order mark, as json.loads allows in bytes
    '{"pack": {"name": "\u00e9\u4e2d"}, "x": "\U0001f600"}'.encode("utf-16"),
    b"{}",
    b'{"prompts": [1], "pack": {"name": "late"}}',
    b'{"pack": {"name": "' + b"x" * 20000 + b'"}}',  # the table does not fit the start read
    b'{"pack": {"name": "\xc3\xa9' + b"y" * 16381 + b'"}}',  # a character cut at the start's end
]
BROKEN_FILES = [
    b'{"pack": {"name": "a"},}',
    b'{"pack": {"name": "a"} "prompts": []}',
    b'{"pack": {"name": "a"}, "prompts": [}',
    b'{"pack" {"name": "a"}}',
    b"{1: 2}",
    b'[{"pack": {}}]',
    b"",
]


class TestFiles:
    @pytest.mark.parametrize("raw", ODD_FILES)
    def test_read_as_json_reads_them(self, raw: bytes) -> None:
        """The pack table and every member are what json.loads gives, in any order of asking."""
        expected = json.loads(raw)
        assert _File("a.json", raw).get("pack") == expected.get("pack")
        assert _File("a.json", raw).header() == expected.get("pack")
        first = _File("a.json", raw)
        assert first.header() == expected.get("pack")
        assert first.get("prompts", "none") == expected.get("prompts", "none")
        assert first.data() == expected

    def test_only_what_is_asked_is_read(self) -> None:
        """Asking for the pack table decodes the start of the file and parses nothing else."""
        raw = b'{"pack": {"name": "a"}, "prompts": [' + b'{"id": "a/b"}, ' * 5000 + b"{}]}"
        file = _File("a.json", raw)
        assert file.header() == {"name": "a"}
        assert list(file._found) == ["pack"]
        assert file._raw is raw  # the text is not decoded yet
        assert len(file.get("prompts")) == 5001

    def test_a_key_given_twice(self) -> None:
        """Past a repeated key the file is read whole, as json.loads reads it (the last wins)."""
        raw = b'{"pack": {"name": "a"}, "prompts": [], "pack": {"name": "twice"}}'
        file = _File("a.json", raw)
        assert file.header() == {"name": "a"}  # read before the twin was seen
        assert file.data() == json.loads(raw)
        assert file.get("pack") == {"name": "twice"}

    def test_no_bundled_file_repeats_a_key(self) -> None:
        """Each bundled file names each of its sections once, so members read early are final."""

        def once(pairs: list[tuple[str, object]]) -> dict[str, object]:
            keys = [key for key, _ in pairs]
            assert len(keys) == len(set(keys)), keys
            return dict(pairs)

        for file in bundled().files:
            json.loads(
                files("intimacy.data").joinpath(file.name).read_bytes(), object_pairs_hook=once
            )

    def test_the_rest_is_read_when_needed(self) -> None:
        """Given the start of a file, the pack table needs nothing more; a later member reads it."""
        raw = b'{"pack": {"name": "a"}, "prompts": [' + b'{"id": "a/b"}, ' * 5000 + b"{}]}"
        calls: list[int] = []

        def read() -> bytes:
            calls.append(1)
            return raw

        file = _File("a.json", raw[:100], read)
        assert file.header() == {"name": "a"}
        assert calls == []
        assert len(file.get("prompts")) == 5001
        assert file.data() == json.loads(raw)
        assert calls == [1]

    def test_a_file_gone_since(self) -> None:
        """A bundled file that went away after the bank was compiled is a clear error."""
        with pytest.raises(FileNotFoundError, match=r"intimacy/data/gone\.json is gone"):
            _read_all("gone.json")

    @pytest.mark.parametrize("raw", BROKEN_FILES)
    def test_broken_files_fail_as_json_loads_fails(self, raw: bytes) -> None:
        """A file that is not a JSON object fails with json.loads's own error, or says so."""
        try:
            json.loads(raw)
        except ValueError as err:
            with pytest.raises(type(err), match=re.escape(str(err))):
                _File("a.json", raw).data()
        else:
            with pytest.raises(TypeError, match="holds a JSON object, not list"):
                _File("a.json", raw).data()
