"""The ``intimacy`` command: print prompts and exercises, validate packs.

Exit codes: 0 success; 1 nothing matched (or no such id); 2 bad usage or bad input.
Errors go to standard error, one line each, never as a traceback.

The common commands that print one item of the bundled packs (``random``, ``exercise``,
``daily``, ``show``) run on a fast path (:mod:`intimacy.cli.fast`) that starts in a fraction of
the time; everything else, and anything the fast path does not handle, runs the full command
(:mod:`intimacy.cli.commands`), with the same output, errors and exit codes.
"""

from __future__ import annotations

import os
import sys

from intimacy.cli.values import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK

TYPE_CHECKING = False  # not typing's: the fast path does without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EXIT_BAD_INPUT", "EXIT_NO_MATCH", "EXIT_OK", "main"]


def _run(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    from intimacy.cli import fast  # noqa: PLC0415 - the module is the fast path's own switch

    code = fast.run(given)
    if code is None:
        from intimacy.cli.commands import run  # noqa: PLC0415 - only what the fast path leaves

        code = run(given)
    return code


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's final flush cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture, an embedding app): nothing flushes at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _output_failed(err: OSError) -> int:
    """Report a failed write (a full disk, a closed stream) in one line; exit code 2."""
    reason = err.strerror or type(err).__name__
    if err.filename is None:
        print(f"intimacy: cannot write to standard output: {reason}", file=sys.stderr)
    else:  # not expected: the library reports its own files' errors, but never a traceback
        from intimacy.packs.files import shown_path  # noqa: PLC0415 - only on this rare path

        print(f"intimacy: {shown_path(err.filename)}: {reason}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    if sys.stdout is None:  # started with its standard output closed (``intimacy random >&-``)
        print("intimacy: cannot write to standard output: it is closed", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at exit, so that a reader that went away is seen below
    except BrokenPipeError:
        # The reader went away (``intimacy random | head -c 10``): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except OSError as err:
        # Standard output failed (``intimacy export > /dev/full``): files the library writes or
        # reads report their own errors. What is still buffered must not fail again at exit.
        _silence_stdout()
        return _output_failed(err)
    return code
