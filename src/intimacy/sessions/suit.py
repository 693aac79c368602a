"""Two partners, two moods: keep the items that suit both, or else the more careful ones.

The ``mood`` filter means "any of these moods". When each partner says how they feel, the
question is different: what suits *both* of us? :func:`suit` answers it, and says which rule
it used, so an app can tell the couple ("nothing fits both moods, so here is something gentle").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Literal, TypeAlias, TypeVar

import attrs

from intimacy.model.errors import ValidationError
from intimacy.model.vocab import Energy, Mood

if TYPE_CHECKING:
    from collections.abc import Iterable

    from intimacy.model.models import Exercise, Prompt

__all__ = ["MoodRule", "Suited", "careful_choice", "careful_moods", "parse_moods", "suit"]

_Item = TypeVar("_Item", bound="Prompt | Exercise")

#: Which rule picked the items: ``"both"`` (every partner's mood) or ``"careful"``.
MoodRule: TypeAlias = Literal["both", "careful"]


@attrs.frozen(kw_only=True)
class Suited(Generic[_Item]):
    """The items that suit the partners' moods, and the rule that chose them.

    Attributes:
        items: the chosen items, in the order they were given.
        rule: ``"both"`` when the items suit every partner's mood; ``"careful"`` when no item
            did, so the items suit the more careful mood instead, at the lightest depth found.
        moods: the partners' moods, as given (repeats removed).
        careful: the mood or moods the careful rule used (the lowest energy, then the least
            pleasant); empty when the rule is ``"both"``.
    """

    items: tuple[_Item, ...]
    rule: MoodRule
    moods: tuple[Mood, ...]
    careful: tuple[Mood, ...] = ()


def parse_moods(moods: Iterable[Mood | str]) -> tuple[Mood, ...]:
    """The partners' moods as members, repeats removed, order kept.

    Raises:
        UnknownNameError: a mood is not known.
        ValidationError: no mood is given, or a bare string stands for the whole collection.
    """
    if isinstance(moods, str):
        raise ValidationError(
            [("moods", f"give one mood per partner, such as moods=({moods!r}, 'calm')")]
        )
    parsed = tuple(dict.fromkeys(Mood.parse(mood) for mood in moods))
    if not parsed:
        raise ValidationError([("moods", "give at least one mood, one per partner")])
    return parsed


def _care(mood: Mood) -> tuple[bool, bool]:
    # Lower is more careful: low energy before high, then unpleasant before pleasant.
    return (mood.energy is Energy.HIGH, mood.pleasant)


def careful_moods(moods: Iterable[Mood]) -> tuple[Mood, ...]:
    """The most careful of ``moods``: the lowest energy, then the least pleasant (ties kept)."""
    given = tuple(moods)
    best = min(_care(mood) for mood in given)
    return tuple(mood for mood in given if _care(mood) == best)


def suit(items: Iterable[_Item], moods: Iterable[Mood | str]) -> Suited[_Item]:
    """Keep the items that suit every partner's mood; failing that, the more careful ones.

    Rule ``"both"``: the items whose moods include every mood given. If there are none, rule
    ``"careful"``: the items that suit the more careful mood (the lower energy; between equal
    energies, the less pleasant), and of those only the ones at the lightest depth present.
    An empty ``items`` gives an empty result under the careful rule.

    >>> from intimacy import default_bank, suit
    >>> found = suit(default_bank().prompts(practice="empathy"), ["playful", "tired"])
    >>> found.rule
    'both'
    >>> all({"playful", "tired"} <= {str(m) for m in p.moods} for p in found.items)
    True

    Raises:
        UnknownNameError: a mood is not known.
        ValidationError: no mood is given.
    """
    wanted = parse_moods(moods)
    pool = tuple(items)
    needed = frozenset(wanted)
    both = tuple(item for item in pool if needed <= item.moods)
    if both:
        return Suited(items=both, rule="both", moods=wanted)
    return careful_choice(pool, wanted)


def careful_choice(items: Iterable[_Item], moods: tuple[Mood, ...]) -> Suited[_Item]:
    """The careful rule alone: items for the more careful mood, at the lightest depth found."""
    careful = careful_moods(moods)
    fits = [item for item in items if not item.moods.isdisjoint(careful)]
    if fits:
        lightest = min(item.depth for item in fits)
        fits = [item for item in fits if item.depth == lightest]
    return Suited(items=tuple(fits), rule="careful", moods=moods, careful=careful)
