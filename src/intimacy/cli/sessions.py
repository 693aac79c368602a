"""The session commands of ``intimacy``: ``daily``, ``plan`` and ``run``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from intimacy.cli.deck import add_deck_option, daily_from_deck
from intimacy.cli.options import (
    _add_bank_options,
    _add_filters,
    _add_partner_option,
    _argument_type,
    _bank,
    _emit,
    _filled,
    _filters,
    _seed,
)
from intimacy.cli.output import DAILY_NOTE, daily_text
from intimacy.cli.values import EXIT_BAD_INPUT, EXIT_OK
from intimacy.model.errors import IntimacyError
from intimacy.model.vocab import Mood

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["COMMANDS", "add_session_parsers"]


def _date(text: str) -> dt.date:
    from intimacy.sessions.daily import parse_date  # noqa: PLC0415

    try:
        return parse_date(text)
    except IntimacyError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _minutes(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None


def add_session_parsers(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``daily``, ``plan`` and ``run`` to the ``intimacy`` command's subcommands."""
    daily = commands.add_parser(
        "daily",
        help="print the prompt of the day (the same on both partners' devices)",
        description="Print the prompt of the day: the same for the same key and date anywhere.",
    )
    daily.add_argument(
        "--key",
        metavar="CODE",
        help="a code the couple shares, so they get their own sequence (without one, everyone "
        "gets the same prompt of the day)",
    )
    daily.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="the day (default: today, local time)"
    )
    add_deck_option(daily)
    _add_filters(daily)
    _add_partner_option(daily)
    _add_bank_options(daily)

    plan = commands.add_parser(
        "plan",
        help="plan a session that fits the time you have",
        description="Plan a session: a light warm-up, a middle that climbs in depth, and a "
        "closing appreciation, within --minutes.",
    )
    plan.add_argument(
        "--minutes", type=_minutes, required=True, metavar="N", help="the time you have"
    )
    plan.add_argument(
        "--partner-mood",
        dest="moods",
        action="append",
        type=_argument_type(Mood.parse),
        metavar="MOOD",
        help="each partner's mood (give it once per partner): items must suit both",
    )
    plan.add_argument(
        "--seed", type=_seed, metavar="SEED", help="the same seed gives the same plan"
    )
    _add_filters(plan)
    _add_partner_option(plan)
    _add_bank_options(plan)

    run = commands.add_parser(
        "run",
        help="walk through an exercise step by step",
        description="Walk through an exercise step by step: who acts, a countdown and a "
        "progress bar. Enter moves on early; Ctrl-C stops.",
    )
    run.add_argument(
        "id", metavar="ID", help="the exercise's id, such as core/al-five-minute-just-listen"
    )
    run.add_argument(
        "--no-wait", action="store_true", help="print the timeline at once instead of running it"
    )
    _add_partner_option(run)
    _add_bank_options(run)


def _cmd_daily(args: argparse.Namespace) -> int:
    date = args.date or dt.date.today()  # the couple's own (local) day
    bank = _bank(args)
    if args.deck is not None:
        found = daily_from_deck(bank, args.deck, date, args)
    else:
        if args.key is None:
            print(DAILY_NOTE, file=sys.stderr)
        found = bank.daily(date, key=args.key or "", **_filters(args))
    print(daily_text(found, date, args.key, as_json=args.json, partner=args.partner))
    return EXIT_OK


def _cmd_plan(args: argparse.Namespace) -> int:
    import attrs  # noqa: PLC0415

    made = _bank(args).plan(args.minutes, seed=args.seed, moods=args.moods, **_filters(args))
    made = attrs.evolve(
        made,
        warm_up=None if made.warm_up is None else _filled(args, made.warm_up),
        middle=tuple(_filled(args, item) for item in made.middle),
        closing=None if made.closing is None else _filled(args, made.closing),
    )
    _emit(args, made.to_dict() if args.json else None, made.agenda())
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from intimacy.model.models import Exercise  # noqa: PLC0415
    from intimacy.sessions.run import (  # noqa: PLC0415
        run_exercise,
        terminal_wait,
        timeline_data,
        timeline_text,
    )

    item = _filled(args, _bank(args).get(args.id))
    if not isinstance(item, Exercise):
        print(
            f"intimacy: {args.id} is a prompt; `intimacy run` takes an exercise id "
            "(find one with `intimacy exercise`)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if args.json or args.no_wait:
        _emit(args, timeline_data(item) if args.json else None, timeline_text(item))
        return EXIT_OK
    try:
        run_exercise(item, out=sys.stdout, wait=terminal_wait(sys.stdin), live=sys.stdout.isatty())
    except KeyboardInterrupt:  # run_exercise stops cleanly itself; this covers its first lines
        from intimacy.model.labels import label  # noqa: PLC0415

        print("\n" + label(item.language, "Stopped."))
    return EXIT_OK


#: The handler of each session command.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "daily": _cmd_daily,
    "plan": _cmd_plan,
    "run": _cmd_run,
}
