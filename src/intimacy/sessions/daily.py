"""The prompt of the day: the same on both partners' devices, with no server in between.

Days are counted from 1 January of year 1 (``date.toordinal()``) and grouped into cycles as long
as the set of ``n`` matching prompts: cycle ``c`` holds days ``c * n`` to ``c * n + n - 1``,
and day ``d`` is place ``d % n`` of its cycle. The key splits the set (sorted by id) into two
halves for good, with a keyed permutation of the positions: the first ``n // 2`` of that order
and the rest. Each cycle shows a fresh keyed permutation of the first half, then of the second
(see :mod:`intimacy.bank.order`). So within a cycle no prompt comes twice, and a prompt comes back
no sooner than ``n // 2 + 1`` days after it was shown.

The permutations are Feistel networks (:class:`intimacy.bank.order.Shuffle`), so the prompt of a
day costs the same whether one prompt matches or a million: nothing is hashed per prompt.
"""

from __future__ import annotations

import datetime as dt
import functools

from intimacy.bank.order import Shuffle, first_half, hash_key
from intimacy.bank.select import Query

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from typing import Unpack

    from intimacy.bank.bank import Bank
    from intimacy.model.models import Prompt
    from intimacy.model.types import Filters

__all__ = ["daily_place", "daily_prompt", "parse_date"]


def parse_date(value: dt.date | str) -> dt.date:
    """A date from a :class:`datetime.date` (or datetime: its date part) or ``YYYY-MM-DD``.

    Raises:
        ValidationError: the text is not an ISO date.
        TypeError: the value is neither a date nor a string.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as err:
            from intimacy.model.errors import ValidationError  # noqa: PLC0415 - failures only

            raise ValidationError(
                [("date", f"{value!r} is not a date; write it as YYYY-MM-DD, such as 2025-02-14")]
            ) from err
    raise _not_a_date(value)


def _not_a_date(value: object) -> Exception:
    from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

    return ArgumentTypeError(
        f"a date must be a datetime.date or a 'YYYY-MM-DD' string, not {value!r}"
    )


@functools.lru_cache(maxsize=256, typed=True)  # typed: True is not the key 1
def _cycle(key: int | str, cycle: int, size: int) -> _Cycle:
    """The cycle's order, kept for the next call: its keyed hashes cost more than a lookup."""
    return _Cycle(key, cycle, size)


class _Cycle:
    """Where each place of one cycle of ``size`` days goes, as positions in the sorted set."""

    __slots__ = ("_first", "_half", "_second", "_split")

    def __init__(self, key: int | str, cycle: int, size: int) -> None:
        self._half = first_half(size)
        self._split = Shuffle(hash_key("intimacy-daily", key), size)
        self._first = Shuffle(hash_key("intimacy-daily", key, cycle, 0), self._half or 1)
        self._second = Shuffle(hash_key("intimacy-daily", key, cycle, 1), size - self._half)

    def __getitem__(self, place: int) -> int:
        half = self._half
        if place < half:
            return self._split[self._first[place]]
        return self._split[half + self._second[place - half]]


def daily_place(
    bank: Bank, date: dt.date | str, *, key: int | str = "", **filters: Unpack[Filters]
) -> int:
    """The position in the bank's prompt index of the prompt of the day (see :func:`daily_prompt`).

    Nothing is built: the command line shows the prompt without making its model.
    """
    day = parse_date(date).toordinal()
    excluded = Query.build(exclude=filters.pop("exclude", None)).exclude
    found = bank._selection("prompt", Query.build(**filters))
    count = len(found.ids)
    if count:
        cycle, place = divmod(day, count)
        order = _cycle(key, cycle, count)
        for step in range(count):
            chosen = order[(place + step) % count]
            if found.ids[chosen] not in excluded:
                return found.positions[chosen]
    from intimacy.model.errors import NoMatchError  # noqa: PLC0415 - failures only

    raise NoMatchError("prompt", {**filters, "exclude": sorted(excluded) or None})


def daily_prompt(
    bank: Bank, date: dt.date | str, *, key: int | str = "", **filters: Unpack[Filters]
) -> Prompt:
    """The prompt of the day for ``key`` (see :meth:`intimacy.Bank.daily`).

    With ``exclude``, a day whose prompt is excluded gets the next place of its cycle whose
    prompt is not (wrapping round to the cycle's first place), so excluding ids that are not
    the day's prompt never changes it.
    """
    return bank._index("prompt").item(daily_place(bank, date, key=key, **filters))
