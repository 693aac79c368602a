"""Translation packs: the model, loading, banks in a language, the shortcuts, the CLI, lint."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import intimacy
from intimacy import (
    ArgumentTypeError,
    Bank,
    Deck,
    ExerciseTranslation,
    Mood,
    Pack,
    PackError,
    Practice,
    PromptTranslation,
    Translation,
    ValidationError,
    Variation,
)
from intimacy.bank.default import bundled_packs, bundled_translations
from intimacy.cli.values import environment_language
from intimacy.model.languages import fallback_chain
from intimacy.testing import numbered_pack, packs, translation_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import Result


@pytest.fixture(name="spanish", scope="module")
def fixture_spanish() -> Bank:
    """The default bank shown in Spanish."""
    return intimacy.default_bank(language="es")


def text_of(bank: Bank, item_id: str) -> str:
    """The text of the prompt ``item_id`` as ``bank`` shows it."""
    prompt = bank.get(item_id)
    assert isinstance(prompt, intimacy.Prompt)
    return prompt.text


def small_translation(**changes: Any) -> dict[str, Any]:
    """The data of a one-prompt translation of ``numbered_pack(2, name="mine")``."""
    data: dict[str, Any] = {
        "pack": {
            "name": "mine-es",
            "version": "1",
            "title": "Mío",
            "language": "es",
            "translates": "mine",
        },
        "prompts": [{"id": "mine/p0", "text": "¿Qué te hizo reír hoy?"}],
    }
    data.update(changes)
    return data


class TestModel:
    def test_fallback_chain(self) -> None:
        """A tag falls back to its parents, most specific first, in lowercase."""
        assert fallback_chain("es-MX") == ("es-mx", "es")
        assert fallback_chain("zh_Hant_TW") == ("zh-hant-tw", "zh-hant", "zh")
        assert fallback_chain("es") == ("es",)

    def test_ids_belong_to_the_translated_pack(self) -> None:
        """Every id starts with the translated pack's name, and is translated once."""
        words = PromptTranslation(id="other/p0", text="Hola")
        twice = PromptTranslation(id="mine/p0", text="Hola")
        with pytest.raises(ValidationError) as info:
            Translation(
                name="mine-es",
                version="1",
                title="t",
                language="es",
                translates="mine",
                prompts=[words, twice, twice],
            )
        assert [path for path, _ in info.value.problems] == ["prompts[0].id", "prompts[2].id"]
        messages = str(info.value)
        assert "'other/p0' must start with 'mine/'" in messages
        assert "'mine/p0' is translated more than once" in messages

    def test_coverage_share(self) -> None:
        """The share counts prompts and exercises together, and is 0 for an empty bank."""
        empty = intimacy.Coverage(
            language="es", prompts=0, exercises=0, total_prompts=0, total_exercises=0
        )
        assert empty.share == 0.0
        half = attrs.evolve(empty, prompts=1, total_prompts=2)
        assert half.share == 0.5


class TestLoading:
    def test_round_trip(self) -> None:
        """A translation pack written as TOML or JSON reads back equal."""
        bank = intimacy.default_bank()
        translation = translation_of(bundled_packs()[0])
        assert len(translation.prompts) == len(bank.prompts())
        for fmt in ("toml", "json"):
            text = intimacy.dumps_pack(translation, fmt)
            assert intimacy.loads_translation(text, fmt) == translation

    def test_pack_and_translation_are_told_apart(self) -> None:
        """Each loader names the other when given the other kind of file."""
        translation = json.dumps(small_translation())
        with pytest.raises(PackError, match="is a translation of 'mine' into 'es'"):
            intimacy.loads_pack(translation, "json")
        pack = intimacy.dumps_pack(numbered_pack(1, name="mine"), "json")
        with pytest.raises(PackError, match="is a pack, not a translation"):
            intimacy.loads_translation(pack, "json")

    @pytest.mark.parametrize(
        ("changes", "path", "message"),
        [
            (
                {"prompts": [{"id": "mine/p0", "text": "Hola", "practice": "empathy"}]},
                "prompts[0].practice",
                "is not a known key; use one of id, text, follow_ups",
            ),
            ({"retired": {"mine/a": "mine/p0"}}, "retired", "is not a known key"),
            ({"prompts": [{"id": "mine/p0"}]}, "prompts[0].text", "is required but missing"),
        ],
    )
    def test_bad_translations(self, changes: dict[str, Any], path: str, message: str) -> None:
        """Fields a translation cannot change, and missing text, are each named with a path."""
        with pytest.raises(PackError) as info:
            intimacy.loads_translation(json.dumps(small_translation(**changes)), "json")
        assert any(p.path == path and message in p.message for p in info.value.problems)

    def test_language_is_required(self) -> None:
        """A translation pack must say which language it is in."""
        data = small_translation()
        del data["pack"]["language"]
        with pytest.raises(PackError, match="language: is required but missing"):
            intimacy.loads_translation(json.dumps(data), "json")

    def test_folder_holds_both_kinds(self, tmp_path: Path) -> None:
        """load_packs and the bank take a folder with packs and translations side by side."""
        pack = numbered_pack(2, name="mine")
        (tmp_path / "mine.toml").write_text(intimacy.dumps_pack(pack), encoding="utf-8")
        (tmp_path / "mine-es.json").write_text(json.dumps(small_translation()), "utf-8")
        loaded = intimacy.load_packs(tmp_path)
        assert [type(item).__name__ for item in loaded] == ["Translation", "Pack"]
        bank = Bank(loaded, language="es")
        assert text_of(bank, "mine/p0") == "¿Qué te hizo reír hoy?"
        assert intimacy.load_translation(tmp_path / "mine-es.json").language == "es"


