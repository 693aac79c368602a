r"""Named decks kept between runs of the command line, in the user's state directory.

``intimacy random --deck NAME`` (and ``exercise``, ``daily``) keeps the deck's state in
``<state dir>/decks/NAME.json``, so a cron job never repeats a prompt until the set is used up.
Each run reads the state, draws, and writes it back while holding a lock on the deck, so two
processes drawing at once never hand out the same item twice; the file is replaced atomically,
so a crash never leaves half a state behind.

The state directory is ``$INTIMACY_STATE_DIR`` if set, else ``$XDG_STATE_HOME/intimacy``
(``~/.local/state/intimacy`` when ``XDG_STATE_HOME`` is unset) on Linux and other Unix systems,
``~/Library/Application Support/intimacy`` on macOS and ``%LOCALAPPDATA%\intimacy`` on Windows.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intimacy.model.errors import IntimacyError
from intimacy.packs.output import OutputError, write_text

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["DeckStore", "NoDeckError", "StateError", "state_dir"]

#: Overrides where named decks are kept.
STATE_VARIABLE = "INTIMACY_STATE_DIR"
_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_MAX_NAME = 64
_MAX_STATE_BYTES = 64 * 1024


class StateError(IntimacyError, ValueError):
    """A named deck that cannot be used: a bad name, or a state file that is not a deck's."""


class NoDeckError(IntimacyError, LookupError):
    """No named deck has the name asked for."""


def state_dir(environ: dict[str, str] | None = None, platform: str | None = None) -> Path:
    """Where the command line keeps its state (named decks), by platform and environment."""
    env = dict(os.environ) if environ is None else environ
    system = sys.platform if platform is None else platform
    if env.get(STATE_VARIABLE):
        return Path(env[STATE_VARIABLE])
    home = Path(env.get("HOME") or Path.home())
    if system.startswith("win"):
        base = env.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "intimacy"
    if system == "darwin":
        return home / "Library" / "Application Support" / "intimacy"
    return Path(env.get("XDG_STATE_HOME") or home / ".local" / "state") / "intimacy"


def check_name(name: str) -> str:
    """``name`` if it can name a deck (lowercase letters, digits, ``-`` and ``_``).

    Raises:
        StateError: it cannot.
    """
    if not (_NAME.fullmatch(name) and len(name) <= _MAX_NAME):
        raise StateError(
            f"{name!r} is not a deck name: use lowercase letters, digits, '-' and '_' "
            f"(at most {_MAX_NAME} characters)"
        )
    return name


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block."""
    with path.open("a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt  # noqa: PLC0415

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class DeckStore:
    """The named decks in one state directory."""

    def __init__(self, root: Path | None = None) -> None:
        """Keep decks under ``root`` (default: :func:`state_dir`)."""
        self.root = state_dir() if root is None else root
        self.folder = self.root / "decks"

    def path(self, name: str) -> Path:
        """The file of the deck ``name``."""
        return self.folder / f"{check_name(name)}.json"

    def names(self) -> tuple[str, ...]:
        """Every named deck, sorted."""
        if not self.folder.is_dir():
            return ()
        return tuple(sorted(p.stem for p in self.folder.glob("*.json") if _NAME.fullmatch(p.stem)))

    def read(self, name: str) -> dict[str, Any] | None:
        """The saved data of the deck ``name``, or ``None`` if there is none.

        Raises:
            StateError: the file is not a deck's saved data (too large, not JSON, not a table).
        """
        path = self.path(name)
        try:
            with path.open("rb") as stream:
                raw = stream.read(_MAX_STATE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StateError(f"{path}: cannot be read: {err.strerror}") from err
        fix = f"remove it with `intimacy deck reset {name}`"
        if len(raw) > _MAX_STATE_BYTES:
            raise StateError(f"{path}: is larger than a deck's state can be; {fix}")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as err:
            raise StateError(f"{path}: is not a saved deck (not JSON); {fix}") from err
        if not isinstance(data, dict):
            raise StateError(f"{path}: is not a saved deck (not a table); {fix}")
        return data

    @contextlib.contextmanager
    def update(self, name: str) -> Iterator[dict[str, Any]]:
        """Read, change and write back the deck ``name`` while holding its lock.

        The block gets the saved data (empty for a new deck) and changes it in place; on a
        clean exit the data is written atomically, on an error nothing is written.
        """
        path = self.path(name)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"{self.folder}: cannot keep decks here: {err.strerror}") from err
        with _locked(self.folder / f".{name}.lock"):
            data = self.read(name) or {}
            yield data
            write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", overwrite=True)

    def reset(self, name: str) -> bool:
        """Forget the deck ``name``; whether there was one."""
        path = self.path(name)
        with _locked(self.folder / f".{name}.lock") if self.folder.is_dir() else _nothing():
            try:
                path.unlink()
            except FileNotFoundError:
                return False
        return True


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield
