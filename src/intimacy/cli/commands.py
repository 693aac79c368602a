"""The full ``intimacy`` command: every sub-command, its parser, and its error reports.

:func:`intimacy.cli.main` runs it for anything the fast path (:mod:`intimacy.cli.fast`) leaves
to it. Exit codes: 0 success; 1 nothing matched (or no such id); 2 bad usage or bad input.
Errors go to standard error, one line each, never as a traceback.
"""

from __future__ import annotations

import json
import shlex
import sys
from typing import TYPE_CHECKING, Any, Literal

from intimacy.cli.deck import add_deck_option, add_deck_parser, cmd_deck, draw_from_deck
from intimacy.cli.options import (
    _JSON_ERRORS,
    _add_bank_options,
    _add_filters,
    _add_partner_option,
    _bank,
    _emit,
    _filled,
    _filters,
    _language,
    _Parser,
    _rows,
    _seed,
    error_json,
)
from intimacy.cli.output import item_text
from intimacy.cli.sessions import COMMANDS as SESSION_COMMANDS
from intimacy.cli.sessions import add_session_parsers
from intimacy.cli.values import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK, FILTER_OPTIONS
from intimacy.model.errors import IntimacyError, NoMatchError, PackError
from intimacy.model.types import FORMATS, KINDS
from intimacy.model.vocab import Mood, Practice, Topic

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Exercise, Pack, Prompt
    from intimacy.model.translations import Translation


__all__ = ["run"]


def _build_parser() -> _Parser:
    parser = _Parser(prog="intimacy", description="Prompts and guided exercises for couples.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for name, help_text in (
        ("random", "print a random prompt"),
        ("exercise", "print a random guided exercise"),
    ):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _add_filters(sub)
        sub.add_argument(
            "--seed", type=_seed, metavar="SEED", help="the same seed gives the same choice"
        )
        add_deck_option(sub)
        _add_partner_option(sub)
        _add_bank_options(sub)

    show = commands.add_parser("show", help="print a prompt or exercise by id")
    show.add_argument("id", metavar="ID", help="the item's id, such as core/em-comfort-map")
    _add_partner_option(show)
    _add_bank_options(show)

    listing = commands.add_parser("list", help="list practices, moods, topics, packs or languages")
    listing.add_argument(
        "what",
        choices=("practices", "moods", "topics", "packs", "languages"),
        help="what to list (tab-separated columns; --json for data)",
    )
    _add_bank_options(listing)

    validate = commands.add_parser("validate", help="check pack files and report every problem")
    validate.add_argument("files", nargs="+", metavar="FILE", help="pack or translation pack files")

    lint = commands.add_parser(
        "lint",
        help="check pack files against the content rules (default: the bundled packs)",
        description="Check pack files against the content rules; see docs/linter.md.",
    )
    lint.add_argument(
        "files", nargs="*", metavar="FILE_OR_DIR", help="pack files or folders of them"
    )
    lint.add_argument(
        "--with-bundled",
        action="store_true",
        help="also report prompts and ids that repeat the bundled packs'",
    )
    lint.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    lint.add_argument(
        "--strict", action="store_true", help="fail (exit 2) on warnings too, not only on errors"
    )

    export = commands.add_parser(
        "export",
        help="write printable cards (HTML), a handout (Markdown) or JSON",
        description="Export prompts as printable cards, exercises as handouts, or items as JSON.",
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="html: printable cards and handouts; markdown: a handout (the default); json: data",
    )
    export.add_argument(
        "--kind",
        choices=KINDS,
        default="prompts",
        help="what the filters choose from (default: prompts)",
    )
    export.add_argument(
        "--id", dest="ids", action="append", metavar="ID", help="export this item (repeatable)"
    )
    export.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-' prints it)"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _add_partner_option(export)
    _add_filters(export)
    _add_bank_options(export)  # its --json is a shorthand for --format json
    schema = commands.add_parser("schema", help="print the JSON Schema of pack files")
    schema.set_defaults(json=True)

    new_pack = commands.add_parser("new-pack", help="write a commented starter pack")
    new_pack.add_argument("name", help="the pack's name: lowercase words joined by hyphens")
    new_pack.add_argument(
        "--out", metavar="FILE", help="where to write it (default: NAME.toml; '-' prints it)"
    )
    new_pack.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_session_parsers(commands)
    add_deck_parser(commands)
    return parser


