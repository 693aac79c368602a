"""Hypothesis strategies for the public models, for property-testing code built on intimacy.

Needs the ``testing`` extra (``pip install intimacy[testing]``), which brings hypothesis;
without it, importing this module raises an :class:`ImportError` that says so. The extra also
enables intimacy's pytest plugin (fixtures such as ``intimacy_bank``; see the testing page).

>>> from hypothesis import given
>>> from intimacy.testing import prompts
>>> @given(prompts())
... def test_prompt_has_text(prompt):
...     assert prompt.text.strip()
>>> test_prompt_has_text()
"""

from __future__ import annotations

import random
import string
import unicodedata
from typing import TYPE_CHECKING, Literal, cast

try:
    from hypothesis import strategies as st
except ImportError as err:  # pragma: no cover - tested in a subprocess without hypothesis
    raise ImportError(
        "intimacy.testing needs hypothesis, which comes with the testing extra: "
        "pip install 'intimacy[testing]'"
    ) from err

from intimacy.model.models import (
    MAX_LINE,
    MAX_PARAGRAPH,
    MAX_PROMPT_TEXT,
    Exercise,
    Pack,
    Prompt,
    Reference,
    Step,
    Variation,
)
from intimacy.model.placeholders import PLACEHOLDERS
from intimacy.model.text import is_blank
from intimacy.model.translations import ExerciseTranslation, PromptTranslation, Translation
from intimacy.model.vocab import Depth, Mood, Practice, Role, Topic
from intimacy.packs.sample import numbered_pack, sample_pack

if TYPE_CHECKING:
    from intimacy.bank.bank import Bank
    from intimacy.model.types import Filters

__all__ = [
    "exercises",
    "filters",
    "names",
    "numbered_pack",
    "packs",
    "prompts",
    "references",
    "sample_pack",
    "steps",
    "texts",
    "translation_of",
    "variations",
    "wordy_pack",
]

# Text-direction controls are refused by the loader, and "$" starts a placeholder.
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Cn"),
    exclude_characters="$\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)


def _placeholder() -> st.SearchStrategy[str]:
    """A known placeholder, as ``${name}`` or as ``$name`` and a space, or ``$$`` (a dollar)."""
    name = st.sampled_from(sorted(PLACEHOLDERS))
    return st.one_of(
        name.map(lambda found: f"${{{found}}}"), name.map(lambda found: f"${found} "), st.just("$$")
    )


def texts(max_size: int = MAX_LINE, *, placeholders: bool = False) -> st.SearchStrategy[str]:
    """Text a pack may hold: not blank, NFC-normalised, no control or bidi characters.

    With ``placeholders=True`` the text also holds known placeholders (``$partner``,
    ``${partner_a}``...) and ``$$`` dollar signs, as a pack's text may.
    """
    plain = st.text(_CHARACTERS, min_size=1, max_size=max_size)
    raw = (
        st.lists(st.one_of(plain, _placeholder()), min_size=1, max_size=4).map("".join)
        if placeholders
        else plain
    )
    return raw.map(lambda text: unicodedata.normalize("NFC", text)).filter(
        lambda text: not is_blank(text) and len(text) <= max_size
    )


def names(max_size: int = 12) -> st.SearchStrategy[str]:
    """Pack names, tags and slugs: lowercase words joined by hyphens."""
    word = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=max_size)
    return st.lists(word, min_size=1, max_size=3).map("-".join)


def _moods() -> st.SearchStrategy[frozenset[Mood]]:
    return st.frozensets(st.sampled_from(Mood), min_size=1, max_size=4)


def prompts(
    pack: str = "test", language: str = "en", *, placeholders: bool = False
) -> st.SearchStrategy[Prompt]:
    """Valid prompts whose ids start with ``pack/``; with ``placeholders``, texts use them."""
    return st.builds(
        Prompt,
        id=names().map(lambda slug: f"{pack}/{slug}"),
        text=texts(placeholders=placeholders),
        practice=st.sampled_from(Practice),
        moods=_moods(),
        minutes=st.integers(1, 60),
        depth=st.sampled_from(Depth),
        topics=st.frozensets(st.sampled_from(Topic), max_size=2),
        tags=st.frozensets(names(), max_size=3),
        follow_ups=st.lists(texts(placeholders=placeholders), max_size=2).map(tuple),
        language=st.just(language),
    )


def steps() -> st.SearchStrategy[Step]:
    """Valid exercise steps."""
    return st.builds(Step, text=texts(), minutes=st.integers(1, 20), role=st.sampled_from(Role))


def variations() -> st.SearchStrategy[Variation]:
    """Valid exercise variations."""
    return st.builds(Variation, name=names(), text=texts())


