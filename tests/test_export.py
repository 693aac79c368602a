"""Tests of the exports: HTML cards, Markdown handouts, JSON, and ``intimacy export``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given, settings

import intimacy
from intimacy import (
    ArgumentTypeError,
    Bank,
    Exercise,
    OutputError,
    Pack,
    Practice,
    Prompt,
    Reference,
    Step,
    UnknownNameError,
    Variation,
    dumps_pack,
)
from intimacy.authoring.export import (
    SAFETY_URL,
    ExportOptionsError,
    run_export,
    select,
    to_html,
    to_json,
    to_markdown,
)
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK, main
from intimacy.model.labels import label
from intimacy.model.render import DEEP_NOTE
from intimacy.testing import packs, prompts

if TYPE_CHECKING:
    from pathlib import Path

    from intimacy import Format

NASTY = "Is <script>alert('x')</script> & \"this\" *bold* or _not_ [a](b)?"


class Node:
    """An element of a parsed page: its tag, attributes, text and children."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node] = []
        self.parts: list[str] = []

    @property
    def classes(self) -> set[str]:
        """The element's CSS classes."""
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """All the text inside the element, as a reader sees it."""
        return "".join(self.parts)

    def find(self, tag: str, cls: str | None = None) -> list[Node]:
        """Every descendant with this tag (and class, if given), in document order."""
        found = []
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.classes):
                found.append(child)
            found.extend(child.find(tag, cls))
        return found


_VOID = {"meta", "link", "br", "img", "input", "hr"}


class PageParser(HTMLParser):
    """Builds a tree of :class:`Node` and fails on any end tag that closes the wrong element."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node.parts.append(data)


def parse(page: str) -> Node:
    """The page parsed into a tree; every element is closed."""
    parser = PageParser()
    parser.feed(page)
    parser.close()
    assert parser.stack == [parser.root], "unclosed elements"
    assert parser.doctype.lower() == "doctype html"
    return parser.root


@pytest.fixture(name="nasty_pack")
def fixture_nasty_pack() -> Pack:
    """A pack whose text is full of characters that HTML and Markdown treat as markup."""
    prompt = Prompt(
        id="nasty/one",
        text=NASTY,
        practice="empathy",
        moods=["calm"],
        minutes=3,
        depth=1,
        follow_ups=["<b>and</b> then?"],
    )
    plain = Prompt(
        id="nasty/two",
        text="- 1. looks like a list",
        practice="connection",
        moods=["playful"],
        minutes=2,
        depth=1,
    )
    exercise = Exercise(
        id="nasty/ex",
        title="<i>Title</i> & co",
        summary="1. Not a list",
        practice="vulnerability",
        steps=[Step(text="Say <this>", minutes=2, role="speaker"), Step(text="Then", minutes=3)],
        minutes=5,
        depth=3,
        moods=["tender"],
        why="Because <reasons>.",
        research=["known", "unknown"],
        safety="Stop any time; see the safety page.",
    )
    return Pack(
        name="nasty",
        version="1",
        title="Nasty",
        prompts=[prompt, plain],
        exercises=[exercise],
        references=[Reference(key="known", citation="Someone (2020). A <paper>.")],
    )


@pytest.fixture(name="nasty")
def fixture_nasty(nasty_pack: Pack) -> Bank:
    """A bank of the nasty pack alone."""
    return Bank([nasty_pack])


class TestHtml:
    """``to_html``: printable cards and handouts."""

    def test_one_card_per_prompt_with_its_practice(self, bank: Bank) -> None:
        """Each prompt is one card that names its practice; the text is the prompt's own."""
        chosen = bank.prompts(practice=["empathy", "connection"], max_minutes=3)
        page = parse(to_html(chosen))
        cards = page.find("article", "card")
        assert len(cards) == len(chosen)
        for card, prompt in zip(cards, chosen, strict=True):
            assert card.attrs["data-id"] == prompt.id
            assert card.find("p", "practice")[0].text == prompt.practice.label
            assert card.find("p", "text")[0].text == prompt.text
            assert "--accent: #" in card.attrs["style"]

    def test_deep_cards_say_passing_is_fine(self, bank: Bank) -> None:
        """A deep prompt's card carries the pass note; a light one's does not."""
        deep, light = bank.prompts(depth=3)[0], bank.prompts(depth=1)[0]
        page = parse(to_html([deep, light]))
        first, second = page.find("article", "card")
        assert first.find("p", "pass")[0].text == DEEP_NOTE
        assert not second.find("p", "pass")
        text = to_markdown([deep, light])
        assert text.count(DEEP_NOTE) == 1

    def test_text_is_escaped(self, nasty: Bank) -> None:
        """Markup in item text shows as text: no script, bold or italic element appears."""
        page_text = to_html(nasty.prompts() + nasty.exercises(), nasty.references())
        page = parse(page_text)
        assert not page.find("script")
        assert not page.find("b")
        assert not page.find("i")
        assert page.find("p", "text")[0].text == NASTY
        assert page.find("h2")[0].text == "<i>Title</i> & co"
        assert "&lt;script&gt;" in page_text

    def test_print_stylesheet(self, bank: Bank) -> None:
        """The page carries a print stylesheet: A4 pages, cards that do not split, two columns."""
        page = parse(to_html(bank.prompts(mood="tired")))
        css = "".join(style.text for style in page.find("style"))
        assert "@media print" in css
        assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
        assert re.search(r"\.card\s*{[^}]*break-inside:\s*avoid", css)
        assert "grid-template-columns: repeat(2, 1fr)" in css

    def test_exercise_handout_links_the_safety_page(self, nasty: Bank) -> None:
        """A handout shows its steps, and its safety note links to the safety page."""
        page = parse(to_html(nasty.exercises(), nasty.references()))
        handout = page.find("section", "handout")[0]
        assert len(handout.find("ol")[0].find("li")) == 2
        links = handout.find("p", "safety")[0].find("a")
        assert [link.attrs["href"] for link in links] == [SAFETY_URL]
        assert links[0].text == "safety page"
        research = [item.text for item in handout.find("ul", "research")[0].find("li")]
        assert research == [
            "[known] Someone (2020). A <paper>.",
            "[unknown] (no citation in the bank)",
        ]

    def test_safety_link_added_when_the_note_does_not_mention_it(self, bank: Bank) -> None:
        """A safety note that does not say "safety page" still ends with a link to it."""
        exercise = next(e for e in bank.exercises() if e.safety and "safety page" not in e.safety)
        note = parse(to_html([exercise])).find("p", "safety")[0]
        assert note.find("a")[0].attrs["href"] == SAFETY_URL
        assert note.text.endswith("Read the safety page.")

    def test_language_of_the_page(self, bank: Bank, nasty: Bank) -> None:
        """The page's language is the items' language, or "und" when they are mixed."""
        mixed = [
            *nasty.prompts(),
            Prompt(
                id="es/uno",
                text="¿Qué?",
                practice="empathy",
                moods=["calm"],
                minutes=1,
                depth=1,
                language="es",
            ),
        ]
        assert parse(to_html(bank.prompts(mood="sad"))).find("html")[0].attrs["lang"] == "en"
        assert parse(to_html(mixed)).find("html")[0].attrs["lang"] == "und"

    @settings(max_examples=30)  # whole packs are slow to generate; 30 cover the shapes
    @given(pack=packs())
    def test_every_pack_renders(self, pack: Pack) -> None:
        """Any valid pack renders well-formed: a card per prompt, a handout per exercise."""
        page = parse(to_html(pack.prompts + pack.exercises))
        assert [c.text for c in page.find("p", "text")] == [p.text for p in pack.prompts]
        assert len(page.find("section", "handout")) == len(pack.exercises)


SPANISH_SAFETY_URL = "https://github.com/intimacy-dev/intimacy/blob/main/docs/safety-es.md"


