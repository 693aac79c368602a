"""Walk a couple through an exercise in the terminal: who speaks, a countdown, a progress bar.

The clock and the wait for Enter are passed in, so tests (and other front ends) can drive a
run without waiting for real minutes.
"""

from __future__ import annotations

import os
import select
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from intimacy.model.labels import label, plural
from intimacy.model.render import duration, wrap
from intimacy.model.vocab import Role

if TYPE_CHECKING:
    from collections.abc import Callable

    from intimacy.model.models import Exercise

__all__ = ["run_exercise", "terminal_wait", "timeline_data", "timeline_text"]

_BAR = 24


def _heading(exercise: Exercise) -> str:
    lang = exercise.language
    return label(
        lang,
        "{title} ({minutes}, {steps})",
        title=exercise.title,
        minutes=duration(exercise.minutes, lang),
        steps=plural(lang, "{count} step", "{count} steps", len(exercise.steps)),
    )


def _safety(exercise: Exercise) -> str:
    return wrap(exercise.safety or "", first=label(exercise.language, "Safety:") + " ")


def timeline_text(exercise: Exercise) -> str:
    """The exercise's steps with their start and end minute, as ``run --no-wait`` prints them.

    Its labels are in the exercise's language, as :func:`intimacy.model.render.describe` says.
    """
    lang = exercise.language
    width = max(10, *(len(role.label_in(lang)) for role in Role))
    lines = [_heading(exercise)]
    if exercise.safety:
        lines.append(_safety(exercise))
    for entry in exercise.timeline():
        head = f"{entry.start:>3}-{entry.end:<3} {entry.step.role.label_in(lang):<{width}} "
        lines.append(wrap(entry.step.text, " " * len(head), head))
    return "\n".join(lines)


def timeline_data(exercise: Exercise) -> dict[str, Any]:
    """The exercise's timeline as JSON-ready data."""
    return {
        "id": exercise.id,
        "title": exercise.title,
        "minutes": exercise.minutes,
        "steps": [
            {
                "number": entry.number,
                "start": entry.start,
                "end": entry.end,
                "role": entry.step.role.value,
                "text": entry.step.text,
            }
            for entry in exercise.timeline()
        ],
    }


def terminal_wait(stream: TextIO) -> Callable[[float], bool]:
    """A wait of up to some seconds that ends early, returning ``True``, when Enter is pressed.

    It reads the stream's file descriptor itself, so Enters that arrive together (from a pipe,
    or typed quickly) each count once. Once the input ends (a closed pipe, ``/dev/null``),
    later waits just sleep for their time: there is no one left to press Enter.
    """
    pending = 0
    closed = False

    def wait(seconds: float) -> bool:
        nonlocal pending, closed
        if not pending and closed:
            time.sleep(seconds)
            return False
        if not pending:
            if sys.platform == "win32":  # pragma: no cover - select() cannot watch a console
                return _console_wait(seconds)
            ready, _, _ = select.select([stream], [], [], seconds)
            if ready:
                data = os.read(stream.fileno(), 1024)
                closed = not data
                pending = data.count(b"\n")
        if pending:
            pending -= 1
            return True
        return False

    return wait


if sys.platform == "win32":  # pragma: no cover - Windows only

    def _console_wait(seconds: float) -> bool:
        import msvcrt  # noqa: PLC0415

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if msvcrt.kbhit() and msvcrt.getwch() in "\r\n":
                return True
            time.sleep(0.05)
        return False


def _clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _bar(done: float) -> str:
    filled = round(_BAR * min(1.0, max(0.0, done)))
    return "[" + "#" * filled + "-" * (_BAR - filled) + "]"


def run_exercise(
    exercise: Exercise,
    *,
    out: TextIO,
    wait: Callable[[float], bool],
    clock: Callable[[], float] = time.monotonic,
    live: bool = True,
    seconds_per_minute: float = 60.0,
) -> bool:
    """Walk through ``exercise`` step by step, writing to ``out``; ``False`` if stopped.

    Each step shows who acts and what to do, then counts down its minutes. ``wait(seconds)``
    returns ``True`` when the couple presses Enter to move on early (see :func:`terminal_wait`);
    ``clock`` gives the time in seconds. With ``live``, a progress bar and the time left are
    redrawn on one line each second (for a terminal); without it, each step prints only its
    heading. Ctrl-C (``KeyboardInterrupt``) stops the run cleanly with a short message. The
    runner's own lines are in the exercise's language.
    """
    lang = exercise.language
    steps = exercise.timeline()
    write = out.write
    write(_heading(exercise) + "\n")
    write(wrap(exercise.summary) + "\n")
    if exercise.safety:
        write(_safety(exercise) + "\n")
    write(wrap(label(lang, "Either of you may pass on any step. Enter moves on; Ctrl-C stops.")))
    write("\n")
    out.flush()
    number = 0
    try:
        for entry in steps:
            number = entry.number
            step = entry.step
            head = label(
                lang,
                "Step {number} of {total}: {role}, {minutes}",
                number=number,
                total=len(steps),
                role=step.role.label_in(lang),
                minutes=duration(step.minutes, lang),
            )
            write(f"\n{head}\n")
            write(wrap(step.text, "  "))
            write("\n")
            out.flush()
            length = step.minutes * seconds_per_minute
            started = clock()
            while True:
                left = length - (clock() - started)
                if live:
                    remaining = label(lang, "{time} left", time=_clock(left))
                    write(f"\r  {_bar(1 - left / length)} {remaining} ")
                    out.flush()
                if left <= 0 or wait(min(1.0, left)):
                    break
            if live:
                write("\n")
    except KeyboardInterrupt:
        stopped = label(
            lang,
            "Stopped at step {number} of {total}. Thank each other for trying.",
            number=number,
            total=len(steps),
        )
        write(f"\n{stopped}\n")
        out.flush()
        return False
    done = label(lang, "Done: {title}. Thank each other for the time.", title=exercise.title)
    write(f"\n{done}\n")
    out.flush()
    return True
