"""Tests of exercise timelines and the terminal runner, driven by a fake clock and a real pty."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import select
import signal
import sys
import time
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given

import intimacy.sessions.run
from intimacy import Bank, Exercise, Role, Step, TimedStep
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK
from intimacy.sessions.run import run_exercise, terminal_wait, timeline_data, timeline_text
from intimacy.testing import exercises

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

JUST_LISTEN = "core/al-five-minute-just-listen"


def make_exercise(*steps: tuple[Role, int], safety: str | None = None) -> Exercise:
    """An exercise with steps of the given roles and minutes."""
    return Exercise(
        id="t/ex",
        title="Test exercise",
        summary="A small exercise for tests.",
        practice="connection",
        steps=[Step(text=f"Do step {n}.", minutes=m, role=r) for n, (r, m) in enumerate(steps, 1)],
        minutes=sum(m for _, m in steps),
        depth=1,
        moods=["calm"],
        why="Because tests need one.",
        safety=safety,
    )


class FakeTime:
    """A clock that only moves when the runner waits; Enter is pressed on chosen waits."""

    def __init__(self, presses: set[int] | None = None, interrupt_at: int | None = None) -> None:
        self.now = 0.0
        self.waits = 0
        self.presses = presses or set()
        self.interrupt_at = interrupt_at

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.waits += 1
        if self.waits == self.interrupt_at:
            raise KeyboardInterrupt
        if self.waits in self.presses:
            return True
        self.now += seconds
        return False


class TestTimeline:
    def test_offsets(self) -> None:
        """Each step starts where the one before ended, from 0 to the exercise's minutes."""
        exercise = make_exercise((Role.PARTNER_A, 2), (Role.PARTNER_B, 3), (Role.BOTH, 1))
        assert exercise.timeline() == (
            TimedStep(number=1, start=0, end=2, step=exercise.steps[0]),
            TimedStep(number=2, start=2, end=5, step=exercise.steps[1]),
            TimedStep(number=3, start=5, end=6, step=exercise.steps[2]),
        )

    @given(exercises())
    def test_timeline_laws(self, exercise: Exercise) -> None:
        """For any exercise the timeline covers 0..minutes without gaps, one entry per step."""
        timeline = exercise.timeline()
        assert [entry.step for entry in timeline] == list(exercise.steps)
        assert [entry.number for entry in timeline] == list(range(1, len(exercise.steps) + 1))
        assert timeline[0].start == 0
        assert timeline[-1].end == exercise.minutes
        assert all(a.end == b.start for a, b in itertools.pairwise(timeline))
        assert all(e.end - e.start == e.step.minutes for e in timeline)

    def test_text_and_data(self, bank: Bank) -> None:
        """The --no-wait text and the JSON data show every step with its offsets and role."""
        exercise = bank.get(JUST_LISTEN)
        assert isinstance(exercise, Exercise)
        text = timeline_text(exercise)
        assert text.splitlines()[0] == f"{exercise.title} (5 min, 3 steps)"
        assert "  0-2   Partner A " in text
        assert "  4-5   Both " in text
        data = timeline_data(exercise)
        assert [(s["start"], s["end"], s["role"]) for s in data["steps"]] == [
            (0, 2, "partner-a"),
            (2, 4, "partner-b"),
            (4, 5, "both"),
        ]

    def test_text_shows_safety(self) -> None:
        """An exercise's safety note comes before its steps."""
        text = timeline_text(make_exercise((Role.BOTH, 1), safety="Either of you may stop."))
        assert text.splitlines()[1] == "Safety: Either of you may stop."


class TestSpanish:
    """An exercise shown in Spanish is run and timed with Spanish lines."""

    def test_timeline_text(self) -> None:
        """The --no-wait heading, safety label and roles are Spanish, the roles aligned."""
        exercise = attrs.evolve(
            make_exercise((Role.BOTH, 1), (Role.SPEAKER, 2), safety="Puedes parar."),
            language="es",
        )
        assert timeline_text(exercise).splitlines() == [
            "Test exercise (3 min, 2 pasos)",
            "Seguridad: Puedes parar.",
            "  0-1   Las dos personas Do step 1.",
            "  1-3   Quien habla      Do step 2.",
        ]

    def test_one_step(self) -> None:
        """One step is counted in the singular."""
        exercise = attrs.evolve(make_exercise((Role.BOTH, 1)), language="es-MX")
        assert timeline_text(exercise).splitlines()[0] == "Test exercise (1 min, 1 paso)"

    def test_runner_lines(self) -> None:
        """The runner's heading, pass line, steps, countdown and thanks are Spanish."""
        exercise = attrs.evolve(
            make_exercise((Role.SPEAKER, 1), (Role.LISTENER, 2), safety="Puedes parar."),
            language="es",
        )
        fake, out = FakeTime(), io.StringIO()
        assert run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock)
        text = out.getvalue()
        assert text.startswith("Test exercise (3 min, 2 pasos)\n")
        assert "Seguridad: Puedes parar.\n" in text
        assert "Cualquiera de las dos personas puede saltarse un paso." in text
        assert "Paso 1 de 2: Quien habla, 1 min" in text
        assert "Paso 2 de 2: Quien escucha, 2 min" in text
        assert "quedan 0:00" in text
        assert " left" not in text
        assert text.rstrip().endswith(
            "Fin de «Test exercise». Es un buen momento para darse las gracias por este rato."
        )

    def test_stop_line(self) -> None:
        """Ctrl-C stops with a Spanish line naming the step."""
        exercise = attrs.evolve(make_exercise((Role.BOTH, 1), (Role.BOTH, 1)), language="es")
        fake, out = FakeTime(interrupt_at=70), io.StringIO()
        assert not run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock)
        assert "Pausa en el paso 2 de 2." in out.getvalue()