@pytest.fixture(name="spanish")
def fixture_spanish(nasty_pack: Pack) -> tuple[Prompt | Exercise, ...]:
    """The nasty pack's items as shown in Spanish (two prompts, then the exercise)."""
    prompts = tuple(attrs.evolve(p, language="es") for p in nasty_pack.prompts)
    exercise = attrs.evolve(
        nasty_pack.exercises[0],
        language="es",
        safety="Puedes parar cuando quieras; mira la página de seguridad.",
        variations=[Variation(name="short", text="Un minuto.")],
    )
    return (*prompts, exercise)


class TestSpanish:
    """Exports of items shown in Spanish carry Spanish labels."""

    def test_html_page(self, spanish: tuple[Prompt | Exercise, ...], nasty: Bank) -> None:
        """The page's language, title, counts, headings, roles and safety link are Spanish."""
        page = parse(to_html(spanish, nasty.references()))
        assert page.find("html")[0].attrs["lang"] == "es"
        assert page.find("title")[0].text == "tarjetas de intimacy"
        intro = page.find("header")[0].find("p")[0].text
        assert intro == (
            "2 tarjetas para conversar, 1 ficha de ejercicio. "
            "Imprime en A4 y recorta por las líneas discontinuas."
        )
        assert page.find("p", "practice")[0].text == "Empatía"
        handout = page.find("section", "handout")[0]
        assert "lang" not in handout.attrs  # the page already says it
        assert [h.text for h in handout.find("h3")] == [
            "Por qué funciona",
            "Variantes",
            "Investigación",
        ]
        heads = [span.text for span in handout.find("span", "step-head")]
        assert heads == ["Quien habla, 2 min.", "Las dos personas, 3 min."]
        meta = handout.find("p", "meta")[0].text
        assert "5 min · profundidad 3 (profunda) · para momentos de: ternura" in meta
        link = handout.find("p", "safety")[0].find("a")[0]
        assert (link.attrs["href"], link.text) == (SPANISH_SAFETY_URL, "página de seguridad")
        assert handout.find("ul", "research")[0].find("li")[1].text == (
            "[unknown] (sin referencia en la colección)"
        )

    def test_mixed_page_marks_each_item(
        self, spanish: tuple[Prompt | Exercise, ...], nasty: Bank
    ) -> None:
        """On a page of mixed languages each item says its own language and uses its labels."""
        page = parse(to_html([*nasty.prompts(), spanish[2]]))
        assert page.find("html")[0].attrs["lang"] == "und"
        assert page.find("title")[0].text == "intimacy cards"
        assert page.find("header")[0].find("p")[0].text.startswith("2 prompt cards, 1 exercise ")
        handout = page.find("section", "handout")[0]
        assert handout.attrs["lang"] == "es"
        assert handout.find("h3")[0].text == "Por qué funciona"
        assert [card.attrs["lang"] for card in page.find("article", "card")] == ["en", "en"]

    def test_safety_link_added_in_spanish(self, spanish: tuple[Prompt | Exercise, ...]) -> None:
        """A Spanish note that does not name the page ends with a Spanish link to it."""
        assert isinstance(spanish[2], Exercise)
        exercise = attrs.evolve(spanish[2], safety="Puedes parar cuando quieras.")
        note = parse(to_html([exercise])).find("p", "safety")[0]
        assert note.text == "Seguridad: Puedes parar cuando quieras. Lee la página de seguridad."
        assert note.find("a")[0].attrs["href"] == SPANISH_SAFETY_URL

    def test_markdown(self, spanish: tuple[Prompt | Exercise, ...], nasty: Bank) -> None:
        """The Markdown handout's headings, facts and safety link are Spanish."""
        text = to_markdown(spanish, nasty.references())
        assert text.startswith("# Para conversar\n\n## Empatía\n")
        assert "\n## Conexión\n" in text
        assert "(3 min · profundidad 1 (ligera), `nasty/one`)" in text
        assert "**Vulnerabilidad** · 5 min · profundidad 3 (profunda) · para momentos de: " in text
        link = f"[página de seguridad]({SPANISH_SAFETY_URL})"
        assert f"> **Seguridad:** Puedes parar cuando quieras; mira la {link}." in text
        assert "1. **Quien habla, 2 min.** Say \\<this\\>" in text
        for heading in ("## Pasos", "## Por qué funciona", "## Variantes", "## Investigación"):
            assert f"\n{heading}\n" in text
        assert "- **versión corta:** Un minuto." in text
        deep = attrs.evolve(spanish[0], depth=3)
        assert f"*{label('es', DEEP_NOTE)}*" in to_markdown([deep])

    def test_english_stays_english(self, nasty: Bank) -> None:
        """Items shown in English keep the English labels and the English safety page."""
        text = to_markdown(nasty.exercises(), nasty.references())
        assert "## Steps" in text
        assert f"[safety page]({SAFETY_URL})" in text


