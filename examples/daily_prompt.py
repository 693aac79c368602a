"""Print or write the couple's prompt of the day: a script for cron.

Both partners get the same prompt on the same day when they use the same ``--key`` (a code you
share), on any machine, with no server. A crontab line that writes it every morning at 7:

    0 7 * * * /path/to/venv/bin/python /path/to/daily_prompt.py --key our-code --out ~/today.txt

Options: ``--date YYYY-MM-DD`` (default: today), ``--practice``, ``--mood`` (repeatable),
``--max-minutes N``, ``--out FILE`` (replaced atomically, so a reader never sees half a file).
Exit codes as the ``intimacy`` command: 0 done, 1 nothing matched, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import intimacy

if TYPE_CHECKING:
    from collections.abc import Sequence


def today_text(date: str, key: str, filters: dict[str, Any]) -> str:
    """The prompt of the day as a few lines of text."""
    prompt = intimacy.daily(date, key=key, **filters)
    lines = [f"{date}: {prompt.text}"]
    lines.extend(f"  + {follow_up}" for follow_up in prompt.follow_ups)
    lines.append(f"  ({prompt.practice.label}, about {prompt.minutes} min)")
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(name).replace(path)
    finally:
        Path(name).unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the script; return the exit code."""
    parser = argparse.ArgumentParser(description="Print or write the prompt of the day.")
    parser.add_argument("--key", default="", help="a code both partners share")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="YYYY-MM-DD")
    parser.add_argument("--practice", action="append")
    parser.add_argument("--mood", action="append")
    parser.add_argument("--max-minutes", type=int)
    parser.add_argument("--out", type=Path, help="write to this file instead of printing")
    args = parser.parse_args(argv)
    filters = {
        name: value
        for name, value in (
            ("practice", args.practice),
            ("mood", args.mood),
            ("max_minutes", args.max_minutes),
        )
        if value is not None
    }
    try:
        text = today_text(args.date, args.key, filters)
        if args.out is None:
            sys.stdout.write(text)
        else:
            write_atomically(args.out.expanduser(), text)
    except intimacy.NoMatchError as err:
        print(f"daily_prompt: {err}", file=sys.stderr)
        return 1
    except (intimacy.IntimacyError, OSError) as err:
        print(f"daily_prompt: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
