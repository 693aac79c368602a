"""Tests of the interface strings: the catalogs, the lookup and the CLI's labels in Spanish."""

from __future__ import annotations

import ast
import json
import os
import string
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy.model.labels
import intimacy.model.render
from intimacy import Depth, Mood, Practice, Role, Topic
from intimacy.model.labels import (
    PLURAL_RULES,
    catalog,
    common_language,
    label,
    plural,
    variation_name,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from conftest import Result

SOURCE = Path(intimacy.__file__).parent
CATALOGS = sorted(
    entry.name.removesuffix(".json")
    for entry in files("intimacy.data").joinpath("labels").iterdir()
    if entry.name.endswith(".json")
)


def _looked_up() -> Iterator[tuple[str, str, str]]:
    """Each English string the code passes to ``label`` or ``plural``: (file, function, text).

    Like Babel's extractor: a literal, or a module constant named by the call.
    """
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"label", "plural"}
                and len(node.args) >= 2
            ):
                continue
            text = node.args[1]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                yield path.name, node.func.id, text.value
            elif isinstance(text, ast.Name) and text.id in constants:
                yield path.name, node.func.id, constants[text.id]


def _vocabulary() -> set[str]:
    """The English names of the vocabulary as the cards print them."""
    return {
        *(member.value for enum in (Practice, Mood, Topic) for member in enum),
        *(practice.label for practice in Practice),
        *(role.label for role in Role),
        *(str(depth) for depth in Depth),
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(value: object) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [str(value)]


def _raw(tag: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(
        files("intimacy.data").joinpath("labels", f"{tag}.json").read_text(encoding="utf-8")
    )
    return found


class TestCatalogs:
    def test_spanish_is_shipped(self) -> None:
        """The package data holds a Spanish catalog."""
        assert "es" in CATALOGS

    def test_the_extractor_finds_the_strings(self) -> None:
        """The source scan sees literal strings and named constants (so it can fail)."""
        found = {text for _, _, text in _looked_up()}
        assert "Steps:" in found
        assert "{count} step" in found
        assert intimacy.model.render.DEEP_NOTE in found

    @pytest.mark.parametrize("tag", CATALOGS)
    def test_every_string_has_its_translation(self, tag: str) -> None:
        """Every string the code looks up, and every vocabulary name, is in the catalog."""
        messages = _raw(tag)["messages"]
        wanted = {text for _, _, text in _looked_up()} | _vocabulary()
        assert sorted(wanted - set(messages)) == []

    @pytest.mark.parametrize("tag", CATALOGS)
    def test_no_stale_entries(self, tag: str) -> None:
        """The catalog holds nothing the code no longer looks up."""
        messages = _raw(tag)["messages"]
        wanted = {text for _, _, text in _looked_up()} | _vocabulary()
        assert sorted(set(messages) - wanted) == []

    @pytest.mark.parametrize("tag", CATALOGS)
    def test_same_placeholders(self, tag: str) -> None:
        """Every translation (each plural form) keeps the English text's ``{placeholders}``."""
        for english, translated in _raw(tag)["messages"].items():
            for form in _forms(translated):
                assert _fields(form) == _fields(english), (english, form)

    @pytest.mark.parametrize("tag", CATALOGS)
    def test_plural_forms(self, tag: str) -> None:
        """Counted strings are plural in the code and give every form of the language's rule."""
        raw = _raw(tag)
        rule = PLURAL_RULES[raw.get("plural", "one-other")]
        categories = {rule(count) for count in range(200)}
        counted = {text for _, function, text in _looked_up() if function == "plural"}
        for english, translated in raw["messages"].items():
            assert isinstance(translated, dict) == (english in counted), english
            if isinstance(translated, dict):
                assert set(translated) == categories, english

    @pytest.mark.parametrize("tag", CATALOGS)
    def test_translations_are_written(self, tag: str) -> None:
        """Every value and variation name is non-blank text with no gendered slash forms."""
        raw = _raw(tag)
        assert raw["language"] == tag
        texts = [form for value in raw["messages"].values() for form in _forms(value)]
        texts += list(raw.get("variations", {}).values())
        for text in texts:
            assert text.strip() == text
            assert text
            for form in ("o/a", "a/o", "(a)", "@", "os/as", "x "):
                assert form not in text, text


class TestLookup:
    def test_spanish(self) -> None:
        """A Spanish tag gets the Spanish text, with its placeholders filled."""
        assert label("es", "Steps:") == "Pasos:"
        assert label("es", "depth {number} ({name})", number=3, name="profunda") == (
            "profundidad 3 (profunda)"
        )

    @pytest.mark.parametrize("language", ["es-MX", "es_ES", "ES", "es-419"])
    def test_regional_tags_fall_back_to_spanish(self, language: str) -> None:
        """``es-MX`` has no catalog of its own, so it reads ``es``."""
        assert label(language, "Steps:") == "Pasos:"

    @pytest.mark.parametrize("language", [None, "", "en", "en-GB", "xx", "../es", "e s"])
    def test_english_and_unknown(self, language: str | None) -> None:
        """English, no language, an unknown one or a malformed tag keep the English text."""
        assert label(language, "Steps:") == "Steps:"
        assert label(language, "{time} left", time="1:00") == "1:00 left"

    def test_missing_entry_keeps_english(self) -> None:
        """A string the catalog lacks is shown in English, not as an error."""
        assert label("es", "Not in any catalog {x}", x=1) == "Not in any catalog 1"

    def test_catalog_is_cached_and_read_only(self) -> None:
        """A catalog is read once and cannot be changed through the cache."""
        assert catalog("es") is catalog("es")
        messages: Any = catalog("es")["messages"]
        with pytest.raises(TypeError):
            messages["Steps:"] = "x"
        assert catalog("zz") == {}

    def test_import_reads_no_catalog(self) -> None:
        """``import intimacy`` reads no catalog, and a label in Spanish reads one."""
        code = (
            "import intimacy, intimacy.model.labels as l; a = l.catalog.cache_info().currsize; "
            "l.label('es', 'Steps:'); print(a, l.catalog.cache_info().currsize)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["0", "1"]

    @given(count=st.integers(0, 10_000))
    def test_plurals(self, count: int) -> None:
        """One thing is singular, any other count plural, in English and in Spanish."""
        english = plural("en", "{count} step", "{count} steps", count)
        spanish = plural("es", "{count} step", "{count} steps", count)
        assert english == (f"{count} step" if count == 1 else f"{count} steps")
        assert spanish == (f"{count} paso" if count == 1 else f"{count} pasos")

    def test_plural_without_an_entry(self) -> None:
        """A counted string the catalog lacks uses the English forms."""
        assert plural("es", "{count} cat", "{count} cats", 2) == "2 cats"

    def test_zero_one_other(self) -> None:
        """The French-style rule makes 0 and 1 singular."""
        rule = PLURAL_RULES["zero-one-other"]
        assert [rule(n) for n in (0, 1, 2)] == ["one", "one", "other"]

    def test_variation_names(self) -> None:
        """Known variation names are translated; others are shown as written."""
        assert variation_name("es", "short") == "versión corta"
        assert variation_name("es", "my-own") == "my-own"
        assert variation_name("en", "short") == "short"

    def test_common_language(self) -> None:
        """The language most items use wins; a tie goes to the first; nothing gives None."""
        assert common_language(["en", "es", "es"]) == "es"
        assert common_language(["en", "es"]) == "en"
        assert common_language([]) is None


SOURCE_PACK = """\
[pack]
name = "mio"
version = "1"
title = "Mine"
language = "en"

[[prompts]]
id = "mio/deep"
text = "What is a fear you rarely say out loud?"
practice = "vulnerability"
moods = ["calm"]
minutes = 5
depth = 3
tags = ["only-mio"]
topics = ["family"]
follow_ups = ["When did it start?"]

[[exercises]]
id = "mio/walk"
title = "A slow walk"
summary = "Walk together without phones."
practice = "quality-time"
minutes = 3
depth = 2
moods = ["calm", "tender"]
tags = ["only-mio"]
why = "Shared attention builds closeness."
safety = "Either of you can stop at any time: see the safety page."
variations = [{ name = "short", text = "Walk for one minute." }]
steps = [
  { text = "Agree on a route.", minutes = 1, role = "both" },
  { text = "Tell your partner one thing you noticed.", minutes = 2, role = "speaker" },
]
"""

TRANSLATION_PACK = """\
[pack]
name = "mio-es"
version = "1"
title = "Lo mío"
language = "es"
translates = "mio"

[[prompts]]
id = "mio/deep"
text = "¿Qué miedo casi nunca dices en voz alta?"
follow_ups = ["¿Cuándo empezó?"]

[[exercises]]
id = "mio/walk"
title = "Un paseo lento"
summary = "Un paseo sin teléfonos, a paso tranquilo."
steps = ["Elige el camino con tu pareja.", "Cuéntale a tu pareja algo que notaste."]
why = "La atención compartida acerca."
safety = "Cualquiera puede parar cuando quiera: mira la página de seguridad."
variations = [{ name = "short", text = "Camina un minuto." }]
"""


@pytest.fixture(name="packs")
def fixture_packs(tmp_path: Path) -> list[str]:
    """``--pack`` options for a small English pack and its Spanish translation."""
    (tmp_path / "mio.toml").write_text(SOURCE_PACK, encoding="utf-8")
    (tmp_path / "mio-es.toml").write_text(TRANSLATION_PACK, encoding="utf-8")
    return ["--pack", str(tmp_path / "mio.toml"), "--pack", str(tmp_path / "mio-es.toml")]


class TestCommandLine:
    def test_spanish_prompt_card(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """``--language es`` prints the translated prompt with Spanish labels."""
        result = cli("show", "mio/deep", "--language", "es", *packs)
        assert result.code == 0
        assert result.out.splitlines()[:3] == [
            "¿Qué miedo casi nunca dices en voz alta?",
            "  + ¿Cuándo empezó?",
            "  (vulnerabilidad | 5 min | profundidad 3 (profunda) | temas: familia | mio/deep)",
        ]
        assert "Toca temas profundos" in result.out

    def test_english_card(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """Without a language the same item prints in English with English labels."""
        result = cli("show", "mio/deep", *packs)
        assert "  (vulnerability | 5 min | depth 3 (deep) | topics: family | mio/deep)" in (
            result.out
        )
        assert "profundidad" not in result.out

    def test_spanish_exercise_card(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """An exercise's headings, roles, minutes and variation names are in Spanish."""
        out = cli("show", "mio/walk", "--language", "es-MX", *packs).out
        lines = out.splitlines()
        assert lines[0] == "Un paseo lento"
        assert "(tiempo de calidad | 3 min | profundidad 2 (personal) | mio/walk)" in lines
        safety = "Seguridad: Cualquiera puede parar cuando quiera: mira la página de seguridad."
        assert safety in lines
        assert "Pasos:" in lines
        assert "  1. [Las dos personas, 1 min] Elige el camino con tu pareja." in lines
        assert "  2. [Quien habla, 2 min] Cuéntale a tu pareja algo que notaste." in lines
        assert "Por qué funciona: La atención compartida acerca." in lines
        assert "  versión corta: Camina un minuto." in lines

    def test_untranslated_item_stays_english(
        self, cli: Callable[..., Result], packs: list[str]
    ) -> None:
        """An item no translation covers keeps English labels in a Spanish bank."""
        result = cli("show", "mio/deep", "--language", "es", *packs[:2])
        assert "depth 3 (deep)" in result.out

    def test_json_keeps_slugs(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """``--json`` translates only the item's own words: slugs and keys stay English."""
        data = cli("show", "mio/walk", "--language", "es", "--json", *packs).json()
        assert data["practice"] == "quality-time"
        assert data["steps"][0]["role"] == "both"
        assert data["variations"][0]["name"] == "short"
        assert data["language"] == "es"

    def test_daily_heading(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """The prompt of the day's heading follows the prompt's language."""
        args = ("daily", "--date", "2026-01-02", "--tag", "only-mio", *packs)
        spanish = cli(*args, "--language", "es", "--practice", "vulnerability").out
        english = cli(*args, "--practice", "vulnerability").out
        assert spanish.startswith("Pregunta del día, 2026-01-02:\n¿Qué miedo")
        assert english.startswith("Prompt of the day for 2026-01-02:\nWhat is a fear")

    def test_run_timeline(self, cli: Callable[..., Result], packs: list[str]) -> None:
        """``run --no-wait`` prints the timeline with Spanish labels."""
        out = cli("run", "mio/walk", "--no-wait", "--language", "es", *packs).out
        assert out.splitlines()[0] == "Un paseo lento (3 min, 2 pasos)"
        assert "  1-3   Quien habla      Cuéntale" in out

    def test_environment_language_in_a_subprocess(self, packs: list[str]) -> None:
        """``LANG=es_ES.UTF-8 python -m intimacy random`` prints a Spanish card."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "INTIMACY_PACKS"}
        }
        env |= {"LANG": "es_ES.UTF-8", "PYTHONIOENCODING": "utf-8"}
        command = [sys.executable, "-m", "intimacy", "random", "--tag", "only-mio", *packs]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert "¿Qué miedo casi nunca dices en voz alta?" in done.stdout
        assert "profundidad 3 (profunda) | temas: familia" in done.stdout
        english = subprocess.run(
            command, capture_output=True, text=True, env=env | {"LANG": "C"}, check=False
        )
        assert "depth 3 (deep) | topics: family" in english.stdout