class TestMarkdown:
    """``to_markdown``: handouts in Markdown."""

    def test_exercise_handout(self, bank: Bank) -> None:
        """An exercise becomes a handout: title, numbered steps with role and minutes, why."""
        exercise = bank.get("core/em-old-hurt-gently-heard")
        assert isinstance(exercise, Exercise)
        text = to_markdown([exercise], bank.references())
        assert text.startswith(f"# {exercise.title}\n")
        steps = re.findall(r"^(\d+)\. \*\*(.+?), (\d+) min\.\*\* ", text, flags=re.MULTILINE)
        assert [(int(n), role, int(m)) for n, role, m in steps] == [
            (i, step.role.label, step.minutes) for i, step in enumerate(exercise.steps, start=1)
        ]
        assert "## Why it works" in text
        assert f"[safety page]({SAFETY_URL})" in text
        assert all(f"[{key}]" in text.replace("\\", "") for key in exercise.research)

    def test_prompts_grouped_by_practice(self, bank: Bank) -> None:
        """Prompts are listed under a heading for their practice, each with its id."""
        chosen = bank.prompts(mood="playful", max_minutes=2)
        text = to_markdown(chosen)
        headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
        assert len(headings) > 1
        assert headings == [p.label for p in Practice if any(q.practice is p for q in chosen)]
        assert all(f"`{prompt.id}`" in text for prompt in chosen)

    def test_markup_is_escaped(self, nasty: Bank) -> None:
        """Markdown and HTML characters in item text are escaped, and no text starts a list."""
        text = to_markdown(nasty.prompts() + nasty.exercises(), nasty.references())
        assert "<script>" not in text
        assert "\\<script\\>" in text
        assert "\\*bold\\*" in text
        assert "- \\- 1. looks like a list" in text
        assert "\n1\\. Not a list\n" in text
        assert "\n---\n" in text  # the prompts and the handout are separated

    @settings(max_examples=30)  # whole packs are slow to generate; 30 cover the shapes
    @given(pack=packs())
    def test_every_exercise_has_its_sections(self, pack: Pack) -> None:
        """Any pack's exercises each get a Steps section with one numbered line per step."""
        text = to_markdown(pack.exercises)
        lang = pack.language  # the headings are in the pack's language
        sections = text.split(f"## {label(lang, 'Steps')}\n\n")[1:]
        assert len(sections) == len(pack.exercises)
        for section, exercise in zip(sections, pack.exercises, strict=True):
            numbered = re.findall(r"^\d+\. ", section.split("\n\n")[0], flags=re.MULTILINE)
            assert len(numbered) == len(exercise.steps)
            assert (f"## {label(lang, 'Variations')}" in section) == bool(exercise.variations)
            assert (f"> **{label(lang, 'Safety:')}**" in text) >= bool(exercise.safety)

    @given(prompt=prompts())
    def test_unescaping_gives_the_text_back(self, prompt: Prompt) -> None:
        """Removing the backslash escapes gives back the prompt's text (on one line)."""
        line = to_markdown([prompt]).splitlines()[4]
        shown = line.removeprefix("- ")
        shown = shown[: shown.rindex(f" ({prompt.minutes} min · depth ")]
        assert re.sub(r"\\(.)", r"\1", shown) == " ".join(prompt.text.split())

    @pytest.mark.parametrize("dashes", ["---", "- - -", "--", "-----", " --- "])
    def test_dashes_are_not_a_rule(self, dashes: str) -> None:
        """A summary, step or follow-up of dashes only stays text, not a rule or a heading."""
        exercise = Exercise(
            id="nasty/dashes",
            title="Dashes",
            summary=dashes,
            practice="connection",
            steps=[Step(text=dashes, minutes=2)],
            minutes=2,
            depth=1,
            moods=["calm"],
            why=dashes,
        )
        item = Prompt(
            id="nasty/p",
            text="Hi",
            practice="connection",
            moods=["calm"],
            minutes=2,
            depth=1,
            follow_ups=[dashes],
        )
        text = to_markdown([item, exercise])
        lines = text.splitlines()
        # The only rule is the one between the prompts and the handout.
        assert [line for line in lines if re.fullmatch(r"\s*(-\s*){2,}", line)] == ["---"]
        escaped = "\\" + dashes.strip()
        assert lines.count(escaped) == 2  # the summary and why paragraphs
        assert f"  - {escaped}" in lines

    def test_dashes_render_as_text(self) -> None:
        """Rendered by a CommonMark parser, the summary "---" is a paragraph, not an <hr>."""
        markdown_it = pytest.importorskip("markdown_it")
        exercise = Exercise(
            id="nasty/dashes",
            title="Dashes",
            summary="---",
            practice="connection",
            steps=[Step(text="Go.", minutes=2)],
            minutes=2,
            depth=1,
            moods=["calm"],
            why="Because.",
        )
        html = markdown_it.MarkdownIt("commonmark").render(to_markdown([exercise]))
        assert "<hr" not in html
        assert "<p>---</p>" in html


