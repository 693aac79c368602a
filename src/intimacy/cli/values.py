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
    "LANGUAGE_VARIABLES",
    "PACKS_VARIABLE",
    "chosen_language",
    "environment_language",
    "pack_paths",
    "seed_value",
]

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2

#: The filter options' destinations, in the order the bank's queries are given them.
FILTERS = (
    "practice",
    "mood",
    "depth",
    "max_depth",
    "min_minutes",
    "max_minutes",
    "tags",
    "exclude_tags",
    "topics",
    "exclude_topics",
)

#: Pack files or folders to add to every command's bank, separated like PATH entries.
PACKS_VARIABLE = "INTIMACY_PACKS"

#: The environment variables read for the language, in gettext's order.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def seed_value(text: str) -> int | str:
    """An int seed for a whole number in ASCII digits (``-?[0-9]+``); any other text is a str.

    ``1_2``, `` 12`` and ``١٢`` are strings, though Python's ``int()`` reads each as 12.

    Raises:
        ValueError: a whole number of more than
            :data:`~intimacy.bank.select.MAX_SEED_DIGITS` digits.
    """
    import re  # noqa: PLC0415

    from intimacy.bank.select import MAX_SEED_DIGITS  # noqa: PLC0415

    if re.fullmatch(r"-?[0-9]+", text) is None:
        return text
    if len(text.removeprefix("-")) > MAX_SEED_DIGITS:
        reason = f"a whole-number seed may have at most {MAX_SEED_DIGITS:,} digits"
        raise ValueError(f"{reason}; use a shorter seed")
    return int(text)


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
