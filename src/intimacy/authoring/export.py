"""Exports for print and for other programs: HTML cards, Markdown handouts and JSON.

``intimacy export`` uses these. Every piece of item text is escaped for its format, since a
pack may come from anyone: a prompt reading ``<script>`` prints as those characters, never as
markup.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Unpack

from intimacy.bank.select import Query
from intimacy.model.errors import (
    ArgumentTypeError,
    IntimacyError,
    NoMatchError,
    UnknownNameError,
    closest,
)
from intimacy.model.labels import common_language, label, plural, variation_name
from intimacy.model.models import Exercise, Prompt
from intimacy.model.render import citation, deep_note, duration, to_dict
from intimacy.model.types import FORMATS, KINDS, Format, Kind
from intimacy.model.vocab import Practice

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Reference
    from intimacy.model.types import Filters

__all__ = [
    "FORMATS",
    "KINDS",
    "SAFETY_URL",
    "ExportOptionsError",
    "Format",
    "Kind",
    "export",
    "run_export",
    "select",
    "to_html",
    "to_json",
    "to_markdown",
]

#: Where a printed safety note sends the reader. A language's label catalog may give its own
#: page for this address (Spanish handouts link ``docs/safety-es.md``).
SAFETY_URL = "https://github.com/intimacy-dev/intimacy/blob/main/docs/safety.md"

# One accent colour per practice, so a card's practice can be seen at a glance (and the name is
# printed too, for black-and-white printers and for readers who do not see the colour).
_ACCENTS = {
    Practice.QUALITY_TIME: "#b5651d",
    Practice.ACTIVE_LISTENING: "#2e6f95",
    Practice.EMPATHY: "#8e3b6e",
    Practice.VULNERABILITY: "#6b5b95",
    Practice.CONNECTION: "#3a7d44",
}

_CSS = """\
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #c9c9cf; }
* { box-sizing: border-box; }
body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: var(--ink);
  font: 16px/1.45 Georgia, "Times New Roman", serif; }
header.sheet { margin-bottom: 1.5rem; }
header.sheet h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
header.sheet p { margin: 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(2, 1fr); gap: 6mm; }
.card { display: flex; flex-direction: column; min-height: 62mm; padding: 6mm 7mm 5mm;
  border: 1px dashed var(--line); border-top: 3mm solid var(--accent); border-radius: 2mm;
  break-inside: avoid; page-break-inside: avoid; }
.card .practice { margin: 0 0 3mm; color: var(--accent);
  font: 600 .8rem/1.2 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; }
.card .text { flex: 1; margin: 0; font-size: 1.2rem; }
.card ul.follow-ups { margin: 3mm 0 0; padding-left: 1.1rem; font-size: .95rem; }
.card .pass { margin: 3mm 0 0; font-style: italic; font-size: .9rem; }
.card .meta { margin: 4mm 0 0; color: var(--muted); font: .75rem/1.3 system-ui, sans-serif; }
.handout { margin-top: 2rem; padding-top: 1rem; border-top: 3px solid var(--accent); }
.handout h2 { margin: 0 0 .25rem; }
.handout .practice { margin: 0; color: var(--accent);
  font: 600 .8rem/1.2 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; }
