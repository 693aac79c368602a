"""The data files shipped inside the package (``intimacy/data``), read cheaply.

Where the package is a folder on disk, as every ordinary install is, a file is read with a plain
``open``: :mod:`importlib.resources` takes about 10 ms to import, twice what ``intimacy random``
may spend on everything it does beyond starting Python. Where the package is not a folder (a
zip file, a frozen app), the files are read through :mod:`importlib.resources`, which reaches
them wherever the import system found the package.
"""

from __future__ import annotations

import functools
import os

__all__ = ["data_names", "read_data"]

_PACKAGE = "intimacy.data"


@functools.cache
def _folder() -> str | None:
    """The data folder on disk, or ``None`` when the package is not a folder of files."""
    # The data package sits next to this module's own package, so no import is needed to find it.
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # noqa: PTH100, PTH120
    folder = os.path.join(here, "data")  # noqa: PTH118 - pathlib costs start-up time too
    return folder if os.path.isfile(os.path.join(folder, "__init__.py")) else None  # noqa: PTH113, PTH118


def data_names(folder: str = "") -> tuple[str, ...]:
    """The names of the files in ``intimacy/data/<folder>``, sorted (no subfolders).

    Raises:
        FileNotFoundError: there is no such folder.
    """
    base = _folder()
    if base is None:
        from importlib.resources import files  # noqa: PLC0415 - only where the data is not a folder

        root = files(_PACKAGE)
        found = (root.joinpath(folder) if folder else root).iterdir()
        return tuple(sorted(entry.name for entry in found if entry.is_file()))
    path = os.path.join(base, folder) if folder else base  # noqa: PTH118
    with os.scandir(path) as entries:
        return tuple(sorted(entry.name for entry in entries if entry.is_file()))


def read_data(*parts: str, size: int = -1) -> bytes | None:
    """The bytes of the file ``intimacy/data/<parts...>``, or ``None`` if there is none.

    With ``size``, at most its first ``size`` bytes.
    """
    base = _folder()
    if base is None:
        from importlib.resources import files  # noqa: PLC0415 - only where the data is not a folder

        entry = files(_PACKAGE)
        for part in parts:
            entry = entry.joinpath(part)
        if not entry.is_file():
            return None
        with entry.open("rb") as stream:
            return stream.read(size)
    try:
        with open(os.path.join(base, *parts), "rb") as file:  # noqa: PTH118, PTH123
            return file.read(size)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