class TestTranslatedBank:
    def test_items_are_shown_in_the_language(self) -> None:
        """Covered items are shown translated, the rest as written, each saying its language."""
        pack = numbered_pack(2, name="mine")
        translation = intimacy.loads_translation(json.dumps(small_translation()), "json")
        bank = Bank([pack, translation]).translated("es-MX")
        assert bank.language == "es-MX"
        first, second = bank.get("mine/p0"), bank.get("mine/p1")
        assert (text_of(bank, "mine/p0"), first.language) == ("¿Qué te hizo reír hoy?", "es")
        assert (text_of(bank, "mine/p1"), second.language) == ("Prompt 1?", "en")
        assert first.practice == pack.prompts[0].practice
        assert bank.translated(None).get("mine/p0") == pack.prompts[0]
        assert "translations=[mine-es] language='es-MX'" in repr(bank)

    def test_most_specific_translation_wins(self) -> None:
        """A translation into es-MX wins over one into es; plain es falls back to es only."""
        pack = numbered_pack(1, name="mine")
        spain = translation_of(pack, "es")
        mexico = translation_of(pack, "es-MX")
        bank = Bank([pack, spain, mexico])
        assert text_of(bank.translated("es-MX"), "mine/p0") == "[es-MX] Prompt 0?"
        assert text_of(bank.translated("es"), "mine/p0") == "[es] Prompt 0?"
        assert text_of(bank.translated("es-AR"), "mine/p0") == "[es] Prompt 0?"

    def test_translation_of_another_shape_is_not_used(self) -> None:
        """Words that do not fit their item (other follow-ups, steps...) leave it as written."""
        source = numbered_pack(1, name="mine")
        prompt = attrs.evolve(source.prompts[0], follow_ups=("And then?",))
        pack = attrs.evolve(source, prompts=(prompt,))
        words = PromptTranslation(id="mine/p0", text="¿Qué?")  # no follow-up
        translation = Translation(
            name="mine-es", version="1", title="t", language="es", translates="mine",
            prompts=[words],
        )  # fmt: skip
        shown = Bank([pack, translation], language="es").get("mine/p0")
        assert shown == prompt

    def test_with_packs_keeps_the_language(self) -> None:
        """Adding a pack (or a translation) to a translated bank keeps its language."""
        pack = numbered_pack(1, name="mine")
        bank = Bank([pack], language="es").with_packs(translation_of(pack))
        assert bank.language == "es"
        assert bank.get("mine/p0").language == "es"

    @pytest.mark.parametrize("language", ["", "español", "e", "es--MX", 5])
    def test_bad_language(self, language: Any) -> None:
        """A language that is not a tag is a ValidationError naming it."""
        with pytest.raises(ValidationError, match="language"):
            intimacy.default_bank().translated(language)

    def test_languages(self) -> None:
        """languages() counts what each language shows, falling back from es-MX to es."""
        pack = numbered_pack(4, name="mine")
        partial = attrs.evolve(translation_of(pack), prompts=translation_of(pack).prompts[:1])
        found = {c.language: c for c in Bank([pack, partial]).languages()}
        assert (found["en"].prompts, found["es"].prompts, found["es"].total_prompts) == (4, 1, 4)

    @given(pack=packs(max_items=6))
    @settings(max_examples=30)
    def test_same_ids_in_every_language(self, pack: Pack) -> None:
        """A translated bank holds the same ids in the same order, with the same facts."""
        plain = Bank([pack])
        shown = Bank([pack, translation_of(pack, "xx")], language="xx")
        assert [p.id for p in shown.prompts()] == [p.id for p in plain.prompts()]
        for before, after in zip(plain.prompts(), shown.prompts(), strict=True):
            assert (before.practice, before.moods, before.minutes, before.depth) == (
                after.practice,
                after.moods,
                after.minutes,
                after.depth,
            )
            assert after.language == "xx"


