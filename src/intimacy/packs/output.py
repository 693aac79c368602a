"""Writing files the user asked for: whole or not at all, never over a file by surprise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from intimacy.model.errors import IntimacyError

__all__ = ["OutputError", "write_text"]


class OutputError(IntimacyError, OSError):
    """A file could not be written: it exists already, or its folder is missing or read-only."""


def write_text(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then a rename.

    A reader never sees half a file, and a failed write leaves any old file as it was. The
    temporary file is ``.intimacy-XXXXXXXX~`` in the same folder, whatever the target's name.

    Raises:
        OutputError: ``path`` exists and ``overwrite`` is false, or it cannot be written.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise OutputError(f"{target}: already exists; choose another name or ask to overwrite it")
    try:
        # A short name of its own, not one made from the target's: a name near the file
        # system's limit (255 bytes) would leave no room for a prefix and a suffix.
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".intimacy-", suffix="~")
    except OSError as err:
        raise OutputError(f"{target}: cannot write here: {err.strerror}") from err
    temporary = Path(name)
    try:
        # The stream owns the descriptor from here, so a failure below still closes it.
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            # mkstemp makes the file private; give it the usual mode (or the old file's).
            os.fchmod(stream.fileno(), target.stat().st_mode & 0o777 if target.exists() else 0o644)
            stream.write(text)
        if overwrite:
            temporary.replace(target)
        else:
            # A hard link fails if the target appeared meanwhile, where a rename would clobber it.
            target.hardlink_to(temporary)
            temporary.unlink()
    except FileExistsError as err:
        raise OutputError(
            f"{target}: already exists; choose another name or ask to overwrite it"
        ) from err
    except OSError as err:
        raise OutputError(f"{target}: cannot write here: {err.strerror}") from err
    finally:
        temporary.unlink(missing_ok=True)
    return target
