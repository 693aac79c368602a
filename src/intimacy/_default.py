"""The default bank of bundled packs, and one-line shortcuts over it."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Unpack

from intimacy._bank import Bank

if TYPE_CHECKING:
    import random
    from collections.abc import Mapping

    from intimacy._models import Exercise, Pack, Prompt, Reference
    from intimacy._types import Filters

__all__ = ["bundled_packs", "default_bank", "random_exercise", "random_prompt", "references"]

_DATA_PACKAGE = "intimacy.data"


@functools.cache
def bundled_packs() -> tuple[Pack, ...]:
    """The packs shipped inside the package, read (once) through ``importlib.resources``.

    Every ``.json`` file in ``intimacy/data`` is a pack. They are built without the strict
    loader (see :func:`intimacy._packs.pack_from_trusted_data`); the tests prove the strict
    loader accepts each of them and builds the same packs.
    """
    from importlib.resources import files  # noqa: PLC0415 - only when the data is first needed

    from intimacy._packs import pack_from_trusted_data  # noqa: PLC0415

    folder = files(_DATA_PACKAGE)
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
    return tuple(pack_from_trusted_data(json.loads(entry.read_bytes())) for entry in entries)


@functools.cache
def default_bank() -> Bank:
    """The bank of bundled packs, loaded on first call and then shared (it is immutable)."""
    return Bank(bundled_packs())


def random_prompt(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Prompt:
    """A prompt from the default bank; see :meth:`Bank.random_prompt`."""
    return default_bank().random_prompt(seed=seed, rng=rng, **filters)


def random_exercise(
    *,
    seed: int | str | None = None,
    rng: random.Random | None = None,
    **filters: Unpack[Filters],
) -> Exercise:
    """An exercise from the default bank; see :meth:`Bank.random_exercise`."""
    return default_bank().random_exercise(seed=seed, rng=rng, **filters)


def references() -> Mapping[str, Reference]:
    """The research table of the default bank: each key with its full citation."""
    return default_bank().references()
