"""Prompts and guided exercises that help couples build emotional intimacy.

>>> import intimacy
>>> prompt = intimacy.random_prompt(practice="empathy", mood="calm", seed=7)
>>> prompt.practice
<Practice.EMPATHY: 'empathy'>
>>> prompt.practice == "empathy"
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from intimacy.bank.bank import Bank
from intimacy.bank.default import (
    daily,
    default_bank,
    languages,
    plan,
    random_exercise,
    random_prompt,
    references,
)
from intimacy.model.errors import (
    ArgumentTypeError,
    IntimacyError,
    NoMatchError,
    PackError,
    Problem,
    RetiredIdError,
    UnknownFilterError,
    UnknownIdError,
    UnknownNameError,
    ValidationError,
)
from intimacy.model.models import Exercise, Pack, Prompt, Reference, Step, TimedStep, Variation
from intimacy.model.placeholders import PLACEHOLDERS, render
from intimacy.model.types import (
    JSON,
    ExerciseData,
    ExerciseItemData,
    ExerciseTranslationData,
    Filters,
    Format,
    ItemData,
    PackData,
    Part,
    PlanData,
    PlanEntryData,
    PromptData,
    PromptItemData,
    PromptTranslationData,
    ReferenceData,
    StepData,
    TranslationData,
    VariationData,
)
from intimacy.model.vocab import Depth, Energy, Mood, Pleasantness, Practice, Quadrant, Role, Topic
from intimacy.sessions.suit import MoodRule, Suited, suit

if TYPE_CHECKING:
    from intimacy.authoring.export import export
    from intimacy.authoring.lint import Finding, lint
    from intimacy.authoring.meaning import CONCEPT_GROUPS
    from intimacy.authoring.wordlists import IDIOMS, SPELLING_VARIANTS, TOUCH_OFFERS, TOUCH_WORDS
    from intimacy.model.translations import (
        Coverage,
        ExerciseTranslation,
        PromptTranslation,
        Translation,
    )
    from intimacy.packs.files import (
        dumps_pack,
        load_pack,
        load_packs,
        load_translation,
        loads_pack,
        loads_translation,
    )
    from intimacy.packs.output import OutputError
    from intimacy.packs.plugins import InstalledPack, PluginWarning, installed_packs
    from intimacy.packs.schema import pack_schema
    from intimacy.sessions.deck import Deck, DeckState
    from intimacy.sessions.plan import Plan

    __version__: str

# Names whose modules are imported on first use, so that ``import intimacy`` stays cheap.
_LAZY = {
    "CONCEPT_GROUPS": "intimacy.authoring.meaning",
    "IDIOMS": "intimacy.authoring.wordlists",
    "SPELLING_VARIANTS": "intimacy.authoring.wordlists",
    "TOUCH_OFFERS": "intimacy.authoring.wordlists",
    "TOUCH_WORDS": "intimacy.authoring.wordlists",
    "Deck": "intimacy.sessions.deck",
    "export": "intimacy.authoring.export",
    "DeckState": "intimacy.sessions.deck",
    "Finding": "intimacy.authoring.lint",
    "InstalledPack": "intimacy.packs.plugins",
    "OutputError": "intimacy.packs.output",
    "PluginWarning": "intimacy.packs.plugins",
    "installed_packs": "intimacy.packs.plugins",
    "lint": "intimacy.authoring.lint",
    "pack_schema": "intimacy.packs.schema",
    "Plan": "intimacy.sessions.plan",
    "dumps_pack": "intimacy.packs.files",
    "load_pack": "intimacy.packs.files",
    "load_packs": "intimacy.packs.files",
    "loads_pack": "intimacy.packs.files",
    "load_translation": "intimacy.packs.files",
    "loads_translation": "intimacy.packs.files",
    "Coverage": "intimacy.model.translations",
    "ExerciseTranslation": "intimacy.model.translations",
    "PromptTranslation": "intimacy.model.translations",
    "Translation": "intimacy.model.translations",
}

__all__ = [
    "CONCEPT_GROUPS",
    "IDIOMS",
    "JSON",
    "PLACEHOLDERS",
    "SPELLING_VARIANTS",
    "TOUCH_OFFERS",
    "TOUCH_WORDS",
    "ArgumentTypeError",
    "Bank",
    "Coverage",
    "Deck",
    "DeckState",
    "Depth",
    "Energy",
    "Exercise",
    "ExerciseData",
    "ExerciseItemData",
    "ExerciseTranslation",
    "ExerciseTranslationData",
    "Filters",
    "Finding",
    "Format",
    "InstalledPack",
    "IntimacyError",
    "ItemData",
    "Mood",
    "MoodRule",
    "NoMatchError",
    "OutputError",
    "Pack",
    "PackData",
    "PackError",
    "Part",
    "Plan",
    "PlanData",
    "PlanEntryData",
    "Pleasantness",
    "PluginWarning",
    "Practice",
    "Problem",
    "Prompt",
    "PromptData",
    "PromptItemData",
    "PromptTranslation",
    "PromptTranslationData",
    "Quadrant",
    "Reference",
    "ReferenceData",
    "RetiredIdError",
    "Role",
    "Step",
    "StepData",
    "Suited",
    "TimedStep",
    "Topic",
    "Translation",
    "TranslationData",
    "UnknownFilterError",
    "UnknownIdError",
    "UnknownNameError",
    "ValidationError",
    "Variation",
    "VariationData",
    "daily",
    "default_bank",
    "dumps_pack",
    "export",
    "installed_packs",
    "languages",
    "lint",
    "load_pack",
    "load_packs",
    "load_translation",
    "loads_pack",
    "loads_translation",
    "pack_schema",
    "plan",
    "random_exercise",
    "random_prompt",
    "references",
    "render",
    "suit",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed metadata only when asked for: importlib.metadata
    # is slow to import, and most programs never look.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("intimacy")
    if name in _LAZY:
        import importlib  # noqa: PLC0415

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'intimacy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
