"""Prompts and guided exercises that help couples build emotional intimacy.

>>> import intimacy
>>> prompt = intimacy.random_prompt(practice="empathy", mood="calm", seed=7)
>>> prompt.practice
<Practice.EMPATHY: 'empathy'>
>>> prompt.practice == "empathy"
True
"""

from __future__ import annotations

# Not ``from typing import TYPE_CHECKING``: importing typing costs more than the rest of
# ``import intimacy``. Type checkers read any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from intimacy.authoring.export import export
    from intimacy.authoring.lint import Finding, lint
    from intimacy.authoring.meaning import CONCEPT_GROUPS
    from intimacy.authoring.wordlists import IDIOMS, SPELLING_VARIANTS, TOUCH_OFFERS, TOUCH_WORDS
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
    from intimacy.model.translations import (
        Coverage,
        ExerciseTranslation,
        PromptTranslation,
        Translation,
    )
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
    from intimacy.model.vocab import (
        Depth,
        Energy,
        Mood,
        Pleasantness,
        Practice,
        Quadrant,
        Role,
        Topic,
    )
    from intimacy.packs.codec import dumps_pack, loads_pack, loads_translation
    from intimacy.packs.files import load_pack, load_packs, load_translation
    from intimacy.packs.output import OutputError
    from intimacy.packs.plugins import InstalledPack, PluginWarning, installed_packs
    from intimacy.packs.schema import pack_schema
    from intimacy.sessions.deck import Deck, DeckState
    from intimacy.sessions.plan import Plan
    from intimacy.sessions.suit import MoodRule, Suited, suit

    __version__: str

# Every public name with the module that defines it. ``import intimacy`` imports none of them:
# a name's module is imported the first time the name is used (PEP 562), so a script pays only
# for what it touches, and attrs, cattrs and the bundled data load only when a model, a pack or
# the bank is first needed. The imports above show type checkers and IDEs the same names.
_LAZY = {
    "export": "intimacy.authoring.export",
    "Finding": "intimacy.authoring.lint",
    "lint": "intimacy.authoring.lint",
    "CONCEPT_GROUPS": "intimacy.authoring.meaning",
    "IDIOMS": "intimacy.authoring.wordlists",
    "SPELLING_VARIANTS": "intimacy.authoring.wordlists",
    "TOUCH_OFFERS": "intimacy.authoring.wordlists",
    "TOUCH_WORDS": "intimacy.authoring.wordlists",
    "Bank": "intimacy.bank.bank",
    "daily": "intimacy.bank.default",
    "default_bank": "intimacy.bank.default",
    "languages": "intimacy.bank.default",
    "plan": "intimacy.bank.default",
    "random_exercise": "intimacy.bank.default",
    "random_prompt": "intimacy.bank.default",
    "references": "intimacy.bank.default",
    "ArgumentTypeError": "intimacy.model.errors",
    "IntimacyError": "intimacy.model.errors",
    "NoMatchError": "intimacy.model.errors",
    "PackError": "intimacy.model.errors",
    "Problem": "intimacy.model.errors",
    "RetiredIdError": "intimacy.model.errors",
    "UnknownFilterError": "intimacy.model.errors",
    "UnknownIdError": "intimacy.model.errors",
    "UnknownNameError": "intimacy.model.errors",
    "ValidationError": "intimacy.model.errors",
    "Exercise": "intimacy.model.models",
    "Pack": "intimacy.model.models",
    "Prompt": "intimacy.model.models",
    "Reference": "intimacy.model.models",
    "Step": "intimacy.model.models",
    "TimedStep": "intimacy.model.models",
    "Variation": "intimacy.model.models",
    "PLACEHOLDERS": "intimacy.model.placeholders",
    "render": "intimacy.model.placeholders",
    "Coverage": "intimacy.model.translations",
    "ExerciseTranslation": "intimacy.model.translations",
    "PromptTranslation": "intimacy.model.translations",
    "Translation": "intimacy.model.translations",
    "JSON": "intimacy.model.types",
    "ExerciseData": "intimacy.model.types",
    "ExerciseItemData": "intimacy.model.types",
    "ExerciseTranslationData": "intimacy.model.types",
    "Filters": "intimacy.model.types",
    "Format": "intimacy.model.types",
    "ItemData": "intimacy.model.types",
    "PackData": "intimacy.model.types",
    "Part": "intimacy.model.types",
    "PlanData": "intimacy.model.types",
    "PlanEntryData": "intimacy.model.types",
    "PromptData": "intimacy.model.types",
    "PromptItemData": "intimacy.model.types",
    "PromptTranslationData": "intimacy.model.types",
    "ReferenceData": "intimacy.model.types",
    "StepData": "intimacy.model.types",
    "TranslationData": "intimacy.model.types",
    "VariationData": "intimacy.model.types",
    "Depth": "intimacy.model.vocab",
    "Energy": "intimacy.model.vocab",
    "Mood": "intimacy.model.vocab",
    "Pleasantness": "intimacy.model.vocab",
    "Practice": "intimacy.model.vocab",
    "Quadrant": "intimacy.model.vocab",
    "Role": "intimacy.model.vocab",
    "Topic": "intimacy.model.vocab",
    "dumps_pack": "intimacy.packs.codec",
    "loads_pack": "intimacy.packs.codec",
    "loads_translation": "intimacy.packs.codec",
    "load_pack": "intimacy.packs.files",
    "load_packs": "intimacy.packs.files",
    "load_translation": "intimacy.packs.files",
    "OutputError": "intimacy.packs.output",
    "InstalledPack": "intimacy.packs.plugins",
    "PluginWarning": "intimacy.packs.plugins",
    "installed_packs": "intimacy.packs.plugins",
    "pack_schema": "intimacy.packs.schema",
    "Deck": "intimacy.sessions.deck",
    "DeckState": "intimacy.sessions.deck",
    "Plan": "intimacy.sessions.plan",
    "MoodRule": "intimacy.sessions.suit",
    "Suited": "intimacy.sessions.suit",
    "suit": "intimacy.sessions.suit",
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
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'intimacy' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