def id_or_nothing(pick: Callable[[], Any]) -> str | None:
    """The id ``pick()`` returns, or ``None`` when nothing matches."""
    try:
        return str(pick().id)
    except intimacy.NoMatchError:
        return None


def bundled_filters() -> st.SearchStrategy[dict[str, Any]]:
    """Filters over the bundled bank (some combinations may match nothing)."""
    return st.fixed_dictionaries(
        {},
        optional={
            "practice": st.sampled_from(list(Practice)),
            "mood": st.sampled_from(list(Mood)),
            "max_depth": st.sampled_from([1, 2, 3]),
        },
    )


class TestSeedsDoNotDependOnLanguage:
    @given(seed=st.integers() | st.text(max_size=8), filters=bundled_filters())
    @settings(max_examples=60)
    def test_random_picks(self, spanish: Bank, seed: int | str, filters: dict[str, Any]) -> None:
        """The same seed and filters pick the same prompt and exercise, in either language."""
        english = intimacy.default_bank()
        chosen = id_or_nothing(lambda: spanish.random_prompt(seed=seed, **filters))
        assert chosen == id_or_nothing(lambda: english.random_prompt(seed=seed, **filters))
        assert chosen is None or spanish.get(chosen).language == "es"
        exercise = spanish.random_exercise(seed=seed, practice=filters.get("practice"))
        assert (
            exercise.id == english.random_exercise(seed=seed, practice=filters.get("practice")).id
        )

    @given(
        day=st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 1, 1)),
        key=st.text(max_size=8),
        filters=bundled_filters(),
    )
    @settings(max_examples=40)
    def test_daily(
        self, spanish: Bank, day: datetime.date, key: str, filters: dict[str, Any]
    ) -> None:
        """The prompt of the day is the same prompt in every language."""
        english = intimacy.default_bank()
        chosen = id_or_nothing(lambda: spanish.daily(day, key=key, **filters))
        assert chosen == id_or_nothing(lambda: english.daily(day, key=key, **filters))

    @given(seed=st.integers(0, 10_000), minutes=st.integers(5, 90))
    @settings(max_examples=25)
    def test_plan_and_deck(self, spanish: Bank, seed: int, minutes: int) -> None:
        """Plans and decks hold the same ids in every language, and a state moves across."""
        english = intimacy.default_bank()
        assert [i.id for i in spanish.plan(minutes, seed=seed).items] == [
            i.id for i in english.plan(minutes, seed=seed).items
        ]
        deck = Deck(english, practice="empathy", seed=seed)
        first = [deck.draw().id for _ in range(3)]
        moved = Deck.from_state(spanish, deck.state())
        mirror = Deck(spanish, practice="empathy", seed=seed)
        assert [mirror.draw().id for _ in range(3)] == first
        assert moved.draw().id == deck.draw().id


class TestShortcuts:
    def test_language_on_the_shortcuts(self) -> None:
        """language= shows the same pick in that language, and is not a filter there."""
        spanish = intimacy.random_prompt(seed=7, practice="empathy", language="es")
        english = intimacy.random_prompt(seed=7, practice="empathy")
        assert (spanish.id, spanish.language, english.language) == (english.id, "es", "en")
        assert intimacy.random_exercise(seed=1, language="es").language == "es"
        today = intimacy.daily("2026-11-30", key="us", language="es-MX")
        assert today.id == intimacy.daily("2026-11-30", key="us").id
        assert all(i.language == "es" for i in intimacy.plan(30, seed=1, language="es").items)

    def test_language_must_be_one_tag(self) -> None:
        """On a shortcut, language is one tag: a list is an ArgumentTypeError."""
        with pytest.raises(ArgumentTypeError, match="one language to show items in"):
            intimacy.random_prompt(language=["es", "en"])

    def test_default_bank_per_language_is_shared(self) -> None:
        """Each language's default bank is built once, however the tag is written."""
        assert intimacy.default_bank(language="es_mx") is intimacy.default_bank(language="es-MX")
        assert intimacy.default_bank(language="es").language == "es"


