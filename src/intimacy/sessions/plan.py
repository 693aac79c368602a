"""Plans: a session that fits the time a couple has, climbing gently in depth.

A plan is a light warm-up, a middle whose depth never goes down (the escalating-disclosure arc
of Aron et al. 1997), and a closing appreciation. Choosing it is a small subset-sum problem: the
total must never pass the budget, and should use as much of it as the bank allows.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Literal, TypeAlias, Unpack

import attrs

from intimacy.bank.choice import new_seed, seed_bytes
from intimacy.bank.order import hash_key, hash_order
from intimacy.bank.select import Query
from intimacy.model.errors import ArgumentTypeError, NoMatchError, ValidationError
from intimacy.model.labels import common_language, label
from intimacy.model.models import Exercise, Prompt
from intimacy.model.plain import PlainData
from intimacy.model.render import duration, to_dict, wrap
from intimacy.model.types import Part  # noqa: TC001 - the converter reads _EntryShape's annotations
from intimacy.model.vocab import Depth, Practice
from intimacy.sessions.suit import careful_choice, parse_moods, suit

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import cattrs

    from intimacy.bank.bank import Bank
    from intimacy.model.types import Filters, PlanData
    from intimacy.model.vocab import Mood
    from intimacy.sessions.suit import MoodRule

__all__ = ["GENTLE_MAX_MINUTES", "MAX_BUDGET", "Plan", "build_plan"]

_Item: TypeAlias = "Prompt | Exercise"

#: The longest item a gentle plan (for an unpleasant mood) holds, in minutes.
GENTLE_MAX_MINUTES = 10
#: The longest plan, in minutes.
MAX_BUDGET = 600
_CLOSING_TAG = "appreciation"


@attrs.frozen(kw_only=True)
class Plan(PlainData["PlanData"]):
    """A time-boxed session: a warm-up, a middle that climbs in depth, and a closing.

    Attributes:
        budget: the minutes the couple has; :attr:`minutes` never passes it.
        seed: the seed the plan was built from (the one given, or a random one).
        warm_up: a light (depth 1) item to start with, or ``None`` if none fitted.
        middle: the body of the session; each item is at least as deep as the one before.
        closing: an item tagged ``appreciation`` or else a light connection item, or ``None``.
        rule: with partners' moods, ``"both"`` or ``"careful"`` (see :func:`intimacy.suit`).
        gentle: whether a mood was unpleasant, so every item is at most
            ``GENTLE_MAX_MINUTES`` long and none is deep.
    """

    budget: int
    seed: int | str
    warm_up: Prompt | Exercise | None
    middle: tuple[Prompt | Exercise, ...]
    closing: Prompt | Exercise | None
    rule: MoodRule | None = None
    gentle: bool = False

    @property
    def items(self) -> tuple[Prompt | Exercise, ...]:
        """Every item in the order to take them: warm-up, middle, closing."""
        return (*_present(self.warm_up), *self.middle, *_present(self.closing))

    @property
    def minutes(self) -> int:
        """The total minutes of the plan."""
        return sum(item.minutes for item in self.items)

    def schedule(self) -> tuple[tuple[Part, int, int, Prompt | Exercise], ...]:
        """Each item as ``(part, start, end, item)``, with its offsets in minutes.

        The part is ``"warm-up"``, ``"middle"`` or ``"closing"``.
        """
        parts: list[tuple[Part, Prompt | Exercise]] = [
            *(("warm-up", item) for item in _present(self.warm_up)),
            *(("middle", item) for item in self.middle),
            *(("closing", item) for item in _present(self.closing)),
        ]
        rows: list[tuple[Part, int, int, Prompt | Exercise]] = []
        start = 0
        for part, item in parts:
            rows.append((part, start, start + item.minutes, item))
            start += item.minutes
        return tuple(rows)

    @property
    def language(self) -> str | None:
        """The language most of the plan's items are shown in, ``None`` for an empty plan.

        :meth:`agenda` writes its own lines in it; each item keeps its own words.
        """
        return common_language(item.language for item in self.items)

    def agenda(self) -> str:
        """The plan as a readable agenda, one line per item with its start and end minute.

        Its headings are in :attr:`language`; the line under each item is in that item's.
        """
        lang = self.language
        lines = [
            label(
                lang,
                "A {minutes}-minute plan (budget {budget} minutes, seed {seed})",
                minutes=self.minutes,
                budget=self.budget,
                seed=repr(self.seed),
            )
        ]
        if self.rule == "both":
            lines.append(label(lang, "Every item suits both partners' moods."))
        elif self.rule == "careful":
            careful = label(
                lang, "Too little suits both moods, so the plan takes the more careful choice."
            )
            lines.append(wrap(careful))
        if self.gentle:
            gentle = label(
                lang,
                "Gentle: no deep items, none over {minutes} minutes.",
                minutes=GENTLE_MAX_MINUTES,
            )
            lines.append(gentle)
        lines.append("")
        parts = {"warm-up": label(lang, "warm-up"), "closing": label(lang, "closing")}
        for part, start, end, item in self.schedule():
            if part == "middle":
                name = label(lang, "depth {number}", number=int(item.depth))
            else:
                name = parts[part]
            head = f"{start:>3}-{end:<3}  {name:<8} "
            indent = " " * len(head)
            text = (
                item.text
                if isinstance(item, Prompt)
                else label(item.language, "{title} (exercise)", title=item.title)
            )
            lines.append(wrap(text, indent, head))
            shown = (item.practice.name_in(item.language), duration(item.minutes, item.language))
            lines.append(f"{indent}[{item.id} | {shown[0]} | {shown[1]}]")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.agenda()

    def _to_plain(self, _: cattrs.Converter) -> PlanData:
        """The plan as :meth:`to_dict` gives it: its facts, and each item with part and offsets."""
        return {
            "budget": self.budget,
            "minutes": self.minutes,
            "seed": self.seed,
            "rule": self.rule,
            "gentle": self.gentle,
            "items": [
                {"part": part, "start": start, "end": end, "item": to_dict(item)}
                for part, start, end, item in self.schedule()
            ],
        }

    @classmethod
    def _from_plain(cls, data: object, converter: cattrs.Converter) -> Plan:
        """The plan that :meth:`_to_plain` described, once its offsets and parts check out."""
        shape = converter.structure(data, _PlanShape)
        problems: list[tuple[str, str]] = []
        parts: dict[str, list[Prompt | Exercise]] = {"warm-up": [], "middle": [], "closing": []}
        order = {"warm-up": 0, "middle": 1, "closing": 2}
        last = end = 0
        for index, entry in enumerate(shape.items):
            where = f"items[{index}]"
            if order[entry.part] < last or (entry.part != "middle" and parts[entry.part]):
                problems.append((f"{where}.part", f"{entry.part!r} is out of place"))
            last = order[entry.part]
            parts[entry.part].append(entry.item)
            if entry.start != end:
                problems.append((f"{where}.start", f"is {entry.start}, not the last end ({end})"))
            if entry.end != entry.start + entry.item.minutes:
                reason = f"is {entry.end}, not start + the item's minutes ({entry.item.minutes})"
                problems.append((f"{where}.end", reason))
            end = entry.end
        total = sum(entry.item.minutes for entry in shape.items)
        if shape.minutes != total:
            problems.append(("minutes", f"is {shape.minutes} but the items add up to {total}"))
        if problems:
            raise ValidationError(problems)
        return cls(
            budget=shape.budget,
            seed=shape.seed,
            warm_up=next(iter(parts["warm-up"]), None),
            middle=tuple(parts["middle"]),
            closing=next(iter(parts["closing"]), None),
            rule=shape.rule,
            gentle=shape.gentle,
        )


@attrs.frozen(kw_only=True)
class _EntryShape:
    part: Part
    start: int
    end: int
    item: Prompt | Exercise


@attrs.frozen(kw_only=True)
class _PlanShape:
    """What a plan's plain data holds, for the converter to check before the plan is built."""

    budget: int
    minutes: int
    seed: int | str
    rule: Literal["both", "careful"] | None
    gentle: bool
    items: tuple[_EntryShape, ...]


