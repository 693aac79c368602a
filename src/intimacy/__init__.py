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

from intimacy._bank import Bank
from intimacy._default import (
    daily,
    default_bank,
    languages,
    plan,
    random_exercise,
    random_prompt,
    references,
)
from intimacy._errors import (
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
from intimacy._models import Exercise, Pack, Prompt, Reference, Step, TimedStep, Variation
from intimacy._placeholders import PLACEHOLDERS, render
from intimacy._suit import MoodRule, Suited, suit
from intimacy._types import (
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
from intimacy._vocab import Depth, Energy, Mood, Pleasantness, Practice, Quadrant, Role, Topic

if TYPE_CHECKING:
    from intimacy._deck import Deck, DeckState
    from intimacy._export import export
    from intimacy._files import OutputError
    from intimacy._lint import Finding, lint
    from intimacy._meaning import CONCEPT_GROUPS
    from intimacy._packs import (
        dumps_pack,
        load_pack,
        load_packs,
        load_translation,
        loads_pack,
        loads_translation,
    )
    from intimacy._plan import Plan
    from intimacy._plugins import InstalledPack, PluginWarning, installed_packs
    from intimacy._schema import pack_schema
    from intimacy._translations import (
        Coverage,
        ExerciseTranslation,
        PromptTranslation,
        Translation,
    )
    from intimacy._wordlists import IDIOMS, SPELLING_VARIANTS, TOUCH_OFFERS, TOUCH_WORDS

    __version__: str

# Names whose modules are imported on first use, so that ``import intimacy`` stays cheap.
_LAZY = {
    "CONCEPT_GROUPS": "intimacy._meaning",
    "IDIOMS": "intimacy._wordlists",
    "SPELLING_VARIANTS": "intimacy._wordlists",
    "TOUCH_OFFERS": "intimacy._wordlists",
    "TOUCH_WORDS": "intimacy._wordlists",
    "Deck": "intimacy._deck",
    "export": "intimacy._export",
    "DeckState": "intimacy._deck",
    "Finding": "intimacy._lint",
    "InstalledPack": "intimacy._plugins",
    "OutputError": "intimacy._files",
    "PluginWarning": "intimacy._plugins",
    "installed_packs": "intimacy._plugins",
    "lint": "intimacy._lint",
    "pack_schema": "intimacy._schema",
    "Plan": "intimacy._plan",
    "dumps_pack": "intimacy._packs",
    "load_pack": "intimacy._packs",
    "load_packs": "intimacy._packs",
    "loads_pack": "intimacy._packs",
    "load_translation": "intimacy._packs",
    "loads_translation": "intimacy._packs",
    "Coverage": "intimacy._translations",
    "ExerciseTranslation": "intimacy._translations",
    "PromptTranslation": "intimacy._translations",
    "Translation": "intimacy._translations",
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