class TestBundledSpanish:
    def test_every_core_item_is_translated(self) -> None:
        """The Spanish pack covers 100% of the core pack, and nothing else."""
        (core,) = bundled_packs()
        (spanish,) = bundled_translations()
        assert spanish.translates == core.name
        assert spanish.language == "es"
        assert {p.id for p in spanish.prompts} == {p.id for p in core.prompts}
        assert {e.id for e in spanish.exercises} == {e.id for e in core.exercises}
        (es,) = [c for c in intimacy.languages() if c.language == "es"]
        assert es.share == 1.0

    def test_no_text_left_in_english(self, spanish: Bank) -> None:
        """Every Spanish prompt differs from its English source and opens questions with ¿."""
        english = intimacy.default_bank()
        for prompt in spanish.prompts():
            assert prompt.text != text_of(english, prompt.id), prompt.id
            if "?" in prompt.text:
                assert "¿" in prompt.text, prompt.id

    def test_every_variation_name_has_a_spanish_label(self) -> None:
        """The bundled exercises' variation names are all named in the Spanish catalog."""
        from intimacy.model.labels import variation_name

        names = {v.name for e in intimacy.default_bank().exercises() for v in e.variations}
        assert {name for name in names if variation_name("es", name) == name} == set()

    def test_deep_safety_notes_point_to_the_safety_page(self, spanish: Bank) -> None:
        """A deep exercise's Spanish safety note points to the safety page."""
        for exercise in spanish.exercises(depth=3):
            assert exercise.safety is not None
            assert "página de seguridad" in exercise.safety, exercise.id


