"""The command line's shared pieces: exit codes, the parser, filter and pack options, the bank.

Used by :mod:`intimacy.cli` and by the session commands in :mod:`intimacy._cli_sessions`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, NoReturn

from intimacy._errors import IntimacyError
from intimacy._vocab import Depth, Mood, Practice, Topic

if TYPE_CHECKING:
    from collections.abc import Callable

    from intimacy._bank import Bank

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _vocabulary(parse: Callable[[str], object]) -> Callable[[str], object]:
    def convert(text: str) -> object:
        try:
            return parse(text)
        except IntimacyError as err:
            raise argparse.ArgumentTypeError(str(err)) from err

    return convert


def _seed(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat a flag to allow several values)")
    group.add_argument(
        "--practice",
        action="append",
        type=_vocabulary(Practice.parse),
        help="one of: " + ", ".join(Practice.names()),
    )
    group.add_argument(
        "--mood",
        action="append",
        type=_vocabulary(Mood.parse),
        help="one of: " + ", ".join(Mood.names()) + " (or a common alias)",
    )
    group.add_argument(
        "--depth",
        action="append",
        type=_vocabulary(Depth.parse),
        help="1 light, 2 personal, 3 deep",
    )
    group.add_argument("--max-depth", type=_vocabulary(Depth.parse), metavar="DEPTH")
    group.add_argument("--min-minutes", type=int, metavar="N")
    group.add_argument("--max-minutes", type=int, metavar="N")
    group.add_argument("--tag", dest="tags", action="append", metavar="TAG")
    group.add_argument("--exclude-tag", dest="exclude_tags", action="append", metavar="TAG")
    group.add_argument(
        "--topic",
        dest="topics",
        action="append",
        type=_vocabulary(Topic.parse),
        help="only items flagged with this topic",
    )
    group.add_argument(
        "--exclude-topic",
        dest="exclude_topics",
        action="append",
        type=_vocabulary(Topic.parse),
        help="leave out items flagged with this topic: " + ", ".join(Topic.names()),
    )
    group.add_argument("--language", action="append", metavar="LANG")


_FILTERS = (
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
    "language",
)


#: Pack files or folders to add to every command's bank, separated like PATH entries.
PACKS_VARIABLE = "INTIMACY_PACKS"


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
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _bank(args: argparse.Namespace) -> Bank:
    from intimacy._default import bank_with  # noqa: PLC0415 - only when a bank is needed

    from_env = [path for path in os.environ.get(PACKS_VARIABLE, "").split(os.pathsep) if path]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bank = bank_with([*from_env, *args.pack], plugins=args.plugins, replace=args.replace)
    for warning in caught:
        print(f"intimacy: warning: {warning.message}", file=sys.stderr)
    return bank


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, name) for name in _FILTERS if getattr(args, name) is not None}


def _emit(args: argparse.Namespace, data: object, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else text)
