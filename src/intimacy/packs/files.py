"""Reading pack files from disk, as untrusted input: one file, a folder, or a list of both.

A file is read only if its suffix names a format (``.toml`` or ``.json``), and no more than
:data:`MAX_PACK_BYTES` of it, then handed to :mod:`intimacy.packs.codec`. Paths in messages are
shown by :func:`shown_path`, so that a hostile file name cannot write to the terminal; a file
or folder that cannot be read is a :class:`~intimacy.model.errors.PackError` naming it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from intimacy.model.errors import PackError, Problem
from intimacy.model.models import Pack
from intimacy.model.translations import Translation
from intimacy.packs.codec import _expect, _loads
from intimacy.packs.parse import FormatName, _problem

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MAX_PACK_BYTES",
    "expand_paths",
    "load_file",
    "load_files",
    "load_pack",
    "load_packs",
    "load_translation",
    "pack_files",
    "shown_path",
]

#: The largest pack file read, in bytes (1 MiB); a larger file is rejected after reading no more.
#: About 5,000 prompts in TOML and 6,000 in JSON, twice the bundled bank: a size at which any
#: file, however hostile, is accepted or rejected in well under 2 s and 300 MB (the standard
#: library's TOML parser reads about 1.5 MB a second). ``max_bytes`` raises it for a pack
#: you trust.
MAX_PACK_BYTES = 1024 * 1024
#: The suffixes of pack files, and the format each holds.
FORMATS: dict[str, Literal["toml", "json"]] = {".toml": "toml", ".json": "json"}


def shown_path(path: str | os.PathLike[str]) -> str:
    r"""``path`` as a message shows it: as it is, or quoted if it holds an unprintable character.

    A file name found in a folder is untrusted: a name holding an escape sequence or a newline
    must not write to the user's terminal or split a message over two lines, so it is shown as a
    Python string literal (``'evil\x1b[2J.toml'``). Ordinary names are shown unchanged.
    """
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _format_of(path: Path) -> FormatName:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        source = shown_path(path)
        try:
            exists = path.exists()
        except OSError as err:  # a folder on the way that cannot be searched
            raise _problem(source, f"cannot be read: {_reason(err)}") from err
        if not exists:
            # Most often a folder of packs that is not there: say so, not "not a pack file".
            reason = "does not exist (neither a pack file nor a folder of packs)"
            raise _problem(source, reason) from None
        raise _problem(source, "is not a pack file: use a .toml or .json file") from None


def load_file(path: str | os.PathLike[str], max_bytes: int = MAX_PACK_BYTES) -> Pack | Translation:
    """Load a pack or a translation pack, whichever the file holds (see :func:`load_pack`).

    Messages name the file as :func:`shown_path` shows it.
    """
    file = Path(path)
    fmt = _format_of(file)
    source = shown_path(file)
    try:
        with file.open("rb") as stream:
            content = stream.read(max_bytes + 1)
    except OSError as err:
        raise _problem(source, f"cannot be read: {_reason(err)}") from err
    if len(content) > max_bytes:
        raise _problem(source, f"is larger than the limit of {max_bytes:,} bytes")
    return _loads(content, fmt, source)


def load_pack(path: str | os.PathLike[str], *, max_bytes: int = MAX_PACK_BYTES) -> Pack:
    """Load a pack from a ``.toml`` or ``.json`` file.

    The file is read as untrusted input: no more than ``max_bytes`` are read, and its text must
    be valid UTF-8 without control or text-direction characters.

    Raises:
        PackError: the file is missing, unreadable, too large, not a valid pack, or a
            translation pack (see :func:`load_translation`); the error lists every problem
            with its file and path.
    """
    return _expect(load_file(path, max_bytes), Pack, str(path))


def load_translation(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_PACK_BYTES
) -> Translation:
    """Load a translation pack from a ``.toml`` or ``.json`` file, as :func:`load_pack` does.

    Raises:
        PackError: the file is missing, unreadable, too large, not a valid translation pack,
            or a pack that is not a translation.
    """
    return _expect(load_file(path, max_bytes), Translation, str(path))


def pack_files(directory: str | os.PathLike[str]) -> tuple[Path, ...]:
    """The pack files directly inside ``directory``, sorted by name.

    Raises:
        PackError: the folder cannot be listed, or an entry in it cannot be looked at (a folder
            that may be read but not searched); the problem names the path.
    """
    folder = Path(directory)
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        raise _problem(
            shown_path(folder), f"cannot be read as a folder of packs: {_reason(err)}"
        ) from err
    return tuple(entry for entry in entries if entry.suffix.lower() in FORMATS and _is_file(entry))


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file (a broken link or a link loop is not); a PackError if unknown."""
    try:
        return path.is_file()
    except OSError as err:  # PermissionError: is_file() raises what it cannot answer
        raise _problem(shown_path(path), f"cannot be read: {_reason(err)}") from err


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as err:
        raise _problem(shown_path(path), f"cannot be read: {_reason(err)}") from err


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """Each path that is not a folder, and in place of each folder the pack files inside it.

    An empty path is skipped, as an empty entry of ``PATH`` is: ``""`` never means the current
    folder (write ``"."`` for that).

    Raises:
        PackError: a folder (or the folder a path is in) cannot be read.
    """
    return tuple(
        file
        for path in paths
        if os.fspath(path)
        for file in (pack_files(path) if _is_dir(Path(path)) else (Path(path),))
    )


def load_files(
    files: Iterable[str | os.PathLike[str]],
) -> tuple[tuple[Pack | Translation, Path], ...]:
    """Load every file (packs and translation packs), each with its path.

    Raises:
        PackError: listing the problems of every file that failed, not just the first.
    """
    loaded: list[tuple[Pack | Translation, Path]] = []
    problems: list[Problem] = []
    for file in map(Path, files):
        try:
            loaded.append((load_file(file), file))
        except PackError as err:
            problems.extend(err.problems)
    if problems:
        raise PackError(problems)
    return tuple(loaded)


def load_packs(directory: str | os.PathLike[str]) -> tuple[Pack | Translation, ...]:
    """Load every ``.toml`` and ``.json`` pack directly inside ``directory``, sorted by name.

    Translation packs among them are loaded too; :meth:`Bank.with_packs` takes both.

    Raises:
        PackError: listing the problems of every file that failed, not just the first.
    """
    return tuple(pack for pack, _ in load_files(pack_files(directory)))