class TestCommandLine:
    def test_language_option(self, cli: Callable[..., Result]) -> None:
        """--language es prints the same item as English, in Spanish."""
        spanish = cli("random", "--seed", "3", "--language", "es", "--json").json()
        english = cli("random", "--seed", "3", "--json").json()
        assert spanish["id"] == english["id"]
        assert (spanish["language"], english["language"]) == ("es", "en")
        assert spanish["text"] != english["text"]

    def test_language_from_the_environment(self) -> None:
        """LANG=es_ES.UTF-8 gives Spanish; LANG=C gives English (a real process)."""
        outputs = {}
        for lang in ("es_ES.UTF-8", "C"):
            env = {
                key: value
                for key, value in os.environ.items()
                if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
            }
            env["LANG"] = lang
            done = subprocess.run(
                [sys.executable, "-m", "intimacy", "random", "--seed", "5", "--json"],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            outputs[lang] = json.loads(done.stdout)
        assert outputs["es_ES.UTF-8"]["language"] == "es"
        assert outputs["C"]["language"] == "en"
        assert outputs["es_ES.UTF-8"]["id"] == outputs["C"]["id"]

    @pytest.mark.parametrize(
        ("environ", "expected"),
        [
            ({"LANG": "es_MX.UTF-8"}, "es-MX"),
            ({"LANGUAGE": "pt_BR:es", "LANG": "de_DE.UTF-8"}, "pt-BR"),
            ({"LC_ALL": "C.UTF-8", "LANG": "es_ES.UTF-8"}, None),
            ({"LC_MESSAGES": "sr_RS@latin"}, "sr-RS"),
            ({"LANG": "POSIX"}, None),
            ({"LANG": "nonsense value!"}, None),
            ({}, None),
        ],
    )
    def test_environment_language(self, environ: dict[str, str], expected: str | None) -> None:
        """The environment is read as gettext reads it: the first variable set wins."""
        assert environment_language(environ) == expected

    def test_list_languages(self, cli: Callable[..., Result]) -> None:
        """list languages shows each language's coverage, in text and JSON."""
        result = cli("list", "languages")
        assert result.code == 0
        assert result.out.splitlines()[1].startswith("es\t")
        assert result.out.splitlines()[1].endswith("100%")
        rows = cli("list", "languages", "--json").json()
        assert [row["language"] for row in rows] == ["en", "es"]
        assert rows[1]["share"] == 1.0

    def test_validate_a_translation(self, cli: Callable[..., Result], tmp_path: Path) -> None:
        """validate reads a translation pack too, and says what it translates."""
        path = tmp_path / "mine-es.json"
        path.write_text(json.dumps(small_translation()), encoding="utf-8")
        result = cli("validate", str(path))
        assert result.code == 0
        assert (
            result.out
            == f"{path}: ok (mine-es 1: translates mine into es: 1 prompt, 0 exercises)\n"
        )


class TestLint:
    def make(self, **words: Any) -> tuple[Pack, Translation]:
        """A small source pack with a follow-up and an exercise, and a translation of it."""
        pack = numbered_pack(1, name="mine")
        prompt = attrs.evolve(pack.prompts[0], text="Ask $partner: what made you laugh?")
        prompt = attrs.evolve(prompt, follow_ups=("And then?",))
        pack = attrs.evolve(pack, prompts=(prompt,))
        data = {
            "id": "mine/p0",
            "text": "Pregunta a $partner: ¿qué te hizo reír?",
            "follow_ups": ("¿Y luego?",),
            **words,
        }
        translation = Translation(
            name="mine-es", version="1", title="t", language="es", translates="mine",
            prompts=[PromptTranslation(**data)],
        )  # fmt: skip
        return pack, translation

    def rules(self, *packs: Pack | Translation) -> list[str]:
        """The rules of every finding of linting ``packs``."""
        return [found.rule for found in intimacy.lint(*packs) if found.item_id.startswith("mine")]

    def test_a_good_translation_is_clean(self) -> None:
        """A faithful translation has no finding."""
        assert self.rules(*self.make()) == []

    @pytest.mark.parametrize(
        ("words", "rule"),
        [
            ({"follow_ups": ()}, "translation-shape"),
            ({"text": "Pregunta: ¿qué te hizo reír?"}, "translation-placeholders"),
            ({"text": "Ask $partner: what made you laugh with me?"}, "untranslated"),
            (
                {"text": "¿Qué te hizo reír, $partner? " + "Cuéntamelo. " * 20},
                "translation-too-long",
            ),
            ({"text": "¿Qué te dijo tu novio/a, $partner?"}, "gendered-form"),
            ({"text": "¿Qué hizo reír a tu marido, $partner?"}, "gendered-form"),
        ],
    )
    def test_each_rule(self, words: dict[str, Any], rule: str) -> None:
        """Each translation rule catches its bad example."""
        assert rule in self.rules(*self.make(**words))

    def test_unknown_id_and_source(self) -> None:
        """A translated id the source lacks, or a source that is not there, is named."""
        pack, translation = self.make()
        stray = attrs.evolve(translation, prompts=(PromptTranslation(id="mine/zz", text="¿Y?"),))
        (found,) = intimacy.lint(pack, stray)
        assert (found.item_id, found.rule) == ("mine/zz", "unknown-translated-id")
        elsewhere = Translation(
            name="nowhere-es", version="1", title="t", language="es", translates="nowhere",
            prompts=[PromptTranslation(id="nowhere/a", text="¿Y?")],
        )  # fmt: skip
        (lost,) = intimacy.lint(elsewhere)
        assert (lost.item_id, lost.rule) == ("nowhere-es", "unknown-source")

    def test_exercise_shape(self) -> None:
        """An exercise's steps, variation names and safety note must match its source's."""
        core = bundled_packs()[0]
        exercise = core.exercises[0]
        words = ExerciseTranslation(
            id=exercise.id,
            title="Título",
            summary="Resumen.",
            steps=["Paso."] * (len(exercise.steps) + 1),
            why="Porque sí.",
            variations=[Variation(name="otra", text="Otra forma.")],
        )
        translation = Translation(
            name="core-xx", version="1", title="t", language="xx", translates="core",
            exercises=[words],
        )  # fmt: skip
        (found,) = [f for f in intimacy.lint(translation) if f.rule == "translation-shape"]
        assert "steps" in found.message

    def test_bundled_translations_are_clean(self) -> None:
        """The bundled Spanish pack passes every translation rule."""
        assert intimacy.lint(*bundled_packs(), *bundled_translations()) == ()
