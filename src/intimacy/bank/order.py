"""Orders that are the same everywhere: keyed hashes of ids, and keyed permutations of places.

Decks, the prompt of the day and plans shuffle with these instead of ``random``: blake2b and
plain integer arithmetic do not depend on ``PYTHONHASHSEED``, the machine or the Python version,
so two devices that agree on a seed (or a key and a date) agree on the order without talking to
each other.

The repeat gap. Decks and the prompt of the day run in cycles over the ``n`` matching items.
The seed (or key) splits the set into two halves, fixed for good: the first ``n // 2`` items
(:func:`first_half`) and the rest. Each cycle shows a fresh shuffle of the first half, then a
fresh shuffle of the second. So no item repeats within a cycle, and an item seen in one cycle
comes back in the next no sooner than ``n // 2 + 1`` draws (or days) later: a first-half item
has the rest of its own half and the whole second half between its showings, a second-half item
the rest of its half and the whole first half.
"""

from __future__ import annotations

from intimacy.bank.choice import blake2b, seed_bytes

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeVar

    from intimacy.model.models import Exercise, Prompt

__all__ = ["Shuffle", "first_half", "hash_key", "hash_order", "hash_rank"]

if TYPE_CHECKING:
    _Item = TypeVar("_Item", bound="Prompt | Exercise")
_MASK64 = (1 << 64) - 1
_ROUNDS = 6


def hash_key(purpose: str, seed: int | str, *numbers: int) -> bytes:
    """A 32-byte key for ``purpose`` (such as ``"deck"``), a seed and some whole numbers.

    Each part has a fixed width or goes through its own hash, so different inputs cannot run
    together into the same bytes. The numbers must fit in 64 signed bits.
    """
    seed_digest = blake2b(seed_bytes(seed), digest_size=32).digest()
    counters = b"".join(number.to_bytes(8, "big", signed=True) for number in numbers)
    return blake2b(seed_digest + counters, digest_size=32, person=purpose.encode()[:16]).digest()


def hash_rank(key: bytes, item_id: str) -> bytes:
    """The place of ``item_id`` in the order for ``key``: compare these bytes to sort."""
    return blake2b(item_id.encode(), key=key, digest_size=16).digest()


def hash_order(items: Iterable[_Item], key: bytes) -> tuple[_Item, ...]:
    """``items`` sorted by the keyed hash of their ids (ties, which do not happen, by id)."""
    return tuple(sorted(items, key=lambda item: (hash_rank(key, item.id), item.id)))


def first_half(size: int) -> int:
    """How many of ``size`` items make the first half of each cycle: ``size // 2``.

    With the smaller half first, an item comes back no sooner than ``size // 2 + 1`` draws
    later, whichever half it is in (see the module's docstring).
    """
    return size // 2


class Shuffle:
    """A keyed permutation of ``range(size)``: where each place goes, in constant time.

    A Feistel network over the fewest bits that hold ``size`` (split into two halves, the
    left one bit wider when the count is odd), with round keys from ``key``. A value that
    lands outside ``range(size)`` walks on through the network until it lands inside (cycle
    walking), on average fewer than two times. Nothing is stored per item, so
    ``shuffle[place]`` costs the same for ten items or a million.
    """

    __slots__ = ("_keys", "_left_bits", "_right_bits", "size")

    def __init__(self, key: bytes, size: int) -> None:
        if size < 1:
            raise ValueError(f"a shuffle needs at least one place, not {size}")
        self.size = size
        bits = max(2, (size - 1).bit_length())
        self._right_bits = bits // 2
        self._left_bits = bits - self._right_bits
        digest = blake2b(key, digest_size=8 * _ROUNDS, person=b"intimacy-shuffle").digest()
        self._keys = tuple(int.from_bytes(digest[8 * n : 8 * n + 8], "big") for n in range(_ROUNDS))

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, place: int) -> int:
        if not 0 <= place < self.size:
            raise IndexError(f"place {place} is outside a shuffle of {self.size}")
        value = self._walk(place)
        while value >= self.size:
            value = self._walk(value)
        return value

    def _walk(self, value: int) -> int:
        """One pass through the rounds: a permutation of ``range(2 ** bits)``."""
        left_bits, right_bits = self._left_bits, self._right_bits
        left, right = value >> right_bits, value & ((1 << right_bits) - 1)
        for round_key in self._keys:
            # SplitMix64's finaliser spreads the right half and the round key over 64 bits.
            mixed = right ^ round_key
            mixed = ((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
            mixed = ((mixed ^ (mixed >> 27)) * 0x94D049BB133111EB) & _MASK64
            mixed ^= mixed >> 31
            # The halves swap places and widths; an even number of rounds restores them.
            left, right = right, left ^ (mixed & ((1 << left_bits) - 1))
            left_bits, right_bits = right_bits, left_bits
        return (left << right_bits) | right
