"""Installed plugin packs: distributions that declare pack files in the ``intimacy.packs`` group.

A plugin is data, never code: the entry point's value names a top-level package directory that
holds ``.toml`` / ``.json`` pack files, and those files are read as untrusted input. The package
itself is not imported. Discovery happens only when asked for, in a sorted, deterministic order;
a broken plugin is reported with a :class:`PluginWarning` and skipped.
"""

from __future__ import annotations

import os
import warnings
from importlib.metadata import EntryPoint, entry_points
from importlib.util import find_spec
from typing import TYPE_CHECKING

import attrs

from intimacy.model.errors import PackError
from intimacy.packs.files import load_pack, pack_files

if TYPE_CHECKING:
    from intimacy.model.models import Pack

__all__ = [
    "DISABLE_VARIABLE",
    "ENTRY_POINT_GROUP",
    "InstalledPack",
    "PluginWarning",
    "installed_packs",
]

#: The entry-point group that plugin distributions declare their packs in.
ENTRY_POINT_GROUP = "intimacy.packs"
#: Set this environment variable to a non-empty value to turn plugin discovery off.
DISABLE_VARIABLE = "INTIMACY_NO_PLUGINS"


class PluginWarning(UserWarning):
    """An installed plugin pack could not be loaded and was skipped."""


@attrs.frozen
class InstalledPack:
    """A pack found in an installed distribution, and where it came from."""

    pack: Pack
    distribution: str
    version: str
    path: str

    @property
    def source(self) -> str:
        """A one-line description of the origin, as ``intimacy list packs`` shows it."""
        return f"plugin {self.distribution} {self.version} ({self.path})"


def _folder(entry: EntryPoint) -> str:
    name = entry.value.strip()
    if not name.isidentifier():
        raise ValueError(f"the entry point value {name!r} must name a top-level package")
    # find_spec on a top-level name locates the package without running its code.
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"{name!r} is not an installed package directory")
    return str(next(iter(spec.submodule_search_locations)))


def _dist(entry: EntryPoint) -> tuple[str, str]:
    dist = entry.dist
    return (dist.name, dist.version) if dist is not None else (entry.name, "?")


def installed_packs() -> tuple[InstalledPack, ...]:
    """Every pack of every installed plugin, sorted by distribution and entry-point name.

    Returns ``()`` when the ``INTIMACY_NO_PLUGINS`` environment variable is set. A plugin that
    cannot be read is skipped with a :class:`PluginWarning` naming the distribution and reason.
    """
    if os.environ.get(DISABLE_VARIABLE):
        return ()
    found: list[InstalledPack] = []
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (*_dist(e), e.name)):
        name, version = _dist(entry)
        try:
            files = pack_files(_folder(entry))
            if not files:
                raise ValueError("its package holds no .toml or .json pack files")
            found.extend(InstalledPack(load_pack(file), name, version, str(file)) for file in files)
        except (PackError, ValueError, ImportError, OSError) as err:
            warnings.warn(
                f"skipped the intimacy pack plugin {entry.name!r} from {name} {version}: {err}",
                PluginWarning,
                stacklevel=2,
            )
    return tuple(found)
