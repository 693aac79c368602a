"""The command line's exit codes and the values its options take, read without argparse.

Both the full command (:mod:`intimacy.cli.commands`) and its fast path (:mod:`intimacy.cli.fast`)
read values with these functions, so the two cannot read a value differently.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: the fast path does without importing typing
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NO_MATCH",
    "EXIT_OK",
    "FILTERS",
    "FILTER_OPTIONS",
    "LANGUAGE_VARIABLES",
    "PACKS_VARIABLE",
    "chosen_language",
    "environment_language",
    "filter_value",
    "pack_paths",
    "seed_value",
]

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2

#: Each filter option: its flag, where its value goes (the bank query's keyword) and whether it
#: repeats (a repeated flag allows several values). The parser, the fast path and the error
#: messages that name the flags all read this one table.
FILTER_OPTIONS = (
    ("--practice", "practice", True),
    ("--mood", "mood", True),
    ("--depth", "depth", True),
    ("--max-depth", "max_depth", False),
    ("--min-minutes", "min_minutes", False),
    ("--max-minutes", "max_minutes", False),
    ("--tag", "tags", True),
    ("--exclude-tag", "exclude_tags", True),
    ("--topic", "topics", True),
    ("--exclude-topic", "exclude_topics", True),
)

#: The filter options' destinations, in the order the bank's queries are given them.
FILTERS = tuple(name for _, name, _ in FILTER_OPTIONS)

#: Pack files or folders to add to every command's bank, separated like PATH entries.
PACKS_VARIABLE = "INTIMACY_PACKS"

#: The environment variables read for the language, in gettext's order.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def seed_value(text: str) -> int | str:
    """An int seed for a whole number in ASCII digits (``-?[0-9]+``); any other text is a str.

    ``1_2``, `` 12`` and ``١٢`` are strings, though Python's ``int()`` reads each as 12.

    Raises:
        ValueError: a whole number of more than
            :data:`~intimacy.bank.choice.MAX_SEED_DIGITS` digits.
    """
    import re  # noqa: PLC0415

    from intimacy.bank.choice import MAX_SEED_DIGITS  # noqa: PLC0415

    if re.fullmatch(r"-?[0-9]+", text) is None:
        return text
    if len(text.removeprefix("-")) > MAX_SEED_DIGITS:
        reason = f"a whole-number seed may have at most {MAX_SEED_DIGITS:,} digits"
        raise ValueError(f"{reason}; use a shorter seed")
    return int(text)


def filter_value(name: str, text: str) -> object:
    """The value of the filter that goes to ``name`` (see :data:`FILTER_OPTIONS`), read from text.

    Raises:
        IntimacyError: a practice, mood, depth or topic that is not in the vocabulary.
        ValueError: minutes that are not a whole number.
    """
    from intimacy.model.vocab import Depth, Mood, Practice, Topic  # noqa: PLC0415

    if name == "practice":
        return Practice.parse(text)
    if name == "mood":
        return Mood.parse(text)
    if name in ("depth", "max_depth"):
        return Depth.parse(text)
    if name in ("topics", "exclude_topics"):
        return Topic.parse(text)
    if name in ("min_minutes", "max_minutes"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    return text  # tags


def pack_paths(environ: Mapping[str, str] | None = None) -> list[str]:
    """The pack files and folders that :data:`PACKS_VARIABLE` names (empty entries skipped)."""
    env = os.environ if environ is None else environ
    return [path for path in env.get(PACKS_VARIABLE, "").split(os.pathsep) if path]


def chosen_language(given: str | None) -> str | None:
    """The language to show: ``--language`` if given, else the environment's (see below)."""
    return given if given is not None else environment_language()


def environment_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the environment asks for, as gettext reads it, or ``None`` for English.

    The first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set wins;
    ``LANGUAGE`` may list several (``es_MX:es``), of which the first is taken. ``es_MX.UTF-8``
    becomes ``es-MX``; ``C``, ``POSIX`` and anything that is not a language tag give ``None``.
    """
    import re  # noqa: PLC0415

    env = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = env.get(name, "")
        if not value:
            continue
        first = value.split(":")[0].split(".")[0].split("@")[0].replace("_", "-")
        if first in ("C", "POSIX") or not re.fullmatch(
            r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", first
        ):
            return None
        return first
    return None
