"""The prompt of the day: the same on both partners' devices, with no server in between.

Days are counted from 1 January of year 1 (``date.toordinal()``) and grouped into cycles as long
as the set of matching prompts: cycle ``c`` holds days ``c * n`` to ``c * n + n - 1``. Each
cycle orders the set by a keyed hash of (key, cycle) and day ``d`` gets the prompt at place
``d % n``. So within a cycle no prompt comes twice; the next cycle has a new order, and its first
day never repeats the last day of the cycle before.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Unpack

from intimacy._errors import ArgumentTypeError, NoMatchError, ValidationError
from intimacy._order import hash_key, hash_order

if TYPE_CHECKING:
    from intimacy._bank import Bank
    from intimacy._models import Prompt
    from intimacy._types import Filters

__all__ = ["daily_prompt", "parse_date"]


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
            raise ValidationError(
                [("date", f"{value!r} is not a date; write it as YYYY-MM-DD, such as 2025-02-14")]
            ) from err
    raise ArgumentTypeError(
        f"a date must be a datetime.date or a 'YYYY-MM-DD' string, not {value!r}"
    )


def _cycle_order(prompts: tuple[Prompt, ...], key: int | str, cycle: int) -> tuple[Prompt, ...]:
    """The order of one cycle, before the swap that protects its first day."""
    return hash_order(prompts, hash_key("intimacy-daily", key, cycle))


def daily_prompt(
    bank: Bank, date: dt.date | str, *, key: int | str = "", **filters: Unpack[Filters]
) -> Prompt:
    """The prompt of the day for ``key`` (see :meth:`intimacy.Bank.daily`)."""
    day = parse_date(date).toordinal()
    prompts = bank.prompts(**filters)
    count = len(prompts)
    if count == 0:
        raise NoMatchError("prompt", filters)
    if count <= 2:
        # One prompt can only repeat; two alternate in a fixed order, so no day repeats the last.
        return _cycle_order(prompts, key, 0)[day % count]
    cycle, place = divmod(day, count)
    order = _cycle_order(prompts, key, cycle)
    # The last place of the cycle before is never moved by a swap (count > 2), so it is
    # the prompt the couple saw yesterday when today opens a cycle.
    if place <= 1 and order[0].id == _cycle_order(prompts, key, cycle - 1)[-1].id:
        return order[1 - place]
    return order[place]