class TestJson:
    """``to_json``: the items as data."""

    def test_round_trip_of_the_fields(self, bank: Bank) -> None:
        """Each item becomes an object with its kind and its fields."""
        chosen: tuple[Prompt | Exercise, ...] = (
            *bank.prompts(mood="sad", max_minutes=2),
            *bank.exercises(mood="sad"),
        )
        data = json.loads(to_json(chosen))
        assert [item["id"] for item in data] == [item.id for item in chosen]
        assert {item["kind"] for item in data} == {"prompt", "exercise"}


class TestSelect:
    """``select`` and ``run_export``: which items, and where they go."""

    def test_kinds(self, bank: Bank) -> None:
        """``kind`` picks prompts, exercises or both, filtered."""
        assert select(bank, mood="sad") == bank.prompts(mood="sad")
        assert select(bank, kind="exercises", mood="sad") == bank.exercises(mood="sad")
        both = select(bank, kind="all", mood="sad")
        assert both == bank.prompts(mood="sad") + bank.exercises(mood="sad")

    def test_filters_may_be_iterators(self, bank: Bank) -> None:
        """A filter given as an iterator applies to the prompts and the exercises alike."""
        both = select(bank, kind="all", mood=iter(["sad", "calm"]))
        assert both == select(bank, kind="all", mood=["sad", "calm"])
        assert any(isinstance(item, Exercise) for item in both)

    def test_ids_keep_their_order_once_each(self, bank: Bank) -> None:
        """Ids give exactly those items, in the order given, each once."""
        ids = [bank.exercises()[3].id, bank.prompts()[0].id, bank.exercises()[3].id]
        assert [item.id for item in select(bank, ids=ids)] == ids[:2]

    def test_ids_and_filters_conflict(self, bank: Bank) -> None:
        """Ids and filters together are refused, as a ValueError."""
        with pytest.raises(ExportOptionsError, match="either ids or filters") as caught:
            select(bank, ids=[bank.prompts()[0].id], mood="sad")
        assert isinstance(caught.value, ValueError)

    def test_write_failure_is_an_intimacy_error(self, bank: Bank, tmp_path: Path) -> None:
        """A file that cannot be written raises an OutputError naming the file."""
        target = tmp_path / "missing" / "cards.html"
        with pytest.raises(OutputError, match=r"missing/cards\.html: cannot write") as caught:
            run_export(bank, fmt="html", mood="sad", out=str(target))
        assert isinstance(caught.value, OSError)

    def test_existing_file_is_kept_unless_overwrite(self, bank: Bank, tmp_path: Path) -> None:
        """An existing file is refused and left alone; with ``overwrite=True`` it is replaced."""
        target = tmp_path / "cards.md"
        target.write_text("ours", encoding="utf-8")
        with pytest.raises(OutputError, match="already exists"):
            run_export(bank, fmt="markdown", mood="sad", out=str(target))
        assert target.read_text(encoding="utf-8") == "ours"
        text = run_export(bank, fmt="markdown", mood="sad", out=str(target), overwrite=True)
        assert target.read_text(encoding="utf-8") == text


