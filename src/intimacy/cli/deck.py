"""Named decks on the command line: ``--deck NAME`` and ``intimacy deck list|show|reset``.

A named deck is a :class:`intimacy.Deck` whose state lives in the user's state directory
(:mod:`intimacy.cli.state`): ``intimacy random --deck evenings`` draws the next prompt of the deck
``evenings`` and saves where it got to, so no prompt comes back until the deck has been used up.
The first run makes the deck from that run's filters and seed; later runs draw from the same
deck, and asking for other filters is an error (reset the deck to change them).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, Literal

from intimacy.bank.select import Query
from intimacy.cli.options import _add_bank_options, _bank, _emit, _filters
from intimacy.cli.state import DeckStore, NoDeckError, StateError, check_name
from intimacy.cli.values import EXIT_OK

if TYPE_CHECKING:
    import datetime as dt

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Exercise, Prompt

__all__ = ["add_deck_option", "add_deck_parser", "cmd_deck", "daily_from_deck", "draw_from_deck"]


def _deck_name(text: str) -> str:
    try:
        return check_name(text)
    except StateError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def add_deck_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--deck NAME`` to a command that draws an item."""
    parser.add_argument(
        "--deck",
        type=_deck_name,
        metavar="NAME",
        help="draw from the named deck kept in your state directory: no repeats until it is "
        "used up (see intimacy deck)",
    )


def add_deck_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``intimacy deck list|show|reset``."""
    deck = commands.add_parser(
        "deck",
        help="list, show or reset the named decks of --deck",
        description="The named decks that --deck keeps in your state directory.",
    )
    deck.add_argument("action", choices=("list", "show", "reset"), help="what to do")
    deck.add_argument("name", nargs="?", type=_deck_name, metavar="NAME", help="the deck")
    _add_bank_options(deck)


def _check_same(data: dict[str, Any], name: str, kind: str, wanted: dict[str, Any]) -> None:
    """Fail if the saved deck ``name`` is of another kind or was made with other filters."""
    state = data["state"]
    if state.get("kind") != kind:
        raise StateError(
            f"the deck {name!r} holds {state.get('kind')}s; use another name for {kind}s"
        )
    if wanted and wanted != state.get("filters"):
        raise StateError(
            f"the deck {name!r} was made with other filters; leave them out to draw from it, "
            f"or start over with `intimacy deck reset {name}`"
        )


def draw_from_deck(
    bank: Bank, name: str, kind: Literal["prompt", "exercise"], args: argparse.Namespace
) -> Prompt | Exercise:
    """The next item of the named deck, which is saved (made from ``args`` if it is new)."""
    from intimacy.sessions.deck import Deck  # noqa: PLC0415 - sessions load on first use

    wanted = Query.build(**_filters(args)).as_filters()
    with DeckStore().update(name) as data:
        if "state" in data:
            _check_same(data, name, kind, wanted)
            deck: Deck[Any] = Deck.from_state(bank, data["state"])
        else:
            deck = Deck(bank, kind=kind, seed=args.seed, **wanted)
        item: Prompt | Exercise = deck.draw()
        data["state"] = deck.state()
        data["last"] = item.id
    return item


def daily_from_deck(bank: Bank, name: str, date: dt.date, args: argparse.Namespace) -> Prompt:
    """The prompt of ``date`` from the named deck: drawn on a new day, the same all day long."""
    from intimacy.model.models import Prompt  # noqa: PLC0415
    from intimacy.sessions.deck import Deck  # noqa: PLC0415

    wanted = Query.build(**_filters(args)).as_filters()
    with DeckStore().update(name) as data:
        if "state" in data:
            _check_same(data, name, "prompt", wanted)
            if data.get("day") == date.isoformat() and data.get("last") in bank:
                kept = bank.get(data["last"])
                if isinstance(kept, Prompt):
                    return kept
            deck: Deck[Any] = Deck.from_state(bank, data["state"])
        else:
            deck = Deck(bank, kind="prompt", seed=args.key or None, **wanted)
        item = deck.draw()
        data.update(state=deck.state(), last=item.id, day=date.isoformat())
    assert isinstance(item, Prompt)  # noqa: S101 - a prompt deck
    return item


def _summary(bank: Bank, name: str, data: dict[str, Any]) -> dict[str, Any]:
    from intimacy.sessions.deck import Deck  # noqa: PLC0415

    deck: Deck[Any] = Deck.from_state(bank, data["state"])
    return {
        "name": name,
        "kind": data["state"]["kind"],
        "size": len(deck),
        "cycle": deck.cycle,
        "remaining": deck.remaining,
        "last": data.get("last"),
        "filters": data["state"]["filters"],
    }


def cmd_deck(args: argparse.Namespace) -> int:
    """``intimacy deck list``, ``show NAME`` or ``reset NAME``."""
    store = DeckStore()
    if args.action == "list":
        bank = _bank(args)
        rows = []
        for name in store.names():
            data = store.read(name)
            if data and "state" in data:
                rows.append(_summary(bank, name, data))
        text = "\n".join(
            "\t".join(str(row[key]) for key in ("name", "kind", "size", "cycle", "remaining"))
            for row in rows
        )
        _emit(args, rows, text or "no named decks yet: try `intimacy random --deck NAME`")
        return EXIT_OK
    if args.name is None:
        raise StateError(f"`intimacy deck {args.action}` needs the deck's NAME")
    if args.action == "reset":
        existed = store.reset(args.name)
        message = f"deck {args.name!r} reset" if existed else f"no deck named {args.name!r}"
        _emit(args, {"name": args.name, "reset": existed}, message)
        return EXIT_OK
    data = store.read(args.name)
    if not data or "state" not in data:
        raise NoDeckError(f"no deck named {args.name!r} (see `intimacy deck list`)")
    row = _summary(_bank(args), args.name, data)
    text = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False) if key == 'filters' else value}"
        for key, value in row.items()
    )
    _emit(args, row, text)
    return EXIT_OK
