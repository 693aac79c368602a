"""The content linter: checks packs against the writing rules the bundled bank is held to.

Each rule has a stable slug (see :data:`RULES` and ``docs/linter.md``). The rules that read
English words (yes/no questions, reading grade, inclusive language, closing words) run on items
whose language is English (``en`` or ``en-...``); the others run on every item.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from intimacy.authoring.lint_style import opening_hits, style_hits
from intimacy.authoring.lint_translations import TRANSLATION_RULES, translation_hits
from intimacy.authoring.meaning import MEANING_DUPLICATE, meaning_pairs
from intimacy.authoring.readability import grade_level
from intimacy.authoring.similarity import normalise, similar_pairs
from intimacy.model.errors import PackError, Problem
from intimacy.model.models import Exercise, Pack, Prompt
from intimacy.model.placeholders import item_texts
from intimacy.model.vocab import Depth, Mood, Practice, Quadrant, Role, Topic

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from intimacy.model.models import Reference
    from intimacy.model.translations import Translation

__all__ = [
    "MAX_GRADE",
    "MAX_PROMPT_CHARS",
    "MAX_TIRED_MINUTES",
    "MEANING_DUPLICATE",
    "NEAR_DUPLICATE",
    "RULES",
    "WARNINGS",
    "Finding",
    "Severity",
    "lint",
    "lint_files",
]

#: Prompt texts (and follow-ups) whose normalised forms are at least this similar are
#: near-duplicates (``difflib`` ratio; see ``docs/linter.md`` for why 0.80).
NEAR_DUPLICATE = 0.80
#: The longest prompt text (and follow-up), in characters.
MAX_PROMPT_CHARS = 160
#: The highest Flesch-Kincaid grade a prompt text (or follow-up) may read at.
MAX_GRADE = 8.0
#: The most minutes a prompt that lists the ``tired`` mood may take.
MAX_TIRED_MINUTES = 5

#: Every rule's slug, with what it checks, in the order findings are reported for an item.
RULES: Mapping[str, str] = MappingProxyType(
    {
        "duplicate": "a prompt's text is the same as another prompt's (after normalising)",
        "near-duplicate": (
            f"a prompt's text is at least {NEAR_DUPLICATE:.2f} similar to another's, or asks the"
            f" same question in other words (meaning at least {MEANING_DUPLICATE:.2f})"
        ),
        "repeated-opening": "a prompt's first three words open more than 3% of its pack's prompts",
        "yes-no-question": "a prompt or follow-up asks a plain yes/no question",
        "several-questions": "a prompt or follow-up asks more than one question",
        "double-question": "a prompt or follow-up joins a second question with ', and how...'",
        "too-long": f"a prompt or follow-up is longer than {MAX_PROMPT_CHARS} characters",
        "reading-grade": f"a prompt or follow-up reads above grade {MAX_GRADE:g} (Flesch-Kincaid)",
        "spelling": "a word spelled in the other variant of English (colour in a US pack...)",
        "idiom": "an idiom a learner of English may not know (under the weather, clam up...)",
        "voice": "a prompt says 'your partner' but is not tagged 'activity'",
        "deep-touch": "a deep prompt assumes touch is welcome instead of offering it",
        "partner-word": "a gendered or marital word for a partner (wife, boyfriend, spouse...)",
        "assumes-marriage": "a word that assumes marriage (married, marriage, wedding...)",
        "assumes-children": "a word that assumes children, in an item without the children topic",
        "minutes-mismatch": "an exercise's minutes are not the sum of its steps' minutes",
        "listener-without-speaker": "an exercise has a listener step but no speaker step",
        "unknown-reference": "an exercise cites a research key that no reference defines",
        "missing-safety-note": "a deep, conflict or vulnerability exercise has no safety note",
        "missing-closing-step": "an exercise does not end with a closing step for both partners",
        "deep-in-tense-mood": "a deep item lists a tense, high-energy mood (stressed, tense...)",
        "long-for-tired": f"a prompt for 'tired' takes more than {MAX_TIRED_MINUTES} minutes",
        **TRANSLATION_RULES,
    }
)

#: The rules whose findings are warnings: worth a look, but ``intimacy lint`` passes them
#: (unless run with ``--strict``).
WARNINGS: frozenset[str] = frozenset(("double-question",))

#: How much a finding matters: an ``"error"`` fails ``intimacy lint``; a ``"warning"`` fails
#: it only with ``--strict``.
Severity = Literal["error", "warning"]

_RULE_ORDER = {rule: position for position, rule in enumerate(RULES)}


@attrs.frozen(kw_only=True)
class Finding:
    """One problem the linter found: where it is, which rule it breaks, and why.

    Attributes:
        source: the file (or other source) of the pack the item is in.
        item_id: the id of the prompt or exercise.
        rule: the rule's stable slug, such as ``"yes-no-question"``.
        message: a one-line reason, naming the fix where there is one.
        severity: ``"error"`` (the default) or ``"warning"`` (see :data:`WARNINGS`).
    """

    source: str
    item_id: str
    rule: str
    message: str
    severity: Severity = attrs.field(
        default="error", validator=attrs.validators.in_(("error", "warning"))
    )

    def __str__(self) -> str:
        return f"{self.source}: {self.item_id}: {self.severity}: {self.rule}: {self.message}"


_Item = Prompt | Exercise
# A rule's slug and the one-line reason, before the item's place is attached.
_Hit = tuple[str, str]
# (pack position, item position, rule, message)
_Located = tuple[int, int, str, str]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_CLAUSE_BREAK = re.compile(r"(?<=[.!?:;\u2026])\s+")
_AUXILIARIES = frozenset(
    (
        *("am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had"),
        *("can", "could", "will", "would", "shall", "should", "may", "might", "must"),
        *("aren't", "isn't", "wasn't", "weren't", "don't", "doesn't", "didn't", "haven't"),
        *("hasn't", "hadn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't", "mustn't"),
    )
)
_RATHER = re.compile(r"would you rather\b.*\bor\b.*\bwhy\b")
_PARTNER_WORDS = re.compile(
    r"\b(?:husbands?|wife|wives|wifey|hubby|hubbies|boyfriends?|girlfriends?|"
    r"fianc[e\u00e9]e?s?|spouses?|bride(?:groom)?s?|grooms?)\b",
    re.IGNORECASE,
)
_MARRIAGE_WORDS = re.compile(
    r"\b(?:married|marriages?|marry|marrying|marries|weddings?|newlyweds?)\b", re.IGNORECASE
)
_CHILD_WORDS = re.compile(
    r"\b(?:kids|children|(?:our|your)\s+(?:sons?|daughters?)|our\s+bab(?:y|ies)|"
    r"parenting|parenthood|co-?parent(?:s|ing)?)\b",
    re.IGNORECASE,
)
# "as kids", "be kids again", "when we were children": the partners' own childhoods.
_OWN_CHILDHOOD = re.compile(r"\b(?:as|be|being|were)\s+(?:(?:little|small|young)\s+)?$", re.I)
_CLOSING_WORDS = re.compile(
    r"\b(?:clos(?:e|ing)|thank\w*|hugs?|appreciat\w*|good\s?night|wrap\w* up|finish\w*)\b",
    re.IGNORECASE,
)
_TENSE_MOODS = frozenset(mood for mood in Mood if mood.quadrant is Quadrant.UNPLEASANT_HIGH)


def _english(item: _Item) -> bool:
    return item.language == "en" or item.language.startswith("en-")


def _yes_no_word(text: str) -> str | None:
    """The auxiliary that opens a yes/no question in ``text``, if one does."""
    for clause in _CLAUSE_BREAK.split(text.replace("\u2019", "'")):
        if "?" not in clause:
            continue
        words: list[str] = _WORD.findall(clause.casefold())
        if words and words[0] in _AUXILIARIES and not _RATHER.match(" ".join(words)):
            return words[0]
    return None


def _question_hits(text: str, where: str, *, english: bool) -> Iterator[_Hit]:
    """The rules for one prompt text or follow-up; ``where`` starts each message."""
    word = _yes_no_word(text) if english else None
    if word is not None:
        reason = (
            f"opens a yes/no question with {word!r}: start with what, how, when or 'tell me about'"
        )
        yield "yes-no-question", where + reason
    questions = text.count("?")
    if questions > 1:
        yield "several-questions", f"{where}asks {questions} questions; ask one"
    if len(text) > MAX_PROMPT_CHARS:
        reason = f"is {len(text)} characters long; the limit is {MAX_PROMPT_CHARS}"
        yield "too-long", where + reason
    grade = grade_level(text) if english else 0.0
    if grade > MAX_GRADE:
        reason = f"reads at grade {grade:.1f}, over {MAX_GRADE:g}: use shorter words or sentences"
        yield "reading-grade", where + reason


def _prompt_hits(item: Prompt) -> Iterator[_Hit]:
    english = _english(item)
    yield from _question_hits(item.text, "", english=english)
    for index, follow_up in enumerate(item.follow_ups):
        yield from _question_hits(follow_up, f"follow-up {index + 1} ", english=english)


def _language_hits(item: _Item) -> Iterator[_Hit]:
    if not _english(item):
        return
    for path, text in item_texts(item):
        where = path.removesuffix(".text")  # "steps[2]", "follow_ups[0]", "why"
        for match in _PARTNER_WORDS.finditer(text):
            reason = "say 'partner' or 'you', which fit every couple"
            yield "partner-word", f"{where} says {match.group()!r}: {reason}"
        for match in _MARRIAGE_WORDS.finditer(text):
            reason = "not every couple is married; reword it"
            yield "assumes-marriage", f"{where} says {match.group()!r}: {reason}"
        if Topic.CHILDREN in item.topics:
            continue
        for match in _CHILD_WORDS.finditer(text):
            if not _OWN_CHILDHOOD.search(text[: match.start()]):
                reason = "reword it, or flag the item with the 'children' topic"
                yield "assumes-children", f"{where} says {match.group()!r}: {reason}"


def _needs_safety(item: Exercise) -> bool:
    return (
        item.depth is Depth.DEEP
        or Topic.CONFLICT in item.topics
        or item.practice is Practice.VULNERABILITY
    )


def _closes(item: Exercise) -> bool:
    last = item.steps[-1] if item.steps else None
    if last is None or last.role is not Role.BOTH:
        return False
    return not _english(item) or _CLOSING_WORDS.search(last.text) is not None


def _exercise_hits(item: Exercise, known: frozenset[str]) -> Iterator[_Hit]:
    total = sum(step.minutes for step in item.steps)
    if item.minutes != total:
        yield "minutes-mismatch", f"minutes is {item.minutes} but the steps add up to {total}"
    roles = {step.role for step in item.steps}
    if Role.LISTENER in roles and Role.SPEAKER not in roles:
        reason = "has a listener step but no speaker step: who is the listener listening to?"
        yield "listener-without-speaker", reason
    for key in item.research:
        if key not in known:
            reason = "which no reference defines: add it to the pack's references or fix the key"
            yield "unknown-reference", f"cites {key!r}, {reason}"
    if _needs_safety(item) and not (item.safety or "").strip():
        reason = "is deep, touches conflict or asks for disclosure: add a safety note"
        yield "missing-safety-note", reason
    if not _closes(item):
        reason = "should end with a closing step for both (thanks, an appreciation, a hug)"
        yield "missing-closing-step", reason


def _mood_hits(item: _Item) -> Iterator[_Hit]:
    tense = ", ".join(sorted(str(mood) for mood in item.moods & _TENSE_MOODS))
    if item.depth is Depth.DEEP and tense:
        yield "deep-in-tense-mood", f"is deep but lists {tense}: drop them or lower the depth"
    if isinstance(item, Prompt) and Mood.TIRED in item.moods and item.minutes > MAX_TIRED_MINUTES:
        reason = f"lists 'tired' but takes {item.minutes} minutes, over {MAX_TIRED_MINUTES}"
        yield "long-for-tired", reason


def _known_references(
    packs: tuple[Pack, ...], references: Mapping[str, Reference] | None
) -> frozenset[str]:
    if references is None:
        from intimacy.bank.default import bundled_packs  # noqa: PLC0415 - loads the bundled data

        references = {ref.key: ref for pack in bundled_packs() for ref in pack.references}
    own = {ref.key for pack in packs for ref in pack.references}
    return frozenset(references) | own


def _duplicate_texts(packs: tuple[Pack, ...]) -> Iterator[_Located]:
    """Exact and near-duplicate prompt texts, compared within each language."""
    by_language: dict[str, list[tuple[int, int, Prompt, str]]] = {}
    for pack_pos, pack in enumerate(packs):
        for item_pos, prompt in enumerate(pack.prompts):
            text = normalise(prompt.text)
            if text:
                entry = (pack_pos, item_pos, prompt, text)
                by_language.setdefault(prompt.language, []).append(entry)
    for entries in by_language.values():
        first: dict[str, tuple[int, int, Prompt, str]] = {}
        unique: list[tuple[int, int, Prompt, str]] = []
        for entry in entries:
            earlier = first.setdefault(entry[3], entry)
            if earlier is entry:
                unique.append(entry)
            else:
                yield entry[0], entry[1], "duplicate", f"has the same text as {earlier[2].id}"
        yield from _near_duplicates(unique)


def _near_duplicates(unique: list[tuple[int, int, Prompt, str]]) -> Iterator[_Located]:
    """Near-duplicates among prompts of one language, each reported once, on the later one."""
    # The earlier prompt named: the one with most words in common among those near enough by
    # letters; if there is none, the closest by meaning.
    closest: dict[int, tuple[bool, float, int]] = {}
    for i, j, score in similar_pairs([entry[3] for entry in unique], NEAR_DUPLICATE, one_each=True):
        closest[j] = (True, score, -i)
    if unique and _english(unique[0][2]):
        texts = [entry[2].text for entry in unique]
        for i, j, score in meaning_pairs(texts, MEANING_DUPLICATE):
            closest[j] = max(closest.get(j, (False, 0.0, 0)), (False, score, -i))
    for j, (by_letters, score, minus_i) in sorted(closest.items()):
        other = unique[-minus_i][2].id
        fix = "make one of them a different question"
        if by_letters:
            reason = f"is {score:.2f} like {other} (limit {NEAR_DUPLICATE:.2f}): {fix}"
        else:
            limit = f"meaning {score:.2f}, limit {MEANING_DUPLICATE:.2f}"
            reason = f"asks what {other} asks, in other words ({limit}): {fix}"
        yield unique[j][0], unique[j][1], "near-duplicate", reason


def lint(
    *packs: Pack | Translation,
    references: Mapping[str, Reference] | None = None,
    sources: Mapping[str, str] | None = None,
    alongside: Iterable[Pack] = (),
) -> tuple[Finding, ...]:
    """Check ``packs`` against the content rules; return every finding (none means clean).

    Duplicate texts are looked for within and across the packs given, so lint together the
    packs that will share a bank. A translation pack among ``packs`` is checked against the
    pack it translates, found among ``packs``, ``alongside`` or the bundled packs.

    >>> import intimacy
    >>> intimacy.lint(*intimacy.default_bank().packs)
    ()

    Args:
        packs: the packs (and translation packs) to check.
        references: research references that exercises may cite, by key, besides the packs'
            own; by default those of the bundled packs.
        sources: the file each pack came from, by pack name, for the findings' ``source``;
            a pack not named here is reported by its name.
        alongside: packs the checked ones will share a bank with (such as the bundled
            ones): a prompt that repeats one of theirs is a finding, but their own items are
            not checked.

    Returns:
        The findings, pack by pack and item by item (prompts, then exercises) in the packs'
        order; for each item, in the order of the rules in ``docs/linter.md``. Translation
        packs' findings come last.
    """
    context = tuple(alongside)
    own = tuple(pack for pack in packs if isinstance(pack, Pack))
    translations = [pack for pack in packs if not isinstance(pack, Pack)]
    every = (*context, *own)
    known = _known_references(every, references)
    names = [(sources or {}).get(pack.name, pack.name) for pack in every]
    items: list[tuple[_Item, ...]] = [(*pack.prompts, *pack.exercises) for pack in every]
    located: list[_Located] = [
        found for found in _duplicate_texts(every) if found[0] >= len(context)
    ]
    for pack_pos in range(len(context), len(every)):
        for item_pos, rule, message in opening_hits(every[pack_pos]):
            located.append((pack_pos, item_pos, rule, message))
        for item_pos, item in enumerate(items[pack_pos]):
            hits = _prompt_hits(item) if isinstance(item, Prompt) else _exercise_hits(item, known)
            more = (*_language_hits(item), *style_hits(item), *_mood_hits(item))
            for rule, message in (*hits, *more):
                located.append((pack_pos, item_pos, rule, message))
    located.sort(key=lambda found: (found[0], found[1], _RULE_ORDER[found[2]]))
    found = [
        Finding(
            source=names[pack],
            item_id=items[pack][item].id,
            rule=rule,
            message=message,
            severity="warning" if rule in WARNINGS else "error",
        )
        for pack, item, rule, message in located
    ]
    by_name = {pack.name: pack for pack in every}
    for translation in translations:
        source = by_name.get(translation.translates) or _bundled(translation.translates)
        name = (sources or {}).get(translation.name, translation.name)
        found.extend(
            Finding(source=name, item_id=item_id, rule=rule, message=message)
            for item_id, rule, message in translation_hits(translation, source)
        )
    return tuple(found)


def _bundled(name: str) -> Pack | None:
    """The bundled pack called ``name``, if there is one."""
    from intimacy.bank.default import bundled_packs  # noqa: PLC0415 - loads the bundled data

    return next((pack for pack in bundled_packs() if pack.name == name), None)


def lint_files(
    paths: Sequence[str | os.PathLike[str]], *, with_bundled: bool = False
) -> tuple[tuple[Pack | Translation, ...], tuple[Finding, ...]]:
    """Load and lint the pack files in ``paths`` (folders stand for the packs in them).

    With no paths, lint the bundled packs and translation packs. With ``with_bundled``, the
    files are also compared with the bundled packs for duplicates (see :func:`lint`'s
    ``alongside``).

    Returns:
        The packs checked, and the findings.

    Raises:
        PackError: a file cannot be loaded, or two packs have the same name.
    """
    from intimacy.bank.default import (  # noqa: PLC0415
        bundled_packs,
        bundled_sources,
        bundled_translations,
    )
    from intimacy.packs.files import expand_paths, load_files  # noqa: PLC0415

    bundled, sources = bundled_packs(), bundled_sources()
    if not paths:
        every: tuple[Pack | Translation, ...] = (*bundled, *bundled_translations())
        return every, lint(*every, sources=sources)
    loaded = load_files(expand_paths(paths))
    context = bundled if with_bundled else ()
    taken = dict(sources) if with_bundled else {}
    problems = []
    for pack, file in loaded:
        if pack.name in taken:
            reason = f"a pack named {pack.name!r} is also in {taken[pack.name]}; rename one"
            problems.append(Problem(str(file), "pack.name", reason))
        taken.setdefault(pack.name, str(file))
    if problems:
        raise PackError(problems)
    packs = tuple(pack for pack, _ in loaded)
    return packs, lint(*packs, sources=taken, alongside=context)
