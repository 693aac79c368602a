"""Filters, and seeded choices that are the same in every process.

A filter takes one value or several; several mean "any of these". ``tags`` and ``topics`` keep
items with at least one of the given values, ``exclude_tags`` and ``exclude_topics`` drop items
with any of them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from intimacy._errors import ArgumentTypeError
from intimacy._vocab import Depth, Mood, Practice, Topic

if TYPE_CHECKING:
    import random

    from intimacy._models import Exercise, Prompt

__all__ = ["Query", "choose", "new_seed", "seed_bytes"]

_T = TypeVar("_T")
# Query's fields under the names of the keyword filters they come from.
_FILTER_NAMES = {
    "practices": "practice",
    "moods": "mood",
    "depths": "depth",
    "languages": "language",
}


def _several(parse: Callable[[object], _T], value: object) -> frozenset[_T] | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) or not isinstance(value, Iterable):
        return frozenset({parse(value)})
    return frozenset(parse(item) for item in value)


def _lowercase(what: str) -> Callable[[object], str]:
    """A parser of strings such as tags and language tags, which compare in lowercase."""

    def parse(value: object) -> str:
        if not isinstance(value, str):
            raise ArgumentTypeError(f"a {what} must be a string, not {type(value).__name__}")
        return value.strip().lower()

    return parse


_tag = _lowercase("tag")
_language = _lowercase("language")


def _bound(name: str, value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        raise ArgumentTypeError(f"{name} must be a whole number, not {type(value).__name__}")
    return value


@attrs.frozen
class Query:
    """Normalised filters: ``None`` means "any"."""

    practices: frozenset[Practice] | None = None
    moods: frozenset[Mood] | None = None
    min_minutes: int | None = None
    max_minutes: int | None = None
    depths: frozenset[Depth] | None = None
    max_depth: Depth | None = None
    tags: frozenset[str] | None = None
    exclude_tags: frozenset[str] = frozenset()
    topics: frozenset[Topic] | None = None
    exclude_topics: frozenset[Topic] = frozenset()
    languages: frozenset[str] | None = None

    @classmethod
    def build(
        cls,
        *,
        practice: object = None,
        mood: object = None,
        min_minutes: object = None,
        max_minutes: object = None,
        depth: object = None,
        max_depth: object = None,
        tags: object = None,
        exclude_tags: object = None,
        topics: object = None,
        exclude_topics: object = None,
        language: object = None,
    ) -> Query:
        """Normalise keyword filters, raising ``UnknownNameError`` for an unknown name."""
        return cls(
            practices=_several(Practice.parse, practice),
            moods=_several(Mood.parse, mood),
            min_minutes=_bound("min_minutes", min_minutes),
            max_minutes=_bound("max_minutes", max_minutes),
            depths=_several(Depth.parse, depth),
            max_depth=None if max_depth is None else Depth.parse(max_depth),
            tags=_several(_tag, tags),
            exclude_tags=_several(_tag, exclude_tags) or frozenset(),
            topics=_several(Topic.parse, topics),
            exclude_topics=_several(Topic.parse, exclude_topics) or frozenset(),
            languages=_several(_language, language),
        )

    def as_filters(self) -> dict[str, Any]:
        """These filters as JSON-ready keyword filters, which :meth:`build` reads back.

        Use them to query again: they are plain lists, where the filters given may have been
        iterators that one query used up. Unset filters are left out; an empty "any of" filter
        is kept, since it matches nothing.
        """
        plain: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if value is None or value == field.default:
                continue
            if isinstance(value, frozenset):
                value = sorted(
                    item.value if isinstance(item, enum.Enum) else item for item in value
                )
            elif isinstance(value, enum.Enum):
                value = value.value
            plain[_FILTER_NAMES.get(field.name, field.name)] = value
        return plain

    def matches(self, item: Prompt | Exercise) -> bool:
        """Whether ``item`` satisfies every filter."""
        return (
            (self.practices is None or item.practice in self.practices)
            and (self.moods is None or not self.moods.isdisjoint(item.moods))
            and (self.min_minutes is None or item.minutes >= self.min_minutes)
            and (self.max_minutes is None or item.minutes <= self.max_minutes)
            and (self.depths is None or item.depth in self.depths)
            and (self.max_depth is None or item.depth <= self.max_depth)
            and (self.tags is None or not self.tags.isdisjoint(item.tags))
            and self.exclude_tags.isdisjoint(item.tags)
            and (self.topics is None or not self.topics.isdisjoint(item.topics))
            and self.exclude_topics.isdisjoint(item.topics)
            and (self.languages is None or _speaks(item.language, self.languages))
        )


def _speaks(language: str, wanted: frozenset[str]) -> bool:
    """``"en"`` matches ``en`` and ``en-GB``; ``"en-gb"`` matches only ``en-GB``."""
    tag = language.lower()
    return tag in wanted or tag.split("-", 1)[0] in wanted


def seed_bytes(seed: int | str) -> bytes:
    """The canonical bytes of a seed: the same on every machine and Python version."""
    if isinstance(seed, bool) or not isinstance(seed, (int, str)):
        raise ArgumentTypeError(f"a seed must be an int or a str, not {type(seed).__name__}")
    return f"{type(seed).__name__}:{seed}".encode()


def new_seed() -> str:
    """A fresh random seed, for a deck or plan made without one (so it can be made again)."""
    import secrets  # noqa: PLC0415 - only unseeded decks and plans need it

    return secrets.token_hex(8)


def choose(items: tuple[_T, ...], *, seed: int | str | None, rng: random.Random | None) -> _T:
    """Pick one of ``items`` (already in a deterministic order).

    With a seed, the pick is a blake2b hash of the seed, so it does not depend on
    ``PYTHONHASHSEED``, the Python version or the ``random`` module; with ``rng``, it is
    ``rng.randrange``; with neither, it comes from the operating system's randomness.
    """
    if seed is not None and rng is not None:
        raise ArgumentTypeError("pass seed or rng, not both")
    if seed is not None:
        import hashlib  # noqa: PLC0415 - only seeded choices need it

        digest = hashlib.blake2b(seed_bytes(seed), digest_size=16).digest()
        return items[int.from_bytes(digest, "big") % len(items)]
    if rng is not None:
        return items[rng.randrange(len(items))]
    import secrets  # noqa: PLC0415 - only unseeded choices need it

    return items[secrets.randbelow(len(items))]