class TestExportCommand:
    """``intimacy export`` on the command line."""

    def test_html_to_file(
        self, bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--out`` writes the page in UTF-8 and prints only a confirmation."""
        target = tmp_path / "cards.html"
        code = main(["export", "--format", "html", "--mood", "tired", "--out", str(target)])
        assert code == EXIT_OK
        page = parse(target.read_text(encoding="utf-8"))
        assert len(page.find("article", "card")) == len(bank.prompts(mood="tired"))
        assert capsys.readouterr().out == f"{target}: written (html)\n"

    def test_force_overwrites(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An existing ``--out`` file is kept (exit 2) unless ``--force`` is given."""
        target = tmp_path / "tonight.md"
        target.write_text("keep me", encoding="utf-8")
        argv = ["export", "--mood", "sad", "--out", str(target)]
        assert main(argv) == EXIT_BAD_INPUT
        assert "already exists" in capsys.readouterr().err
        assert target.read_text(encoding="utf-8") == "keep me"
        assert main([*argv, "--force"]) == EXIT_OK
        assert target.read_text(encoding="utf-8").startswith("# Prompts\n")

    def test_markdown_handout_by_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format markdown --id ID`` prints the exercise's handout."""
        code = main(["export", "--format", "markdown", "--id", "core/em-old-hurt-gently-heard"])
        assert code == EXIT_OK
        assert capsys.readouterr().out.startswith("# An old hurt, gently heard\n")

    def test_json_shorthand(self, bank: Bank, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json`` means ``--format json``."""
        assert main(["export", "--json", "--kind", "exercises", "--practice", "empathy"]) == EXIT_OK
        data = json.loads(capsys.readouterr().out)
        assert [item["id"] for item in data] == [e.id for e in bank.exercises(practice="empathy")]

    def test_default_is_markdown_of_prompts(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without ``--format`` and ``--kind`` the output is Markdown prompts."""
        assert main(["export", "--mood", "sad", "--depth", "1"]) == EXIT_OK
        assert capsys.readouterr().out.startswith("# Prompts\n")

    def test_pack_file(
        self, nasty_pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--pack`` adds a pack whose items can be exported, escaped."""
        path = tmp_path / "nasty.toml"
        path.write_text(dumps_pack(nasty_pack), encoding="utf-8")
        code = main(["export", "--format", "html", "--pack", str(path), "--id", "nasty/one"])
        assert code == EXIT_OK
        assert parse(capsys.readouterr().out).find("p", "text")[0].text == NASTY

    @pytest.mark.parametrize(
        ("argv", "code", "message"),
        [
            (["--mood", "tired", "--depth", "3"], EXIT_NO_MATCH, "no prompt matches --mood tired"),
            (["--kind", "all", "--tag", "no-such-tag"], EXIT_NO_MATCH, "no prompt or exercise"),
            (["--id", "core/nope"], EXIT_NO_MATCH, "no prompt or exercise has the id"),
            (
                ["--id", "core/em-old-hurt-gently-heard", "--mood", "sad"],
                EXIT_BAD_INPUT,
                "not both",
            ),
            (["--format", "pdf"], EXIT_BAD_INPUT, "invalid choice: 'pdf'"),
            (["--out", "/nonexistent-dir/x.md"], EXIT_BAD_INPUT, "x.md: cannot write here"),
        ],
    )
    def test_errors(
        self, argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Nothing matched exits 1; bad options or an unwritable file exit 2; one line on stderr."""
        assert main(["export", *argv]) == code
        captured = capsys.readouterr()
        assert captured.out == ""
        assert message in captured.err
        assert len(captured.err.strip().splitlines()) == 1

    def test_out_dash_prints(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--out -`` prints to standard output, as ``new-pack --out -`` does: no file "-"."""
        monkeypatch.chdir(tmp_path)
        assert main(["export", "--mood", "sad", "--out", "-"]) == EXIT_OK
        printed = capsys.readouterr().out
        assert main(["export", "--mood", "sad"]) == EXIT_OK
        assert printed == capsys.readouterr().out
        assert printed.startswith("# Prompts\n")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("length", [200, 255])
    def test_long_out_name(
        self, tmp_path: Path, length: int, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A name near the file system's limit is written: the temporary name is short."""
        target = tmp_path / ("c" * (length - 3) + ".md")
        assert main(["export", "--mood", "sad", "--out", str(target)]) == EXIT_OK
        assert capsys.readouterr().out == f"{target}: written (markdown)\n"
        assert target.read_text(encoding="utf-8").startswith("# Prompts\n")
        assert [path.name for path in tmp_path.iterdir()] == [target.name]  # nothing left over


class TestPublicExport:
    """``intimacy.export``: the Python face of ``intimacy export``."""

    @pytest.mark.parametrize("fmt", ["html", "markdown", "json"])
    def test_same_as_the_command(self, fmt: Format, capsys: pytest.CaptureFixture[str]) -> None:
        """It writes what ``intimacy export --format F`` prints for the same items."""
        ids = ["core/em-old-hurt-gently-heard", "core/co-know-anywhere"]
        assert main(["export", "--format", fmt, *(arg for i in ids for arg in ("--id", i))]) == 0
        bank = intimacy.default_bank()
        assert intimacy.export([bank.get(i) for i in ids], fmt) == capsys.readouterr().out

    def test_references_default_to_the_bundled_table(self) -> None:
        """Without ``references``, an exercise's research is cited from the bundled table."""
        exercise = intimacy.default_bank().get("core/em-old-hurt-gently-heard")
        assert isinstance(exercise, Exercise)
        assert exercise.research
        key = exercise.research[0]
        page = intimacy.export(iter([exercise]), "markdown")
        assert intimacy.references()[key].citation.split()[0] in page
        bare = intimacy.export([exercise], "markdown", references={})
        assert label("en", "(no citation in the bank)") in bare

    def test_json_needs_no_references(self, nasty: Bank) -> None:
        """The JSON export is each item's data with its kind."""
        items = nasty.prompts()
        assert json.loads(intimacy.export(items, "json")) == json.loads(to_json(items))

    def test_unknown_format(self) -> None:
        """An unknown format raises UnknownNameError naming the closest one."""
        with pytest.raises(UnknownNameError) as info:
            intimacy.export([], "htm")  # type: ignore[arg-type]
        assert info.value.suggestion == "html"
        assert isinstance(info.value, ValueError)

    def test_items_must_be_prompts_or_exercises(self) -> None:
        """Anything else among the items raises ArgumentTypeError, a TypeError."""
        with pytest.raises(ArgumentTypeError, match="not str"):
            intimacy.export(["core/co-know-anywhere"], "html")  # type: ignore[list-item]