class TestRunner:
    def test_runs_every_step_to_the_end(self) -> None:
        """Without Enter each step counts down its whole time, and the run ends with thanks."""
        exercise = make_exercise((Role.SPEAKER, 1), (Role.LISTENER, 2))
        fake, out = FakeTime(), io.StringIO()
        assert run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock)
        text = out.getvalue()
        assert "Step 1 of 2: Speaker, 1 min" in text
        assert "Step 2 of 2: Listener, 2 min" in text
        assert fake.now == 180
        assert "[" + "#" * 24 + "] 0:00 left" in text
        assert "1:00 left" in text
        assert text.rstrip().endswith("Thank each other for the time.")

    def test_enter_moves_on_early(self) -> None:
        """Enter ends a step at once; the next step starts its own full countdown."""
        exercise = make_exercise((Role.PARTNER_A, 5), (Role.PARTNER_B, 1))
        fake, out = FakeTime(presses={3}), io.StringIO()
        assert run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock)
        assert fake.now == 2 + 60
        assert "4:58 left" in out.getvalue()
        assert "Step 2 of 2" in out.getvalue()

    def test_ctrl_c_stops_cleanly(self) -> None:
        """Ctrl-C stops the run with a short message naming the step."""
        exercise = make_exercise((Role.BOTH, 1), (Role.BOTH, 1), (Role.BOTH, 1))
        fake, out = FakeTime(interrupt_at=70), io.StringIO()
        assert not run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock)
        assert "Stopped at step 2 of 3." in out.getvalue()
        assert "Step 3" not in out.getvalue()

    def test_not_live_prints_no_redraws(self) -> None:
        """Without a terminal the runner prints headings only, no carriage returns."""
        exercise = make_exercise((Role.BOTH, 1), safety="Pass on any step.")
        fake, out = FakeTime(), io.StringIO()
        run_exercise(exercise, out=out, wait=fake.wait, clock=fake.clock, live=False)
        assert "\r" not in out.getvalue()
        assert "left" not in out.getvalue()
        assert "Safety: Pass on any step." in out.getvalue()

    def test_seconds_per_minute(self) -> None:
        """A faster clock scale shortens each step."""
        fake, out = FakeTime(), io.StringIO()
        run_exercise(
            make_exercise((Role.BOTH, 3)),
            out=out,
            wait=fake.wait,
            clock=fake.clock,
            seconds_per_minute=1,
        )
        assert fake.now == 3


@pytest.fixture(name="pipe")
def fixture_pipe() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A pipe: the read end as a text stream, and the write end's descriptor."""
    read, write = os.pipe()
    with open(read, encoding="utf-8") as stream:  # noqa: PTH123 - a descriptor, not a path
        yield stream, write
        with contextlib.suppress(OSError):
            os.close(write)


class TestTerminalWait:
    def test_enter_ends_the_wait(self, pipe: tuple[io.TextIOWrapper, int]) -> None:
        """A line on the input ends the wait early and is consumed."""
        stream, write = pipe
        wait = terminal_wait(stream)
        assert not wait(0)
        os.write(write, b"\n")
        assert wait(5)
        assert not wait(0)

    def test_closed_input_just_waits(self, pipe: tuple[io.TextIOWrapper, int]) -> None:
        """At the end of input no one can press Enter: waits run out instead of ending early."""
        stream, write = pipe
        os.close(write)
        wait = terminal_wait(stream)
        assert not wait(0)
        assert not wait(0)