def _present(item: _Item | None) -> tuple[_Item, ...]:
    return () if item is None else (item,)


def _budget(minutes: object) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ArgumentTypeError(f"minutes must be a whole number, not {type(minutes).__name__}")
    if not 1 <= minutes <= MAX_BUDGET:
        raise ValidationError(
            [("minutes", f"must be from 1 to {MAX_BUDGET}, not {minutes}; give the time you have")]
        )
    return minutes


def _reach(counts: Mapping[int, int], cap: int) -> int:
    """A bitset of the totals (up to ``cap``) that items with these minute counts can make."""
    mask = (1 << (cap + 1)) - 1
    bits = 1
    for minutes, count in sorted(counts.items()):
        for _ in range(min(count, cap // minutes)):
            grown = (bits | (bits << minutes)) & mask
            if grown == bits:
                break
            bits = grown
    return bits


def _firsts(ranked: Sequence[_Item], cap: int) -> list[_Item]:
    """The first short item of ``ranked``, then the first of each other length, shortest first."""
    short = max(1, cap // 4)
    chosen = [next((item for item in ranked if item.minutes <= short), None)]
    lengths = sorted({item.minutes for item in ranked})
    chosen.extend(next(item for item in ranked if item.minutes == length) for length in lengths)
    return [item for item in dict.fromkeys(chosen) if item is not None]


def _middle(pool: Iterable[_Item], target: int) -> tuple[_Item, ...]:
    """Items adding up to exactly ``target`` (which they can reach), lightest depth first.

    Walking the items depth by depth in seeded order, each is taken while its depth's share
    of the target has room, unless the target could no longer be reached; the suffix bitsets
    say what the items still ahead can make.
    """
    per_group: Counter[tuple[int, int]] = Counter()
    kept = []
    for item in sorted(pool, key=lambda item: item.depth):  # stable: keeps the seeded order
        group = (int(item.depth), item.minutes)
        if per_group[group] < target // item.minutes:
            per_group[group] += 1
            kept.append(item)
    mask = (1 << (target + 1)) - 1
    ahead = [1] * (len(kept) + 1)
    for index in range(len(kept) - 1, -1, -1):
        ahead[index] = (ahead[index + 1] | (ahead[index + 1] << kept[index].minutes)) & mask
    depths = sorted({item.depth for item in kept})
    share = {depth: target * (n + 1) // len(depths) for n, depth in enumerate(depths)}
    chosen: list[_Item] = []
    left = target
    for index, item in enumerate(kept):
        after = left - item.minutes
        can_take = after >= 0 and ahead[index + 1] >> after & 1
        wanted = target - left + item.minutes <= share[item.depth]
        if can_take and (wanted or not ahead[index + 1] >> left & 1):
            chosen.append(item)
            left = after
    return tuple(chosen)


def _usable(items: Iterable[_Item], longest: int, *, gentle: bool) -> list[_Item]:
    return [i for i in items if i.minutes <= longest and not (gentle and i.depth is Depth.DEEP)]


def _goal(budget: int) -> int:
    """80% of ``budget``, rounded up: the minutes a plan should fill when the items allow."""
    return (4 * budget + 4) // 5


def _most(items: Iterable[_Item], budget: int) -> int:
    """The most minutes, up to ``budget``, that some of ``items`` add up to."""
    return _reach(Counter(item.minutes for item in items), budget).bit_length() - 1


def _ends(ranked: Sequence[_Item], budget: int) -> tuple[list[_Item], list[_Item]]:
    """The candidate warm-ups and closings, best first."""
    light = [item for item in ranked if item.depth is Depth.LIGHT]
    # A prompt makes a better warm-up than an exercise: sort them first, keeping the seeded order.
    warm_ups = _firsts(sorted(light, key=lambda item: not isinstance(item, Prompt)), budget)
    thanks = [item for item in ranked if _CLOSING_TAG in item.tags and item.depth <= 2]
    thanks += [
        item
        for item in light
        if item.practice is Practice.CONNECTION and _CLOSING_TAG not in item.tags
    ]
    return warm_ups, _firsts(thanks, budget)


def _arrange(ranked: Sequence[_Item], budget: int) -> tuple[_Item | None, _Item | None, int]:
    """The warm-up, the closing and the minutes left for the middle.

    Tries the best warm-up and closing first, then others (and none), and keeps the first
    pair that lets the plan fill 80% of the budget, or else the pair that fills the most.
    """
    warm_ups, closings = _ends(ranked, budget)
    counts = Counter(item.minutes for item in ranked)
    goal = _goal(budget)
    pairs = sorted(
        (
            (int(w is None) + int(c is None), wi, ci, w, c)
            for wi, w in enumerate([*warm_ups, None])
            for ci, c in enumerate([*closings, None])
            if w is None or w is not c
        ),
        key=lambda pair: pair[:3],
    )
    best: tuple[int, _Item | None, _Item | None, int] = (-1, None, None, 0)
    for *_, warm_up, closing in pairs:
        ends = [item for item in (warm_up, closing) if item is not None]
        room = budget - sum(item.minutes for item in ends)
        if room < 0:
            continue
        fill = _reach(counts - Counter(item.minutes for item in ends), room).bit_length() - 1
        if budget - room + fill > best[0]:
            best = (budget - room + fill, warm_up, closing, fill)
        if best[0] >= goal:
            break
    return best[1:]


def build_plan(
    bank: Bank,
    minutes: int,
    *,
    seed: int | str | None = None,
    moods: Sequence[Mood | str] | None = None,
    **filters: Unpack[Filters],
) -> Plan:
    """A plan from ``bank`` (see :meth:`intimacy.Bank.plan`)."""
    budget = _budget(minutes)
    if seed is None:
        seed = new_seed()
    seed_bytes(seed)  # a seed of the wrong type fails here
    query = Query.build(**filters)
    plain = query.as_filters()  # filters given as iterators are read once, here
    matching: tuple[_Item, ...] = (*bank.prompts(**plain), *bank.exercises(**plain))
    partners = None if moods is None else parse_moods(moods)
    felt = (*(query.moods or ()), *(partners or ()))
    gentle = any(not mood.pleasant for mood in felt)
    longest = min(budget, GENTLE_MAX_MINUTES) if gentle else budget
    pool = usable = _usable(matching, longest, gentle=gentle)
    rule: MoodRule | None = None
    if partners is not None:
        suited = suit(usable, partners)
        pool, rule = list(suited.items), suited.rule
        if rule == "both" and _most(pool, budget) < _goal(budget):
            # What suits both cannot fill the time: add the careful choice, if that helps.
            careful = careful_choice(usable, suited.moods).items
            wider = list(dict.fromkeys([*pool, *careful]))
            if _most(wider, budget) > _most(pool, budget):
                pool, rule = wider, "careful"
    ranked = hash_order(pool, hash_key("intimacy-plan", seed))
    if not ranked:
        given: dict[str, object] = {"minutes": budget, **filters}
        if partners is not None:
            given["moods"] = [str(mood) for mood in partners]
        if gentle:  # name the limits a gentle plan added, as the filters that would ask for them
            given["max_depth"] = int(min(query.max_depth or Depth.PERSONAL, Depth.PERSONAL))
            given["max_minutes"] = min(query.max_minutes or longest, longest)
        raise NoMatchError("prompt or exercise", given)
    warm_up, closing, fill = _arrange(ranked, budget)
    rest = [item for item in ranked if item is not warm_up and item is not closing]
    return Plan(
        budget=budget,
        seed=seed,
        warm_up=warm_up,
        middle=_middle(rest, fill),
        closing=closing,
        rule=rule,
        gentle=gentle,
    )
