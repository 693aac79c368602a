"""Orders that are the same everywhere: items sorted by a keyed hash of their ids.

Decks, the prompt of the day and plans shuffle with these instead of ``random``: a blake2b hash
does not depend on ``PYTHONHASHSEED``, the machine or the Python version, so two devices that
agree on a seed (or a key and a date) agree on the order without talking to each other.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, TypeVar

from intimacy._select import seed_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from intimacy._models import Exercise, Prompt

__all__ = ["hash_key", "hash_order", "hash_rank"]

_Item = TypeVar("_Item", bound="Prompt | Exercise")


def hash_key(purpose: str, seed: int | str, *numbers: int) -> bytes:
    """A 32-byte key for ``purpose`` (such as ``"deck"``), a seed and some whole numbers.

    Each part has a fixed width or goes through its own hash, so different inputs cannot run
    together into the same bytes.
    """
    seed_digest = hashlib.blake2b(seed_bytes(seed), digest_size=32).digest()
    counters = b"".join(number.to_bytes(8, "big", signed=True) for number in numbers)
    return hashlib.blake2b(
        seed_digest + counters, digest_size=32, person=purpose.encode()[:16]
    ).digest()


def hash_rank(key: bytes, item_id: str) -> bytes:
    """The place of ``item_id`` in the order for ``key``: compare these bytes to sort."""
    return hashlib.blake2b(item_id.encode(), key=key, digest_size=16).digest()


def hash_order(items: Iterable[_Item], key: bytes) -> tuple[_Item, ...]:
    """``items`` sorted by the keyed hash of their ids (ties, which do not happen, by id)."""
    return tuple(sorted(items, key=lambda item: (hash_rank(key, item.id), item.id)))
