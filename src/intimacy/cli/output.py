"""What the item commands print: an item as text or JSON, the prompt of the day, their notes.

The full command (:mod:`intimacy.cli.commands`) prints models through these functions, and its
fast path (:mod:`intimacy.cli.fast`) prints lightweight views of the same items through them
(:mod:`intimacy.model.views`), so the two cannot print an item differently.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # not typing's: the fast path does without importing typing
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Reference
    from intimacy.model.views import Item, ReferenceView

__all__ = [
    "DAILY_NOTE",
    "daily_text",
    "dumps",
    "emit",
    "filled",
    "item_text",
    "language_warning",
]

#: Printed on standard error by ``intimacy daily`` without ``--key``.
DAILY_NOTE = (
    "intimacy: note: without --key, everyone gets the same prompt of the day; "
    "give the couple's own code (--key CODE) for a sequence of your own"
)


def dumps(data: object) -> str:
    """``data`` as the command line prints JSON: indented, non-ASCII kept as it is."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def emit(as_json: bool, data: object, text: str) -> None:  # noqa: FBT001 - the --json flag
    """Print ``data`` as JSON with ``--json``, else ``text``."""
    print(dumps(data) if as_json else text)


def filled(item: Item, partner: str | None) -> Item:
    """``item`` with its placeholders filled: ``--partner NAME``, else each one's default."""
    from intimacy.model.placeholders import render  # noqa: PLC0415

    return render(item) if partner is None else render(item, partner=partner)


def item_text(
    item: Item,
    references: Mapping[str, Reference | ReferenceView],
    *,
    as_json: bool,
    partner: str | None,
) -> str:
    """What ``intimacy random``, ``exercise`` and ``show`` print for ``item``."""
    from intimacy.model.render import describe, to_dict  # noqa: PLC0415

    shown = filled(item, partner)
    return dumps(to_dict(shown)) if as_json else describe(shown, references)


def daily_text(
    prompt: Item,
    date: dt.date,
    key: str | None,
    *,
    as_json: bool,
    partner: str | None,
) -> str:
    """What ``intimacy daily`` prints for the prompt of ``date``."""
    from intimacy.model.labels import label  # noqa: PLC0415
    from intimacy.model.render import describe, to_dict  # noqa: PLC0415

    shown = filled(prompt, partner)
    if as_json:
        return dumps({"date": date.isoformat(), "key": key or "", **to_dict(shown)})
    heading = label(shown.language, "Prompt of the day for {date}:", date=date.isoformat())
    return f"{heading}\n{describe(shown)}"


def language_warning(bank: Bank, given: str | None) -> str | None:
    """The warning for ``--language`` when nothing in ``bank`` is in (or falls back to) it.

    ``given`` is the ``--language`` value: a language taken from the environment never warns.
    """
    from intimacy.model.languages import fallback_chain  # noqa: PLC0415

    if given is None or bank._languages_held() & set(fallback_chain(bank.language or "")):
        return None
    return (
        f"intimacy: warning: nothing is translated into {bank.language!r}; "
        "items are shown in their own language (see intimacy list languages)"
    )