@st.composite
def _exercise(draw: st.DrawFn, pack: str, language: str) -> Exercise:
    chosen = tuple(draw(st.lists(steps(), min_size=1, max_size=6)))
    return Exercise(
        id=f"{pack}/{draw(names())}",
        title=draw(texts()),
        summary=draw(texts()),
        practice=draw(st.sampled_from(Practice)),
        steps=chosen,
        minutes=sum(step.minutes for step in chosen),
        depth=draw(st.sampled_from(Depth)),
        moods=draw(_moods()),
        why=draw(texts()),
        research=tuple(draw(st.lists(names(), max_size=3))),
        variations=tuple(draw(st.lists(variations(), max_size=2))),
        safety=draw(st.none() | texts()),
        topics=draw(st.frozensets(st.sampled_from(Topic), max_size=2)),
        tags=draw(st.frozensets(names(), max_size=3)),
        language=language,
    )


def exercises(pack: str = "test", language: str = "en") -> st.SearchStrategy[Exercise]:
    """Valid exercises whose ids start with ``pack/`` and whose minutes add up."""
    return _exercise(pack, language)


def references() -> st.SearchStrategy[Reference]:
    """Valid research references."""
    return st.builds(Reference, key=names(), citation=texts(), url=st.none() | texts())


@st.composite
def _pack(draw: st.DrawFn, max_items: int) -> Pack:
    name = draw(names())
    language = draw(st.sampled_from(["en", "es", "pt-BR", "de"]))
    by_id = st.lists(prompts(name, language), max_size=max_items, unique_by=lambda p: p.id)
    found = draw(by_id)
    taken = {prompt.id for prompt in found}
    extra = draw(
        st.lists(
            exercises(name, language), max_size=max(1, max_items // 4), unique_by=lambda e: e.id
        )
    )
    return Pack(
        name=name,
        version=draw(st.sampled_from(["0.1.0", "1.0", "2026.11"])),
        title=draw(texts()),
        description=draw(st.just("") | texts()),
        language=language,
        authors=tuple(draw(st.lists(texts(), max_size=2))),
        license=draw(st.sampled_from(["", "MIT", "CC-BY-4.0"])),
        prompts=tuple(found),
        exercises=tuple(e for e in extra if e.id not in taken),
        references=tuple(draw(st.lists(references(), max_size=2, unique_by=lambda r: r.key))),
    )


def packs(max_items: int = 8) -> st.SearchStrategy[Pack]:
    """Valid packs with up to ``max_items`` prompts (and a few exercises), ids unique."""
    return _pack(max_items)


@st.composite
def _filters(draw: st.DrawFn, bank: Bank, kind: Literal["prompt", "exercise"]) -> Filters:
    items: tuple[Prompt | Exercise, ...] = bank.prompts() if kind == "prompt" else bank.exercises()
    item = draw(st.sampled_from(items))

    def maybe() -> bool:
        return draw(st.booleans())

    def some(own: object, others: list[object]) -> object:
        """``own`` alone, or in a list with a few of ``others`` ("any of these")."""
        extra = draw(st.lists(st.sampled_from(others), max_size=2))
        return draw(st.sampled_from([own, [own, *extra], [*extra, own]]))

    found: dict[str, object] = {}
    if maybe():
        found["practice"] = some(
            draw(st.sampled_from([item.practice, item.practice.value])), [*Practice]
        )
    if maybe():
        found["mood"] = some(draw(st.sampled_from(sorted(item.moods, key=str))), [*Mood])
    if maybe():
        found["depth"] = some(int(item.depth), [*Depth])
    if maybe():
        found["max_depth"] = draw(st.integers(int(item.depth), 3))
    if maybe():
        found["min_minutes"] = draw(st.integers(1, item.minutes))
    if maybe():
        found["max_minutes"] = draw(st.integers(item.minutes, item.minutes + 30))
    if item.tags and maybe():
        found["tags"] = some(draw(st.sampled_from(sorted(item.tags))), ["no-such-tag"])
    every_tag = sorted({tag for other in items for tag in other.tags} - item.tags)
    if every_tag and maybe():
        found["exclude_tags"] = draw(st.lists(st.sampled_from(every_tag), min_size=1, max_size=3))
    if item.topics and maybe():
        found["topics"] = draw(st.sampled_from(sorted(item.topics, key=str)))
    if maybe():
        others = sorted(set(Topic) - item.topics, key=str)
        found["exclude_topics"] = draw(st.lists(st.sampled_from(others), max_size=2))
    if maybe():
        found["language"] = draw(st.sampled_from([item.language, item.language.split("-")[0]]))
    ids = [other.id for other in items if other.id != item.id]
    if ids and maybe():
        found["exclude"] = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
    return cast("Filters", found)


def filters(
    bank: Bank, kind: Literal["prompt", "exercise"] = "prompt"
) -> st.SearchStrategy[Filters]:
    """Keyword filters that match at least one of ``bank``'s prompts (or exercises).

    Each draw picks an item of the bank and filters that keep it: its practice or mood (alone
    or among others), bounds around its minutes and depth, one of its tags or topics, tags and
    topics it does not have to exclude, its language, and other items' ids to ``exclude``.
    Values come as enum members or slugs, as a caller may pass them. The bank must hold at
    least one item of ``kind`` (else the strategy fails when drawn).

    >>> from hypothesis import given
    >>> from intimacy import Bank
    >>> bank = Bank([sample_pack()])
    >>> @given(filters(bank))
    ... def test_something_matches(found):
    ...     assert bank.prompts(**found)
    >>> test_something_matches()
    """
    return _filters(bank, kind)


def translation_of(pack: Pack, language: str = "es", *, name: str | None = None) -> Translation:
    """A translation pack covering every item of ``pack``, each text marked with ``language``.

    Each text becomes ``"[es] ..."`` (cut to its field's limit), so a test can tell which
    language an item is shown in; placeholders, follow-ups, steps and variations keep the
    source's shape. The pack is named ``name`` or ``pack.name + "-" + language`` (shortened
    to fit a pack name's 40 characters).

    >>> translation = translation_of(numbered_pack(1, name="mine"))
    >>> translation.translates, translation.prompts[0].text
    ('mine', '[es] Prompt 0?')
    """

    def mark(text: str, limit: int) -> str:
        return f"[{language}] {text}"[:limit]

    suffix = f"-{language.lower()}"
    return Translation(
        name=name or pack.name[: 40 - len(suffix)].rstrip("-") + suffix,
        version=pack.version,
        title=mark(pack.title, MAX_LINE),
        language=language,
        translates=pack.name,
        prompts=[
            PromptTranslation(
                id=prompt.id,
                text=mark(prompt.text, MAX_PROMPT_TEXT),
                follow_ups=[mark(text, MAX_PROMPT_TEXT) for text in prompt.follow_ups],
            )
            for prompt in pack.prompts
        ],
        exercises=[
            ExerciseTranslation(
                id=exercise.id,
                title=mark(exercise.title, MAX_LINE),
                summary=mark(exercise.summary, MAX_PROMPT_TEXT),
                steps=[mark(step.text, MAX_PARAGRAPH) for step in exercise.steps],
                why=mark(exercise.why, MAX_PARAGRAPH),
                variations=[
                    Variation(name=v.name, text=mark(v.text, MAX_PARAGRAPH))
                    for v in exercise.variations
                ],
                safety=None if exercise.safety is None else mark(exercise.safety, MAX_PARAGRAPH),
            )
            for exercise in pack.exercises
        ],
    )


_FRAMES = (
    "Tell me about a time you felt {0} when we {1}.",
    "What is one {2} that makes you feel {0} after we {1}?",
    "Finish this sentence: I feel most {0} when you {1} with me...",
    "When do you feel {0} about the {2} we {1}?",
    "Which {2} would you like us to {1} next, and what would make it {0}?",
    "How could I help you feel {0} the next time we {1}?",
)
_FEELINGS = (
    *("calm", "proud", "seen", "close", "curious", "brave", "safe", "playful", "rested"),
    *("hopeful", "lucky", "free", "cared for", "heard", "steady", "grateful", "silly"),
)
_DOINGS = (
    *("cook dinner", "walk home", "plan a trip", "talk late", "share a song", "wake up"),
    *("fix something", "sit in the garden", "try a new cafe", "read aloud", "clean the kitchen"),
    *("call a friend", "watch the rain", "dance badly", "paint a wall", "visit the market"),
)
_THINGS = (
    *("memory", "habit", "ritual", "song", "place", "smell", "story", "photo", "game"),
    *("meal", "gift", "word", "joke", "walk", "season", "colour", "book", "question"),
)


def wordy_pack(count: int, *, name: str = "wordy", seed: int = 0) -> Pack:
    """A pack of ``count`` prompts written from six frames and a few word lists.

    Like a real bank, the prompts share their openings and much of their wording, so this is
    the pack to time the linter's duplicate searches on (ids ``name/p0``, ``name/p1``...).

    >>> [p.text for p in wordy_pack(2).prompts]  # doctest: +NORMALIZE_WHITESPACE
    ['Finish this sentence: I feel most cared for when you dance badly with me... (0)',
     'When do you feel grateful about the meal we watch the rain? (1)']
    """
    rng = random.Random(seed)
    prompts = []
    for i in range(count):
        words = (rng.choice(_FEELINGS), rng.choice(_DOINGS), rng.choice(_THINGS))
        text = f"{rng.choice(_FRAMES).format(*words)} ({i})"
        prompts.append(
            Prompt(
                id=f"{name}/p{i}",
                text=text,
                practice=rng.choice(list(Practice)),
                moods=["calm"],
                minutes=3,
                depth=1,
            )
        )
    return Pack(name=name, version="1", title=name.capitalize(), prompts=prompts)
