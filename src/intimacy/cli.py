"""The ``intimacy`` command: print prompts and exercises, validate packs.

Exit codes: 0 success; 1 nothing matched (or no such id); 2 bad usage or bad input.
Errors go to standard error, one line each, never as a traceback.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from typing import TYPE_CHECKING, Any

from intimacy._cli_options import (
    EXIT_BAD_INPUT,
    EXIT_NO_MATCH,
    EXIT_OK,
    _add_bank_options,
    _add_filters,
    _bank,
    _emit,
    _filters,
    _language,
    _Parser,
    _seed,
)
from intimacy._cli_sessions import COMMANDS as SESSION_COMMANDS
from intimacy._cli_sessions import add_session_parsers
from intimacy._errors import IntimacyError, NoMatchError, PackError, UnknownIdError
from intimacy._types import FORMATS, KINDS
from intimacy._vocab import Mood, Practice, Topic

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from intimacy._models import Pack
    from intimacy._translations import Translation


__all__ = ["EXIT_BAD_INPUT", "EXIT_NO_MATCH", "EXIT_OK", "main"]


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
        sub.add_argument("--seed", type=_seed, help="the same seed gives the same choice")
        _add_bank_options(sub)

    show = commands.add_parser("show", help="print a prompt or exercise by id")
    show.add_argument("id")
    _add_bank_options(show)

    listing = commands.add_parser("list", help="list practices, moods, topics, packs or languages")
    listing.add_argument("what", choices=("practices", "moods", "topics", "packs", "languages"))
    _add_bank_options(listing)

    validate = commands.add_parser("validate", help="check pack files and report every problem")
    validate.add_argument("files", nargs="+", metavar="FILE")

    lint = commands.add_parser(
        "lint",
        help="check pack files against the content rules (default: the bundled packs)",
        description="Check pack files against the content rules; see docs/linter.md.",
    )
    lint.add_argument("files", nargs="*", metavar="FILE_OR_DIR")
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
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
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
    return parser


def _cmd_random(args: argparse.Namespace) -> int:
    from intimacy._render import describe, to_dict  # noqa: PLC0415

    bank = _bank(args)
    pick = bank.random_prompt if args.command == "random" else bank.random_exercise
    item = pick(seed=args.seed, **_filters(args))
    _emit(args, to_dict(item) if args.json else None, describe(item, bank.references()))
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from intimacy._render import describe, to_dict  # noqa: PLC0415

    bank = _bank(args)
    item = bank.get(args.id)
    _emit(args, to_dict(item) if args.json else None, describe(item, bank.references()))
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]]
    language = _language(args)
    if args.what == "practices":
        rows = [{"name": p.value, "title": p.title_in(language)} for p in Practice]
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
            f"{f.language}  {f.prompts}/{f.total_prompts} prompts  "
            f"{f.exercises}/{f.total_exercises} exercises  {f.share:.0%}"
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
    text = "\n".join("  ".join(str(value) for value in row.values()) for row in rows)
    _emit(args, rows, text)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from intimacy._packs import load_file  # noqa: PLC0415
    from intimacy._translations import Translation  # noqa: PLC0415

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
                f"{path}: ok ({pack.name} {pack.version}: {kind}{len(pack.prompts)} prompts, "
                f"{len(pack.exercises)} exercises)"
            )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _cmd_lint(args: argparse.Namespace) -> int:
    import attrs  # noqa: PLC0415

    from intimacy._lint import lint_files  # noqa: PLC0415

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
    from intimacy._export import run_export  # noqa: PLC0415

    text = run_export(
        _bank(args),
        fmt="json" if args.json else args.format,
        kind=args.kind,
        ids=args.ids or (),
        out=args.out,
        overwrite=args.force,
        **_filters(args),
    )
    if args.out is None:
        sys.stdout.write(text)
    else:
        print(f"{args.out}: written ({args.format if not args.json else 'json'})")
    return EXIT_OK


def _cmd_schema(_: argparse.Namespace) -> int:
    from intimacy._schema import pack_schema_json  # noqa: PLC0415

    print(pack_schema_json(), end="")
    return EXIT_OK


def _cmd_new_pack(args: argparse.Namespace) -> int:
    from intimacy._files import write_text  # noqa: PLC0415
    from intimacy._starter import starter_pack  # noqa: PLC0415

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
}


_FLAG_NAMES = {
    "moods": "partner-mood",
    "tags": "tag",
    "exclude_tags": "exclude-tag",
    "topics": "topic",
    "exclude_topics": "exclude-topic",
}


def _no_match(err: NoMatchError) -> str:
    """The error with its filters written as the flags that ask for them."""
    given = [
        f"--{_FLAG_NAMES.get(name, name).replace('_', '-')} {shlex.quote(str(item))}"
        for name, value in err.filters.items()
        for item in (value if isinstance(value, list) else [value])
    ]
    return f"no {err.kind} matches {' '.join(given)}; leave out or widen a filter"


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's final flush cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture, an embedding app): nothing flushes at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _run(argv: Sequence[str] | None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error already reported on stderr
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
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
    except (NoMatchError, UnknownIdError) as err:
        message = _no_match(err) if isinstance(err, NoMatchError) else str(err)
        print(f"intimacy: {message}", file=sys.stderr)
        return EXIT_NO_MATCH
    except IntimacyError as err:
        print(f"intimacy: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at exit, so that a reader that went away is seen below
    except BrokenPipeError:
        # The reader went away (``intimacy random | head -c 10``): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    return code
