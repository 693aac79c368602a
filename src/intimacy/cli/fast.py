"""The command line's fast path: ``random``, ``exercise``, ``daily`` and ``show``, bundled packs.

Each of these commands prints one item. The full command builds the parser of every sub-command
and a bank of validated models, which means importing argparse and attrs: more time than
printing one prompt should take (``pyjoke`` prints a joke in about the time Python takes to
start). The fast path reads only the arguments it knows, picks from the compiled bundled packs
(:mod:`intimacy.bank.compiled`) with the library's own selection, and prints a lightweight view
of the item (:mod:`intimacy.model.views`) through the functions that print a model
(:mod:`intimacy.cli.output`).

Anything else is left to the full command, before anything is printed: another sub-command,
``--help``, an option it does not know (an abbreviation too), ``--pack``, ``--plugins``,
``--replace``, ``--deck``, packs in ``INTIMACY_PACKS``, a value that is empty or starts with
``-``, a value that does not read, and any error at all. The full command then runs from the
start, so output, errors and exit codes are its own.
"""

from __future__ import annotations

import sys

from intimacy.cli.values import (
    EXIT_OK,
    FILTER_OPTIONS,
    FILTERS,
    chosen_language,
    filter_value,
    pack_paths,
    seed_value,
)

TYPE_CHECKING = False  # not typing's: importing typing costs more than this module saves
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

__all__ = ["COMMANDS", "run"]

_FILTER_OPTIONS = {flag: (name, repeats) for flag, name, repeats in FILTER_OPTIONS}
_SHOWN = {"--partner", "--language", "--json"}
#: The options each sub-command of the fast path takes (``show`` takes an id as well).
COMMANDS = {
    "random": {*_FILTER_OPTIONS, *_SHOWN, "--seed"},
    "exercise": {*_FILTER_OPTIONS, *_SHOWN, "--seed"},
    "daily": {*_FILTER_OPTIONS, *_SHOWN, "--key", "--date"},
    "show": _SHOWN,
}


class _Unhandled(Exception):  # noqa: N818 - a signal, not an error anyone sees
    """Arguments the fast path leaves to the full command."""


class _Args:
    """The arguments as the full command's parser would read them."""

    __slots__ = ("command", "date", "filters", "id", "json", "key", "language", "partner", "seed")

    def __init__(self, command: str) -> None:
        self.command = command
        self.id: str | None = None
        self.json = False
        self.seed: int | str | None = None
        self.key: str | None = None
        self.date: dt.date | None = None
        self.partner: str | None = None
        self.language: str | None = None
        self.filters: dict[str, Any] = {}


def _parse(argv: Sequence[str]) -> _Args:
    """The arguments as the full command's parser reads them.

    Raises:
        _Unhandled: arguments the fast path leaves to the full command.
        Exception: a value that does not read (the full command reports it).
    """
    if not argv or argv[0] not in COMMANDS:
        raise _Unhandled
    args, known = _Args(argv[0]), COMMANDS[argv[0]]
    given = list(argv[1:])
    while given:
        token = given.pop(0)
        if not token.startswith("-"):
            if args.command != "show" or args.id is not None:
                raise _Unhandled  # a stray argument: argparse's error to report
            args.id = token
            continue
        option, equals, text = token.partition("=")
        if option not in known:
            raise _Unhandled
        if option == "--json":
            if equals:
                raise _Unhandled
            args.json = True
            continue
        if not equals:
            if not given:
                raise _Unhandled
            text = given.pop(0)
        if not text or text.startswith("-"):
            raise _Unhandled  # argparse reads these in ways of its own: let it
        _set(args, option, text)
    if args.command == "show" and args.id is None:
        raise _Unhandled
    return args


def _set(args: _Args, option: str, text: str) -> None:
    """Set the value of ``option`` read from ``text``; a repeated option keeps every value."""
    if option == "--seed":
        args.seed = seed_value(text)
    elif option == "--date":
        from intimacy.sessions.daily import parse_date  # noqa: PLC0415

        args.date = parse_date(text)
    elif option == "--key":
        args.key = text
    elif option == "--partner":
        args.partner = text
    elif option == "--language":
        args.language = text
    else:
        name, repeats = _FILTER_OPTIONS[option]
        value = filter_value(name, text)
        if repeats:
            args.filters.setdefault(name, []).append(value)
        else:
            args.filters[name] = value


def _lines(argv: Sequence[str]) -> tuple[list[str], str]:
    """What the command prints: its lines on standard error, and its standard output.

    Raises:
        _Unhandled: the arguments are the full command's to run.
        Exception: any other failure, which the full command reports in its own way.
    """
    args = _parse(argv)
    if pack_paths():
        raise _Unhandled
    from intimacy.bank.default import default_bank  # noqa: PLC0415
    from intimacy.cli.output import (  # noqa: PLC0415
        DAILY_NOTE,
        daily_text,
        item_text,
        language_warning,
    )

    bank = default_bank(language=chosen_language(args.language))
    notes = []
    if (warning := language_warning(bank, args.language)) is not None:
        notes.append(warning)
    filters = {name: args.filters[name] for name in FILTERS if name in args.filters}
    if args.command == "daily":
        import datetime  # noqa: PLC0415

        from intimacy.sessions.daily import daily_place  # noqa: PLC0415

        if args.key is None:
            notes.append(DAILY_NOTE)
        date = args.date or datetime.date.today()  # the couple's own (local) day
        place = daily_place(bank, date, key=args.key or "", **filters)
        prompt = bank._index("prompt").view(place)
        text = daily_text(prompt, date, args.key, as_json=args.json, partner=args.partner)
        return notes, text
    if args.id is not None:  # show
        kind, place = bank._find(args.id)
    else:
        kind = "prompt" if args.command == "random" else "exercise"
        place = bank._pick(kind, filters, args.seed, None)
    item = bank._index(kind).view(place)
    references = bank._reference_views() if kind == "exercise" else {}
    return notes, item_text(item, references, as_json=args.json, partner=args.partner)


def run(argv: Sequence[str]) -> int | None:
    """Run ``argv`` on the fast path and return the exit code, or ``None`` to leave it.

    ``None`` means nothing was printed: the full command should run ``argv`` instead.
    """
    import gc  # noqa: PLC0415

    # Nothing the command allocates is garbage before it ends (the bundled data, mostly): the
    # collector's passes over it would only cost time, about a tenth of the whole run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        notes, text = _lines(argv)
    except Exception:  # noqa: BLE001 - whatever failed, the full command reports it its own way
        return None
    finally:
        if collecting:
            gc.enable()
    for note in notes:
        print(note, file=sys.stderr)
    print(text)
    return EXIT_OK