.handout .meta { color: var(--muted); font: .85rem/1.3 system-ui, sans-serif; }
.handout .safety { padding: .5rem .75rem; border-left: 4px solid #b00020; background: #fdf3f4; }
.handout .step-head { font-weight: bold; }
.handout .research { font-size: .85rem; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
  header.sheet { display: none; }
  .cards { gap: 5mm; }
  .card { height: 64mm; min-height: 0; overflow: hidden; }
  .handout { break-before: page; page-break-before: always; margin-top: 0; border-top: 0; }
  .handout .safety { background: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; word-break: break-all; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _style(item: Prompt | Exercise) -> str:
    return f' style="--accent: {_ACCENTS[item.practice]}"'


def _meta(item: Prompt | Exercise) -> str:
    lang = item.language
    depth = label(
        lang, "depth {number} ({name})", number=int(item.depth), name=item.depth.name_in(lang)
    )
    return f"{duration(item.minutes, lang)} · {depth}"


def _moods(item: Prompt | Exercise) -> str:
    moods = ", ".join(sorted(mood.name_in(item.language) for mood in item.moods))
    return label(item.language, "suits: {moods}", moods=moods)


def _safety_words(language: str) -> tuple[str, str]:
    """The words of a safety note that become the link, and the address, in ``language``."""
    return label(language, "safety page"), label(language, SAFETY_URL)


def _link_safety(note: str, words: str, link: str, language: str) -> str:
    """The safety note with its words "safety page" made a link, or the link added after it."""
    if words in note:
        return note.replace(words, link, 1)
    return f"{note} {label(language, 'Read the {link}.', link=link)}"


def _lang(item: Prompt | Exercise, page: str | None) -> str:
    """A ``lang`` attribute for an item shown in another language than its page's."""
    return "" if item.language == page else f' lang="{_esc(item.language)}"'


def _html_card(prompt: Prompt, page: str | None) -> list[str]:
    lines = [
        f'<article class="card" data-id="{_esc(prompt.id)}"{_lang(prompt, page)}{_style(prompt)}>',
        f'  <p class="practice">{_esc(prompt.practice.label_in(prompt.language))}</p>',
        f'  <p class="text">{_esc(prompt.text)}</p>',
    ]
    if prompt.follow_ups:
        lines.append('  <ul class="follow-ups">')
        lines.extend(f"    <li>{_esc(text)}</li>" for text in prompt.follow_ups)
        lines.append("  </ul>")
    if note := deep_note(prompt):
        lines.append(f'  <p class="pass">{_esc(note)}</p>')
    lines += [
        f'  <p class="meta">{_esc(_meta(prompt))} · <span class="id">{_esc(prompt.id)}</span></p>',
        "</article>",
    ]
    return lines


def _step_head(exercise: Exercise, role: str, count: int) -> str:
    return f"{role}, {duration(count, exercise.language)}."


def _html_handout(
    exercise: Exercise, references: Mapping[str, Reference], page: str | None
) -> list[str]:
    lang = exercise.language
    lines = [
        (
            f'<section class="handout" data-id="{_esc(exercise.id)}"{_lang(exercise, page)}'
            f"{_style(exercise)}>"
        ),
        f'  <p class="practice">{_esc(exercise.practice.label_in(lang))}</p>',
        f"  <h2>{_esc(exercise.title)}</h2>",
        f'  <p class="summary">{_esc(exercise.summary)}</p>',
        (
            f'  <p class="meta">{_esc(_meta(exercise))} · {_esc(_moods(exercise))}'
            f' · <span class="id">{_esc(exercise.id)}</span></p>'
        ),
    ]
    if exercise.safety:
        words, url = _safety_words(lang)
        link = f'<a href="{_esc(url)}">{_esc(words)}</a>'
        note = _link_safety(_esc(exercise.safety), _esc(words), link, lang)
        safety = _esc(label(lang, "Safety:"))
        lines.append(f'  <p class="safety"><strong>{safety}</strong> {note}</p>')
    lines.append('  <ol class="steps">')
    lines.extend(
        f'    <li><span class="step-head">'
        f"{_esc(_step_head(exercise, step.role.label_in(lang), step.minutes))}</span> "
        f"{_esc(step.text)}</li>"
        for step in exercise.steps
    )
    lines += [
        "  </ol>",
        f"  <h3>{_esc(label(lang, 'Why it works'))}</h3>",
        f"  <p>{_esc(exercise.why)}</p>",
    ]
    if exercise.variations:
        lines += [f"  <h3>{_esc(label(lang, 'Variations'))}</h3>", "  <ul>"]
        lines.extend(
            f"    <li><strong>{_esc(variation_name(lang, v.name))}:</strong> {_esc(v.text)}</li>"
            for v in exercise.variations
        )
        lines.append("  </ul>")
    if exercise.research:
        lines += [f"  <h3>{_esc(label(lang, 'Research'))}</h3>", '  <ul class="research">']
        lines.extend(
            f"    <li>{_esc(citation(key, references, lang))}</li>" for key in exercise.research
        )
        lines.append("  </ul>")
    lines.append("</section>")
    return lines


def to_html(
    items: Sequence[Prompt | Exercise],
    references: Mapping[str, Reference] | None = None,
    *,
    title: str | None = None,
) -> str:
    """A standalone HTML page: prompts as cut-out cards, exercises as one handout per page.

    The print stylesheet sets A4 pages with two columns of cards, eight cards to a page, and
    starts each exercise on a new page. Each card shows its practice by name and by colour.
    Each card's labels are in its item's language; the page's own words (and the default
    ``title``, "intimacy cards") in the language most items are shown in.
    """
    known = references or {}
    prompts = [item for item in items if isinstance(item, Prompt)]
    exercises = [item for item in items if isinstance(item, Exercise)]
    languages = sorted({item.language for item in items})
    lang = languages[0] if len(languages) == 1 else "und"
    page = common_language(item.language for item in items)
    title = label(page, "intimacy cards") if title is None else title
    counts = (
        [plural(page, "{count} prompt card", "{count} prompt cards", len(prompts))]
        if prompts
        else []
    )
    counts += (
        [plural(page, "{count} exercise handout", "{count} exercise handouts", len(exercises))]
        if exercises
        else []
    )
    printing = label(page, "Print on A4; cut along the dashed lines.")
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        "<style>",
        _CSS,
        "</style>",
        "</head>",
        "<body>",
        '<header class="sheet">',
        f"  <h1>{_esc(title)}</h1>",
        f"  <p>{_esc(', '.join(counts))}. {_esc(printing)}</p>",
        "</header>",
    ]
    if prompts:
        lines.append('<main class="cards">')
        for prompt in prompts:
            lines.extend(_html_card(prompt, lang))
        lines.append("</main>")
    for exercise in exercises:
        lines.extend(_html_handout(exercise, known, lang))
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines)


# Characters with a meaning in Markdown, escaped wherever they appear in item text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
# A start that would turn a one-line paragraph into a list item: "- ", "+ ", "1. ", "2) ".
_MD_LIST_START = re.compile(r"^([-+]|\d+[.)])(?=\s|$)")
# Text of dashes only ("---", "- - -"), which would be a horizontal rule (or, under a line of
# text, turn that line into a heading). "*" and "_" rules are escaped as special characters.
_MD_RULE = re.compile(r"^-[-\s]*-$")


def _md(text: str) -> str:
    """Item text made safe for Markdown: one line, special characters escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if _MD_RULE.match(escaped):
        return "\\" + escaped
    found = _MD_LIST_START.match(escaped)
    if found:
        marker = found.group(1)
        escaped = marker[:-1] + "\\" + marker[-1] + escaped[found.end() :]
    return escaped


def _md_exercise(exercise: Exercise, references: Mapping[str, Reference]) -> list[str]:
    lang = exercise.language
    lines = [
        f"# {_md(exercise.title)}",
        "",
        _md(exercise.summary),
        "",
        (
            f"**{exercise.practice.label_in(lang)}** · {_meta(exercise)} · {_moods(exercise)}"
            f" · `{exercise.id}`"
        ),
        "",
    ]
    if exercise.safety:
        words, url = _safety_words(lang)
        link = f"[{_md(words)}]({url})"
        note = _link_safety(_md(exercise.safety), _md(words), link, lang)
        lines += [f"> **{label(lang, 'Safety:')}** {note}", ""]
    lines += [f"## {label(lang, 'Steps')}", ""]
    lines.extend(
        f"{number}. **{_step_head(exercise, step.role.label_in(lang), step.minutes)}** "
        f"{_md(step.text)}"
        for number, step in enumerate(exercise.steps, start=1)
    )
    lines += ["", f"## {label(lang, 'Why it works')}", "", _md(exercise.why), ""]
    if exercise.variations:
        lines += [f"## {label(lang, 'Variations')}", ""]
        lines.extend(
            f"- **{_md(variation_name(lang, v.name))}:** {_md(v.text)}" for v in exercise.variations
        )
        lines.append("")
    if exercise.research:
        lines += [f"## {label(lang, 'Research')}", ""]
        lines.extend(f"- {_md(citation(key, references, lang))}" for key in exercise.research)
        lines.append("")
    return lines


def _md_prompts(prompts: Sequence[Prompt]) -> list[str]:
    page = common_language(prompt.language for prompt in prompts)
    lines = [f"# {label(page, 'Prompts')}", ""]
    for practice in Practice:
        chosen = [prompt for prompt in prompts if prompt.practice is practice]
        if not chosen:
            continue
        lines += [f"## {practice.label_in(page)}", ""]
        for prompt in chosen:
            note = deep_note(prompt)
            extra = f" *{_md(note)}*" if note else ""
            lines.append(f"- {_md(prompt.text)} ({_meta(prompt)}, `{prompt.id}`){extra}")
            lines.extend(f"  - {_md(text)}" for text in prompt.follow_ups)
        lines.append("")
    return lines


def to_markdown(
    items: Sequence[Prompt | Exercise], references: Mapping[str, Reference] | None = None
) -> str:
    """A Markdown handout: the prompts as a list by practice, then each exercise in full."""
    known = references or {}
    prompts = [item for item in items if isinstance(item, Prompt)]
    sections = [_md_prompts(prompts)] if prompts else []
    sections += [_md_exercise(item, known) for item in items if isinstance(item, Exercise)]
    return "\n\n---\n\n".join("\n".join(section).strip() for section in sections) + "\n"


def to_json(items: Iterable[Prompt | Exercise]) -> str:
    """A JSON array of the items, each as :func:`intimacy.model.render.to_dict` gives it."""
    return json.dumps([to_dict(item) for item in items], ensure_ascii=False, indent=2) + "\n"


def export(
    items: Iterable[Prompt | Exercise],
    format: Format,  # noqa: A002 - the name the API promises; the builtin is not needed here
    *,
    references: Mapping[str, Reference] | None = None,
) -> str:
    """Prompts and exercises as a printable HTML page, a Markdown handout or JSON.

    It is what ``intimacy export`` writes.

    Args:
        items: the prompts and exercises, in the order to show them.
        format: ``"html"`` (cut-out cards and one handout per exercise, with a print
            stylesheet), ``"markdown"``, or ``"json"`` (a list of each item's
            :meth:`~Prompt.to_dict` with its ``"kind"``).
        references: the research table that exercises' ``research`` keys are cited from;
            ``None`` for the bundled one (:func:`intimacy.references`).

    Raises:
        UnknownNameError: ``format`` is not one of them.
        ArgumentTypeError: an item is neither a :class:`Prompt` nor an :class:`Exercise`.

    >>> import intimacy
    >>> prompt = intimacy.default_bank().get("core/co-know-anywhere")
    >>> print(intimacy.export([prompt], "markdown"))  # doctest: +ELLIPSIS
    # Prompts
    <BLANKLINE>
    ## Connection
    <BLANKLINE>
    - When you hear a small sound of mine that you'd know with your eyes closed, what does it ...
    """
    chosen = tuple(items)
    for item in chosen:
        if not isinstance(item, (Prompt, Exercise)):
            raise ArgumentTypeError(
                f"export takes prompts and exercises, not {type(item).__name__}"
            )
    if format not in FORMATS:
        raise UnknownNameError("format", format, FORMATS, closest(str(format), FORMATS))
    if format == "json":
        return to_json(chosen)
    if references is None and any(isinstance(item, Exercise) and item.research for item in chosen):
        from intimacy.bank.default import references as bundled  # noqa: PLC0415 - loads the bank

        references = bundled()
    if format == "html":
        return to_html(chosen, references)
    return to_markdown(chosen, references)


class ExportOptionsError(IntimacyError, ValueError):
    """Export options that contradict each other, such as ``--id`` with filters."""


def select(
    bank: Bank, *, kind: Kind = "prompts", ids: Sequence[str] = (), **filters: Unpack[Filters]
) -> tuple[Prompt | Exercise, ...]:
    """The items to export: those with ``ids`` (in that order), else those of ``kind`` matching.

    Raises:
        ExportOptionsError: both ids and filters were given.
        UnknownIdError: an id is not in the bank.
        NoMatchError: nothing of ``kind`` matches the filters.
    """
    given = {name: value for name, value in filters.items() if value is not None}
    if ids:
        if given:
            raise ExportOptionsError(
                "give either ids or filters, not both: an id already names the item"
            )
        return tuple(bank.get(id_) for id_ in dict.fromkeys(ids))
    plain = Query.build(**filters).as_filters()  # filters given as iterators are read once
    items: tuple[Prompt | Exercise, ...] = ()
    if kind in {"prompts", "all"}:
        items += bank.prompts(**plain)
    if kind in {"exercises", "all"}:
        items += bank.exercises(**plain)
    if not items:
        what = {"prompts": "prompt", "exercises": "exercise", "all": "prompt or exercise"}[kind]
        raise NoMatchError(what, given)
    return items


def run_export(
    bank: Bank,
    *,
    fmt: Format,
    kind: Kind = "prompts",
    ids: Sequence[str] = (),
    out: str | None = None,
    overwrite: bool = False,
    fill: Callable[[Prompt | Exercise], Prompt | Exercise] | None = None,
    **filters: Unpack[Filters],
) -> str:
    """Export the chosen items; write them to ``out`` (UTF-8, atomically) if given; return the text.

    ``fill`` changes each item before it is written (the command line fills placeholders).

    Raises:
        OutputError: ``out`` exists and ``overwrite`` is false, or it cannot be written.
        ExportOptionsError, UnknownIdError, NoMatchError: as :func:`select` says.
    """
    chosen = select(bank, kind=kind, ids=ids, **filters)
    if fill is not None:
        chosen = tuple(map(fill, chosen))
    text = export(chosen, fmt, references=bank.references())
    if out is not None:
        from intimacy.packs.output import write_text  # noqa: PLC0415

        write_text(out, text, overwrite=overwrite)
    return text
