"""The command line's shared pieces: the parser, filter and pack options, the bank.

Used by the full command (:mod:`intimacy.cli.commands`) and by the session commands in
:mod:`intimacy.cli.sessions`. Exit codes and option values are in :mod:`intimacy.cli.values`.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import warnings
from typing import TYPE_CHECKING, Any, NoReturn, cast

from intimacy.cli.output import emit, filled, language_warning
from intimacy.cli.values import (
    EXIT_BAD_INPUT,
    FILTER_OPTIONS,
    FILTERS,
    PACKS_VARIABLE,
    chosen_language,
    filter_value,
    pack_paths,
    seed_value,
)
from intimacy.model.errors import IntimacyError
from intimacy.model.vocab import Mood, Practice, Topic

if TYPE_CHECKING:
    from collections.abc import Callable

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Exercise, Prompt


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (JSON with ``--json``), exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", EXIT_CODES)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        text = f"{message}{self._closest_option(message)} (see {self.prog} --help)"
        if _JSON_ERRORS[0]:
            self.exit(EXIT_BAD_INPUT, error_json("usage", text, EXIT_BAD_INPUT) + "\n")
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {text}\n")

    def _closest_option(self, message: str) -> str:
        """``"; did you mean --practice?"`` for an unknown option close to a known one."""
        import re  # noqa: PLC0415

        from intimacy.model.errors import closest  # noqa: PLC0415

        if not message.startswith("unrecognized arguments"):
            return ""
        known = [flag for action in self._actions for flag in action.option_strings]
        for action in self._actions:
            for sub in getattr(action, "choices", None) or {}:
                parser = action.choices[sub] if isinstance(action.choices, dict) else None
                if isinstance(parser, argparse.ArgumentParser):
                    known += [flag for a in parser._actions for flag in a.option_strings]
        for given in re.findall(r"--[\w-]+", message):
            found = closest(given, set(known))
            if found and found != given:
                return f"; did you mean {found}?"
        return ""


# Whether the argv being parsed asks for JSON: set by the command line before parsing, since
# argparse reports a usage error before the namespace (and its --json) exists.
_JSON_ERRORS = [False]


def error_json(kind: str, message: str, code: int, **more: object) -> str:
    """One error as the one-line JSON object printed on stderr under ``--json``."""
    return json.dumps(
        {"error": {"kind": kind, "message": message, "exit_code": code, **more}},
        ensure_ascii=False,
    )


def _argument_type(parse: Callable[[str], object]) -> Callable[[str], object]:
    """``parse`` for argparse: its errors become usage errors that keep their message."""

    def convert(text: str) -> object:
        try:
            return parse(text)
        except (IntimacyError, ValueError) as err:
            raise argparse.ArgumentTypeError(str(err)) from err

    return convert


#: A seed as :func:`~intimacy.cli.values.seed_value` reads it, for argparse.
_seed = _argument_type(seed_value)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The options of :data:`~intimacy.cli.values.FILTER_OPTIONS`, with their help."""
    shown = {  # each filter option's value name and help line
        "--practice": ("PRACTICE", "one of: " + ", ".join(Practice.names())),
        "--mood": ("MOOD", "one of: " + ", ".join(Mood.names()) + " (or a common alias)"),
        "--depth": ("DEPTH", "1 light, 2 personal, 3 deep"),
        "--max-depth": ("DEPTH", "no deeper than this (1, 2 or 3)"),
        "--min-minutes": ("N", "items that take at least N minutes"),
        "--max-minutes": ("N", "items that take at most N minutes"),
        "--tag": ("TAG", "only items with this tag"),
        "--exclude-tag": ("TAG", "leave out items with this tag"),
        "--topic": ("TOPIC", "only items flagged with this topic"),
        "--exclude-topic": (
            "TOPIC",
            "leave out items flagged with this topic: " + ", ".join(Topic.names()),
        ),
    }
    group = parser.add_argument_group("filters (repeat a flag to allow several values)")
    for flag, name, repeats in FILTER_OPTIONS:
        metavar, help_line = shown[flag]
        group.add_argument(
            flag,
            dest=name,
            action="append" if repeats else "store",
            type=_argument_type(functools.partial(filter_value, name)),
            metavar=metavar,
            help=help_line,
        )


def _add_bank_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("packs")
    group.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="FILE_OR_DIR",
        help=f"add a pack file, or every pack in a folder (repeatable; also ${PACKS_VARIABLE})",
    )
    group.add_argument("--plugins", action="store_true", help="also load installed plugin packs")
    group.add_argument(
        "--replace",
        action="store_true",
        help="let a pack replace one of the same name instead of failing",
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        help="show items in this language where a translation exists, such as es or es-MX "
        "(default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of text (errors too, on stderr)"
    )


def _add_partner_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--partner",
        metavar="NAME",
        help="put NAME where an item says $partner (default: 'your partner', in its language)",
    )


def _filled(args: argparse.Namespace, item: Prompt | Exercise) -> Prompt | Exercise:
    """``item`` with its placeholders filled: ``--partner NAME``, else each one's default."""
    partner: str | None = getattr(args, "partner", None)
    return cast("Prompt | Exercise", filled(item, partner))


def _language(args: argparse.Namespace) -> str | None:
    given: str | None = getattr(args, "language", None)
    return chosen_language(given)


def _bank(args: argparse.Namespace) -> Bank:
    from intimacy.bank.default import bank_with  # noqa: PLC0415 - only when a bank is needed

    from_env = pack_paths()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bank = bank_with(
            [*from_env, *args.pack],
            plugins=args.plugins,
            replace=args.replace,
            language=_language(args),
        )
    for warning in caught:
        print(f"intimacy: warning: {warning.message}", file=sys.stderr)
    if (untranslated := language_warning(bank, args.language)) is not None:
        print(untranslated, file=sys.stderr)
    return bank


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, name) for name in FILTERS if getattr(args, name) is not None}


def _emit(args: argparse.Namespace, data: object, text: str) -> None:
    emit(args.json, data, text)


def _rows(rows: list[dict[str, Any]]) -> str:
    """Rows as text: one line each, values separated by tabs (for ``cut`` and ``awk``)."""
    return "\n".join("\t".join(str(value) for value in row.values()) for row in rows)


#: Shown at the end of every command's --help.
EXIT_CODES = (
    "exit codes: 0 success; 1 nothing matched (or no such id or deck); "
    "2 bad usage or bad input (errors go to stderr, as JSON with --json)"
)
