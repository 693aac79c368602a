"""Seeded choices that are the same in every process, and the seeds they are made from.

A seed is an int or a str. :func:`seed_bytes` gives its canonical bytes, which decks, the prompt
of the day and plans hash (:mod:`intimacy.bank.order`), and :func:`choose` picks one of a set of
ids by a blake2b hash of them, drawing again past excluded ids; so the same seed picks the same
item whatever ``PYTHONHASHSEED``, the machine or the Python version. A pick without a seed uses
the ``random.Random`` it is given, or else the operating system's randomness.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

try:  # hashlib's own blake2b: hashlib would load OpenSSL too, which costs more than a pick
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import blake2b

__all__ = ["MAX_SEED_DIGITS", "blake2b", "choose", "new_seed", "seed_bytes"]

#: The most digits an int seed may have: Python's default limit on turning an int into text.
#: A larger number would need ``sys.set_int_max_str_digits()`` on every machine; use a string.
MAX_SEED_DIGITS = 4300
# Every int of at most this many bits has at most MAX_SEED_DIGITS digits (4300 * log2(10)).
_SHORT_SEED_BITS = 14_284


def seed_bytes(seed: int | str) -> bytes:
    """The canonical bytes of a seed: the same on every machine and Python version.

    Raises:
        ArgumentTypeError: the seed is neither an int nor a str.
        ValidationError: an int seed has more than :data:`MAX_SEED_DIGITS` digits.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, str)):
        from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

        raise ArgumentTypeError(f"a seed must be an int or a str, not {type(seed).__name__}")
    if (
        isinstance(seed, int)
        and seed.bit_length() > _SHORT_SEED_BITS
        and abs(seed) >= 10**MAX_SEED_DIGITS
    ):
        from intimacy.model.errors import ValidationError  # noqa: PLC0415 - only on this rare path

        reason = f"an int seed may have at most {MAX_SEED_DIGITS:,} digits; use a shorter seed"
        raise ValidationError([("seed", f"{reason} or a string")])
    return f"{type(seed).__name__}:{seed}".encode()


def new_seed() -> str:
    """A fresh random seed, for a deck or plan made without one (so it can be made again)."""
    import secrets  # noqa: PLC0415 - only unseeded decks and plans need it

    return secrets.token_hex(8)


#: How many seeded draws a pick makes before it falls back to ranking what is left.
ATTEMPTS = 16


def choose(
    ids: Sequence[str],
    *,
    seed: int | str | None,
    rng: random.Random | None,
    exclude: frozenset[str] = frozenset(),
) -> int | None:
    """The place in ``ids`` (already in a deterministic order) of a pick that is not excluded.

    With a seed, the pick is a blake2b hash of the seed, so it does not depend on
    ``PYTHONHASHSEED``, the Python version or the ``random`` module. Excluded items are
    skipped by drawing again: draw ``n`` hashes the seed salted with ``n`` and takes the item
    at that place of ``ids``, so the pick is the first draw that is not excluded, and
    excluding ids other than the pick never changes it (draw 0 is the pick with nothing
    excluded). After :data:`ATTEMPTS` excluded draws, the pick is the item left whose id ranks
    first by a keyed hash of the seed, which keeps that promise. With ``rng``, it is
    ``rng.randrange`` over the items left; with neither, the operating system's randomness.

    Returns ``None`` when every item is excluded (or there are none).
    """
    if seed is not None and rng is not None:
        from intimacy.model.errors import ArgumentTypeError  # noqa: PLC0415 - failures only

        raise ArgumentTypeError("pass seed or rng, not both")
    count = len(ids)
    if seed is not None:
        data = seed_bytes(seed)
        for attempt in range(ATTEMPTS if count else 0):
            salt = attempt.to_bytes(16, "big")
            digest = blake2b(data, digest_size=16, salt=salt).digest()
            place = int.from_bytes(digest, "big") % count
            if ids[place] not in exclude:
                return place
        key = blake2b(data, digest_size=32, person=b"intimacy-pick").digest()
        return min(
            (place for place in range(count) if ids[place] not in exclude),
            key=lambda place: blake2b(ids[place].encode(), key=key).digest(),
            default=None,
        )
    left: Sequence[int] = (
        [place for place in range(count) if ids[place] not in exclude] if exclude else range(count)
    )
    if not left:
        return None
    if rng is not None:
        return left[rng.randrange(len(left))]
    return left[_system_below(len(left))]


def _system_below(count: int) -> int:
    """A uniformly random int below ``count`` from the operating system's randomness.

    Drawn as :class:`random.SystemRandom` (and so :func:`secrets.randbelow`) draws it: the
    fewest random bits that can hold ``count``, drawn again until they are below it. Importing
    those modules would cost the command line more than the rest of its pick.
    """
    import os  # noqa: PLC0415

    bits = count.bit_length()
    size = (bits + 7) // 8
    while True:
        found = int.from_bytes(os.urandom(size), "big") >> (size * 8 - bits)
        if found < count:
            return found