def _print_item(args: argparse.Namespace, bank: Bank, item: Prompt | Exercise) -> int:
    partner: str | None = getattr(args, "partner", None)
    print(item_text(item, bank.references(), as_json=args.json, partner=partner))
    return EXIT_OK


def _cmd_random(args: argparse.Namespace) -> int:
    bank = _bank(args)
    kind: Literal["prompt", "exercise"] = "prompt" if args.command == "random" else "exercise"
    if args.deck is not None:
        return _print_item(args, bank, draw_from_deck(bank, args.deck, kind, args))
    pick = bank.random_prompt if kind == "prompt" else bank.random_exercise
    return _print_item(args, bank, pick(seed=args.seed, **_filters(args)))


def _cmd_show(args: argparse.Namespace) -> int:
    bank = _bank(args)
    return _print_item(args, bank, bank.get(args.id))


def _cmd_list(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]]
    language = _language(args)
    if args.what == "practices":
        rows = [{"name": p.value, "title": p.label_in(language)} for p in Practice]
    elif args.what == "moods":
        rows = [
            {"name": m.value, "quadrant": m.quadrant.value, "label": m.name_in(language)}
            for m in Mood
        ]
    elif args.what == "topics":
        rows = [{"name": t.value, "label": t.name_in(language)} for t in Topic]
    elif args.what == "languages":
        found = _bank(args).languages()
        rows = [
            {
                "language": f.language,
                "prompts": f.prompts,
                "exercises": f.exercises,
                "total_prompts": f.total_prompts,
                "total_exercises": f.total_exercises,
                "share": round(f.share, 4),
            }
            for f in found
        ]
        text = "\n".join(
            f"{f.language}\t{f.prompts}/{_count(f.total_prompts, 'prompt')}\t"
            f"{f.exercises}/{_count(f.total_exercises, 'exercise')}\t{f.share:.0%}"
            for f in found
        )
        _emit(args, rows, text)
        return EXIT_OK
    else:
        bank = _bank(args)
        every: list[Pack | Translation] = [*bank.packs, *bank.translations]
        rows = [
            {
                "name": p.name,
                "version": p.version,
                "title": p.title,
                "language": p.language,
                "prompts": len(p.prompts),
                "exercises": len(p.exercises),
                "source": bank.source(p.name),
                "translates": getattr(p, "translates", ""),
            }
            for p in every
        ]
    _emit(args, rows, _rows(rows))
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    """``"1 prompt"``, ``"2 prompts"``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _cmd_validate(args: argparse.Namespace) -> int:
    from intimacy.model.translations import Translation  # noqa: PLC0415
    from intimacy.packs.files import load_file  # noqa: PLC0415

    failed = False
    for path in args.files:
        try:
            pack = load_file(path)
        except PackError as err:
            failed = True
            print(err, file=sys.stderr)
        else:
            kind = (
                f"translates {pack.translates} into {pack.language}: "
                if isinstance(pack, Translation)
                else ""
            )
            print(
                f"{path}: ok ({pack.name} {pack.version}: {kind}"
                f"{_count(len(pack.prompts), 'prompt')}, "
                f"{_count(len(pack.exercises), 'exercise')})"
            )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _cmd_lint(args: argparse.Namespace) -> int:
    import attrs  # noqa: PLC0415

    from intimacy.authoring.lint import lint_files  # noqa: PLC0415

    packs, findings = lint_files(args.files, with_bundled=args.with_bundled)
    if args.json:
        print(json.dumps([attrs.asdict(found) for found in findings], ensure_ascii=False, indent=2))
    else:
        for found in findings:
            print(found)
        checked = sum(len(pack.prompts) + len(pack.exercises) for pack in packs)
        count = f"{len(findings) or 'no'} finding{'s' * (len(findings) != 1)}"
        warnings = sum(found.severity == "warning" for found in findings)
        if warnings:
            count += f" ({warnings} warning{'s' * (warnings != 1)})"
        print(f"{count} in {checked} item{'s' * (checked != 1)}")
    failing = [found for found in findings if args.strict or found.severity == "error"]
    return EXIT_BAD_INPUT if failing else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from intimacy.authoring.export import run_export  # noqa: PLC0415

    out = None if args.out == "-" else args.out  # "-" is standard output, as for new-pack
    text = run_export(
        _bank(args),
        fmt="json" if args.json else args.format,
        kind=args.kind,
        ids=args.ids or (),
        out=out,
        overwrite=args.force,
        fill=lambda item: _filled(args, item),
        **_filters(args),
    )
    if out is None:
        sys.stdout.write(text)
    else:
        print(f"{args.out}: written ({args.format if not args.json else 'json'})")
    return EXIT_OK


def _cmd_schema(_: argparse.Namespace) -> int:
    from intimacy.packs.schema import pack_schema_json  # noqa: PLC0415

    print(pack_schema_json(), end="")
    return EXIT_OK


def _cmd_new_pack(args: argparse.Namespace) -> int:
    from intimacy.authoring.starter import starter_pack  # noqa: PLC0415
    from intimacy.packs.output import write_text  # noqa: PLC0415

    text = starter_pack(args.name)
    if args.out == "-":
        print(text, end="")
        return EXIT_OK
    path = write_text(args.out or f"{args.name}.toml", text, overwrite=args.force)
    print(f"wrote {path}: try `intimacy validate {path}`")
    return EXIT_OK


def _cmd_session(args: argparse.Namespace) -> int:
    return SESSION_COMMANDS[args.command](args)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "daily": _cmd_session,
    "plan": _cmd_session,
    "run": _cmd_session,
    "random": _cmd_random,
    "exercise": _cmd_random,
    "show": _cmd_show,
    "list": _cmd_list,
    "validate": _cmd_validate,
    "lint": _cmd_lint,
    "schema": _cmd_schema,
    "new-pack": _cmd_new_pack,
    "export": _cmd_export,
    "deck": cmd_deck,
}


#: The flag that gives each filter, by the filter's name in :class:`NoMatchError`.
_FLAGS = {name: flag for flag, name, _ in FILTER_OPTIONS} | {"moods": "--partner-mood"}


def _flags(err: NoMatchError, args: argparse.Namespace) -> list[tuple[str, str]]:
    """The filters of ``err`` that the user gave, as ``(flag, value)`` pairs.

    A plan narrows its own queries (a gentle plan asks for nothing deep): those narrowings are
    the plan's, not the user's, so they are not blamed.
    """
    pairs = []
    for name, value in err.filters.items():
        flag = _FLAGS.get(name, "--" + name.replace("_", "-"))
        if getattr(args, name, None) is None and not (name == "minutes" and args.command == "plan"):
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((flag, str(item)))
    return pairs


def _no_match(err: NoMatchError, args: argparse.Namespace) -> str:
    """The error with the filters the user gave written as the flags that asked for them."""
    given = " ".join(f"{flag} {shlex.quote(value)}" for flag, value in _flags(err, args))
    hint = "; leave out or widen a filter" if given else ""
    return f"no {err.kind} matches {given or 'these choices'}{hint}"


def _report(err: IntimacyError, args: argparse.Namespace) -> int:
    """Print ``err`` on stderr (one line, or one JSON object) and return its exit code."""
    as_json = bool(getattr(args, "json", False))
    code = EXIT_NO_MATCH if isinstance(err, LookupError) else EXIT_BAD_INPUT
    message = _no_match(err, args) if isinstance(err, NoMatchError) else str(err)
    if not as_json:
        print(f"intimacy: {message}", file=sys.stderr)
        return code
    more: dict[str, object] = {"type": type(err).__name__}
    if isinstance(err, PackError):
        message = f"{len(err.problems)} problem{'s' * (len(err.problems) != 1)} in the pack"
        more["problems"] = [
            {"source": p.source, "path": p.path, "line": p.line, "message": p.message}
            for p in err.problems
        ]
    if isinstance(err, NoMatchError):
        more["flags"] = [[flag, value] for flag, value in _flags(err, args)]
    kind = "no-match" if code == EXIT_NO_MATCH else "bad-input"
    print(error_json(kind, message, code, **more), file=sys.stderr)
    return code


def run(given: Sequence[str]) -> int:
    """Run the full command with the arguments ``given``; return the exit code."""
    parser = _build_parser()
    _JSON_ERRORS[0] = "--json" in given
    try:
        args = parser.parse_args(list(given))
    except SystemExit as stop:  # --help, or a usage error already reported on stderr
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    finally:
        _JSON_ERRORS[0] = False
    if getattr(args, "seed", None) == []:
        # argparse drops a value of "--" (as in --seed=--), leaving an empty list: put it back.
        args.seed = "--"
    if args.version:
        from importlib.metadata import version  # noqa: PLC0415

        print(f"intimacy {version('intimacy')}")
        return EXIT_OK
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return _COMMANDS[args.command](args)
    except IntimacyError as err:
        return _report(err, args)