class TestCommand:
    def test_no_wait_prints_the_timeline(
        self, bank: Bank, cli: Callable[..., tuple[int, str, str]]
    ) -> None:
        """`intimacy run ID --no-wait` prints the timeline at once and exits 0."""
        code, out, _ = cli("run", JUST_LISTEN, "--no-wait")
        assert code == EXIT_OK
        exercise = bank.get(JUST_LISTEN)
        assert isinstance(exercise, Exercise)
        assert out == timeline_text(exercise) + "\n"

    def test_json(self, bank: Bank, cli: Callable[..., tuple[int, str, str]]) -> None:
        """--json prints the timeline as data."""
        code, out, _ = cli("run", JUST_LISTEN, "--json")
        exercise = bank.get(JUST_LISTEN)
        assert isinstance(exercise, Exercise)
        assert code == EXIT_OK
        assert json.loads(out) == timeline_data(exercise)

    def test_prompt_id_is_bad_input(
        self, bank: Bank, cli: Callable[..., tuple[int, str, str]]
    ) -> None:
        """A prompt's id exits 2 with a pointer to exercises."""
        prompt = bank.prompts()[0]
        code, _, err = cli("run", prompt.id, "--no-wait")
        assert code == EXIT_BAD_INPUT
        assert "takes an exercise id" in err
        assert err.count("\n") == 1

    def test_unknown_id_exits_1(self, cli: Callable[..., tuple[int, str, str]]) -> None:
        """An unknown id exits 1 and suggests the closest."""
        code, _, err = cli("run", "core/al-five-minute-just-lisen")
        assert code == EXIT_NO_MATCH
        assert JUST_LISTEN in err

    def test_runs_with_enter_from_a_pipe(
        self,
        monkeypatch: pytest.MonkeyPatch,
        pipe: tuple[io.TextIOWrapper, int],
        cli: Callable[..., tuple[int, str, str]],
    ) -> None:
        """Without --no-wait, Enter on the input moves through every step."""
        stream, write = pipe
        os.write(write, b"\n\n\n")
        monkeypatch.setattr(sys, "stdin", stream)
        code, out, _ = cli("run", JUST_LISTEN)
        assert code == EXIT_OK
        assert "Step 3 of 3: Both, 1 min" in out
        assert "Done: " in out

    def test_ctrl_c_before_the_steps(
        self, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., tuple[int, str, str]]
    ) -> None:
        """Ctrl-C at any moment of a run exits 0 with a short message, no traceback."""

        def interrupted(*_: object, **__: object) -> bool:
            raise KeyboardInterrupt

        monkeypatch.setattr(intimacy.sessions.run, "run_exercise", interrupted)
        code, out, err = cli("run", JUST_LISTEN)
        assert code == EXIT_OK
        assert out.strip() == "Stopped."
        assert not err


def read_until(fd: int, wanted: bytes, seen: bytearray, start: int = 0) -> int:
    """Read from ``fd`` into ``seen`` until ``wanted`` shows up after ``start``; return where.

    Fails if the output ends first, if nothing arrives for a long while, or if other output
    (a countdown) keeps arriving for two minutes without it.
    """
    deadline = time.monotonic() + 120
    while wanted not in seen[start:]:
        assert time.monotonic() < deadline, f"no {wanted!r} in two minutes: {bytes(seen)!r}"
        ready, _, _ = select.select([fd], [], [], 30)
        assert ready, f"no {wanted!r} in output: {bytes(seen)!r}"
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            chunk = b""
        assert chunk, f"output ended before {wanted!r}: {bytes(seen)!r}"
        seen.extend(chunk)
    return seen.index(wanted, start)


def finish(pid: int, fd: int, seen: bytearray) -> int:
    """Read the rest of the output and return the child's exit code."""
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 4096):
            seen.extend(chunk)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture(name="spawn")
def fixture_spawn() -> Callable[[list[str]], tuple[int, int]]:
    """Start ``python -m intimacy ARGS`` on a new pseudo-terminal; return its pid and fd."""
    pty = pytest.importorskip("pty")

    def spawn(argv: list[str]) -> tuple[int, int]:
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child runs the command and never returns
            # A terminal session starts with Ctrl-C live; a test run launched in the background
            # (nohup, ``&`` without job control) would hand its ignored SIGINT down to the child.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.execv(sys.executable, [sys.executable, "-m", "intimacy", *argv])  # noqa: S606
        return pid, fd

    return spawn


class TestPseudoTerminal:
    def test_enter_walks_through_every_step(
        self, spawn: Callable[[list[str]], tuple[int, int]]
    ) -> None:
        """In a real terminal, Enter after each countdown appears moves to the next step."""
        pid, fd = spawn(["run", JUST_LISTEN])
        seen = bytearray()
        for number in (1, 2, 3):
            heading = read_until(fd, f"Step {number} of 3".encode(), seen)
            read_until(fd, b"left", seen, heading)  # the countdown is running: press Enter
            os.write(fd, b"\r")
        read_until(fd, b"Done: ", seen)
        assert finish(pid, fd, seen) == EXIT_OK
        text = seen.decode()
        assert "Partner A, 2 min" in text
        assert "Partner B, 2 min" in text
        assert "1:00 left" in text

    def test_ctrl_c_stops_with_exit_0(self, spawn: Callable[[list[str]], tuple[int, int]]) -> None:
        """Ctrl-C in a real terminal stops the run with a message and exit code 0."""
        pid, fd = spawn(["run", JUST_LISTEN])
        seen = bytearray()
        read_until(fd, b"left", seen)
        os.write(fd, b"\x03")
        read_until(fd, b"Stopped", seen)
        assert finish(pid, fd, seen) == EXIT_OK
        assert b"Traceback" not in seen
