"""Tests of plans: within budget, filled where the bank allows, climbing, kind to bad moods."""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import (
    Bank,
    Depth,
    Exercise,
    Mood,
    NoMatchError,
    Pack,
    Plan,
    Practice,
    Prompt,
    ValidationError,
    suit,
)
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK
from intimacy.testing import exercises, prompts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

GENTLE_LONGEST = 10


@st.composite
def plan_banks(draw: st.DrawFn) -> Bank:
    """Banks of a few to a dozen items; some prompts tagged ``appreciation`` to close a plan."""
    found = draw(st.lists(prompts("plan"), min_size=3, max_size=14, unique_by=lambda p: p.id))
    taken = {prompt.id for prompt in found}
    extra = draw(st.lists(exercises("plan"), max_size=3, unique_by=lambda e: e.id))
    marks = draw(st.lists(st.booleans(), min_size=len(found), max_size=len(found)))
    marked = [
        attrs.evolve(p, tags=p.tags | {"appreciation"}) if mark else p
        for p, mark in zip(found, marks, strict=True)
    ]
    pack = Pack(
        name="plan",
        version="1",
        title="Plan",
        prompts=marked,
        exercises=[e for e in extra if e.id not in taken],
    )
    return Bank([pack])


def plan_filters() -> st.SearchStrategy[dict[str, Any]]:
    """A few of the filters a plan takes."""
    return st.fixed_dictionaries(
        {},
        optional={
            "practice": st.sampled_from(Practice) | st.lists(st.sampled_from(Practice), min_size=1),
            "mood": st.sampled_from(Mood) | st.lists(st.sampled_from(Mood), min_size=1),
            "max_depth": st.sampled_from([2, 3]),
        },
    )


def moods_of(filters: dict[str, Any]) -> list[Mood]:
    """The moods named by a ``mood`` filter."""
    value = filters.get("mood", [])
    return [Mood.parse(mood) for mood in (value if isinstance(value, list) else [value])]


def matching(bank: Bank, filters: dict[str, Any]) -> list[Prompt | Exercise]:
    """Every prompt and exercise that satisfies the filters."""
    return [*bank.prompts(**filters), *bank.exercises(**filters)]


def eligible(
    bank: Bank, budget: int, filters: dict[str, Any], partners: Sequence[Mood] = ()
) -> list[Prompt | Exercise]:
    """What a plan may hold, by the documented rules: gentle for any unpleasant mood."""
    gentle = any(not mood.pleasant for mood in [*moods_of(filters), *partners])
    longest = min(budget, GENTLE_LONGEST) if gentle else budget
    return [
        item
        for item in matching(bank, filters)
        if item.minutes <= longest and not (gentle and item.depth == Depth.DEEP)
    ]


def most(items: Iterable[Prompt | Exercise], budget: int) -> int:
    """The most minutes, up to the budget, that some of the items add up to (plain DP)."""
    totals = {0}
    for item in items:
        totals |= {total + item.minutes for total in totals if total + item.minutes <= budget}
    return max(totals)


def goal(budget: int) -> int:
    """80% of the budget, rounded up."""
    return -(-4 * budget // 5)


def check_shape(made: Plan) -> None:
    """The laws every plan keeps, whatever the bank."""
    assert made.minutes == sum(item.minutes for item in made.items) <= made.budget
    ids = [item.id for item in made.items]
    assert len(ids) == len(set(ids)), "an item appears twice"
    if made.warm_up is not None:
        assert made.warm_up.depth == Depth.LIGHT
        assert made.items[0] is made.warm_up
    depths = [item.depth for item in made.middle]
    assert depths == sorted(depths), "the middle goes down in depth"
    if made.closing is not None:
        closing = made.closing
        assert made.items[-1] is closing
        assert ("appreciation" in closing.tags and closing.depth <= 2) or (
            closing.practice is Practice.CONNECTION and closing.depth == Depth.LIGHT
        )
    if made.gentle:
        assert all(i.depth <= 2 and i.minutes <= GENTLE_LONGEST for i in made.items)


class TestProperties:
    @given(
        bank=plan_banks(),
        budget=st.integers(1, 120),
        filters=plan_filters(),
        seed=st.integers() | st.text(max_size=5),
    )
    def test_plan_laws(
        self, bank: Bank, budget: int, filters: dict[str, Any], seed: int | str
    ) -> None:
        """Never over budget, filled to 80% where the bank allows, climbing, gentle if needed."""
        pool = eligible(bank, budget, filters)
        if not pool:
            with pytest.raises(NoMatchError):
                bank.plan(budget, seed=seed, **filters)
            return
        made = bank.plan(budget, seed=seed, **filters)
        check_shape(made)
        assert all(item in pool for item in made.items)
        assert made.gentle == any(not mood.pleasant for mood in moods_of(filters))
        assert made.minutes >= min(goal(budget), most(pool, budget))
        assert made.rule is None
        assert bank.plan(budget, seed=seed, **filters) == made

    @given(
        bank=plan_banks(),
        budget=st.integers(1, 90),
        partners=st.lists(st.sampled_from(Mood), min_size=2, max_size=2),
        seed=st.integers(),
    )
    def test_partners_moods_laws(
        self, bank: Bank, budget: int, partners: list[Mood], seed: int
    ) -> None:
        """With two moods, items suit both, or (rule 'careful') the more careful mood."""
        pool = eligible(bank, budget, {}, partners)
        both = [item for item in pool if set(partners) <= item.moods]
        careful = set(suit((), partners).careful)
        if not both and not any(careful & item.moods for item in pool):
            with pytest.raises(NoMatchError):
                bank.plan(budget, seed=seed, moods=partners)
            return
        made = bank.plan(budget, seed=seed, moods=partners)
        check_shape(made)
        assert made.gentle == any(not mood.pleasant for mood in partners)
        if made.rule == "both":
            assert all(set(partners) <= item.moods for item in made.items)
        else:
            assert made.rule == "careful"
            assert all(careful & item.moods for item in made.items)
        assert made.minutes >= min(goal(budget), most(both, budget))


@pytest.fixture(name="thirty")
def fixture_thirty(bank: Bank) -> Plan:
    """A seeded 30-minute plan from the bundled bank."""
    return bank.plan(30, seed=1)


class TestBundledPlans:
    def test_full_arc(self, thirty: Plan) -> None:
        """A 30-minute plan fills the time: light warm-up, a climb to deep, an appreciation."""
        check_shape(thirty)
        assert thirty.minutes == 30
        assert isinstance(thirty.warm_up, Prompt)
        assert thirty.closing is not None
        assert "appreciation" in thirty.closing.tags
        assert {item.depth for item in thirty.middle} == {1, 2, 3}

    @pytest.mark.parametrize("budget", [1, 2, 5, 10, 45, 90, 240])
    def test_budgets_are_filled(self, bank: Bank, budget: int) -> None:
        """The bundled bank fills every budget exactly."""
        made = bank.plan(budget, seed="b")
        check_shape(made)
        assert made.minutes == budget

    @pytest.mark.parametrize("mood", ["sad", "tense", "tired", "anxious"])
    def test_unpleasant_mood_is_gentle(self, bank: Bank, mood: str) -> None:
        """An unpleasant mood gets short, light-to-personal items that suit it."""
        made = bank.plan(45, mood=mood, seed=2)
        check_shape(made)
        assert made.gentle
        assert made.items
        assert all(Mood.parse(mood) in item.moods for item in made.items)
        assert all(item.depth <= 2 and item.minutes <= GENTLE_LONGEST for item in made.items)

    def test_pleasant_mood_may_go_deep(self, bank: Bank) -> None:
        """A pleasant mood is not gentle, and the plan can reach depth 3."""
        plans = [bank.plan(40, mood="reflective", seed=seed) for seed in range(10)]
        assert not any(made.gentle for made in plans)
        assert any(max(item.depth for item in made.items) == Depth.DEEP for made in plans)

    def test_partners_moods_suit_both(self, bank: Bank) -> None:
        """Playful and tired partners get items for both, and a gentle plan."""
        made = bank.plan(20, moods=("playful", "tired"), seed=4)
        assert made.rule == "both"
        assert made.gentle
        assert all({Mood.PLAYFUL, Mood.TIRED} <= item.moods for item in made.items)

    def test_seeds(self, bank: Bank) -> None:
        """One seed gives one plan; other seeds give others; no seed records the one used."""
        assert bank.plan(30, seed=9) == bank.plan(30, seed=9)
        assert len({bank.plan(30, seed=s).items for s in range(5)}) > 1
        unseeded = bank.plan(30)
        assert bank.plan(30, seed=unseeded.seed) == unseeded

    def test_filters_may_be_iterators(self, bank: Bank) -> None:
        """A filter given as an iterator plans as the same filter given as a list."""
        made = bank.plan(30, seed=3, practice=iter(["empathy", "connection"]))
        assert made == bank.plan(30, seed=3, practice=["empathy", "connection"])
        assert made.items

    def test_module_function(self, thirty: Plan) -> None:
        """intimacy.plan plans from the default bank."""
        assert intimacy.plan(30, seed=1) == thirty


def _in(item: Prompt | Exercise | None, language: str) -> Prompt | Exercise:
    """``item`` marked as shown in ``language`` (its words unchanged)."""
    assert item is not None
    return attrs.evolve(item, language=language)


def tiny_bank(*specs: tuple[str, Sequence[str], int, int, Sequence[str]]) -> Bank:
    """A bank of prompts given as (practice, moods, minutes, depth, tags)."""
    return Bank(
        [
            Pack(
                name="t",
                version="1",
                title="T",
                prompts=[
                    Prompt(
                        id=f"t/p{n}",
                        text=f"Prompt {n}?",
                        practice=practice,
                        moods=moods,
                        minutes=minutes,
                        depth=depth,
                        tags=tags,
                    )
                    for n, (practice, moods, minutes, depth, tags) in enumerate(specs)
                ],
            )
        ]
    )


class TestRules:
    def test_careful_when_nothing_suits_both(self) -> None:
        """No item suits playful and tense: the tense partner's lightest items win."""
        bank = tiny_bank(
            ("empathy", ["playful"], 5, 1, []),
            ("empathy", ["tense"], 3, 1, []),
            ("empathy", ["tense"], 4, 2, []),
            ("connection", ["tense", "calm"], 2, 1, ["appreciation"]),
        )
        made = bank.plan(10, moods=["playful", "tense"], seed=0)
        assert made.rule == "careful"
        assert made.gentle
        assert sorted(item.id for item in made.items) == ["t/p1", "t/p3"]
        assert made.closing is not None
        assert made.closing.id == "t/p3"

    def test_too_little_for_both_widens_to_careful(self) -> None:
        """When what suits both cannot fill 80%, careful items join and the rule says so."""
        bank = tiny_bank(
            ("empathy", ["playful", "calm"], 2, 1, []),
            ("empathy", ["calm"], 4, 1, []),
            ("empathy", ["calm"], 4, 1, []),
        )
        made = bank.plan(10, moods=["playful", "calm"], seed=0)
        assert made.rule == "careful"
        assert made.minutes == 10

    def test_both_kept_when_it_fills(self) -> None:
        """When what suits both fills the time, nothing else joins."""
        bank = tiny_bank(
            ("empathy", ["playful", "calm"], 5, 1, []),
            ("empathy", ["playful", "calm"], 5, 2, []),
            ("empathy", ["calm"], 5, 1, []),
        )
        made = bank.plan(10, moods=["playful", "calm"], seed=0)
        assert made.rule == "both"
        assert sorted(item.id for item in made.items) == ["t/p0", "t/p1"]

    def test_closing_falls_back_to_light_connection(self) -> None:
        """Without an appreciation item, a light connection prompt closes the plan."""
        bank = tiny_bank(
            ("empathy", ["calm"], 2, 1, []),
            ("empathy", ["calm"], 3, 2, []),
            ("connection", ["calm"], 2, 1, []),
        )
        made = bank.plan(7, seed=0)
        assert made.closing is not None
        assert made.closing.id == "t/p2"
        assert made.warm_up is not None
        assert made.warm_up.id == "t/p0"

    def test_fill_beats_a_nice_warm_up(self) -> None:
        """If the usual warm-up and closing would leave the plan short, others are chosen."""
        bank = tiny_bank(
            ("empathy", ["calm"], 1, 1, []),
            ("empathy", ["calm"], 6, 2, []),
            ("empathy", ["calm"], 4, 1, []),
        )
        made = bank.plan(10, seed=0)
        assert made.minutes == 10
        assert [item.id for item in made.items] == ["t/p2", "t/p1"]


class TestExclude:
    @given(seed=st.integers(0, 10_000), data=st.data())
    def test_plan_never_holds_an_excluded_id(
        self, intimacy_bank: Bank, seed: int, data: st.DataObject
    ) -> None:
        """A plan leaves out every id in exclude and still fits its budget."""
        every = [p.id for p in intimacy_bank.prompts()] + [e.id for e in intimacy_bank.exercises()]
        excluded = data.draw(st.lists(st.sampled_from(every), max_size=6))
        try:
            session = intimacy_bank.plan(20, seed=seed, exclude=excluded)
        except NoMatchError:
            return
        assert not {item.id for item in session.items} & set(excluded)
        assert session.minutes <= 20

    def test_shortcut_takes_exclude(self) -> None:
        """intimacy.plan takes exclude, and leaving out an item it held changes the plan."""
        session = intimacy.plan(30, seed=7)
        first = session.items[0].id
        again = intimacy.plan(30, seed=7, exclude=first)
        assert first not in {item.id for item in again.items}


class TestOutput:
    def test_schedule_offsets(self, thirty: Plan) -> None:
        """The schedule runs without gaps from 0 to the plan's minutes, parts in order."""
        rows = thirty.schedule()
        assert rows[0][1] == 0
        assert rows[-1][2] == thirty.minutes
        assert all(a[2] == b[1] for a, b in itertools.pairwise(rows))
        assert [row[0] for row in rows] == [
            "warm-up",
            *["middle"] * len(thirty.middle),
            "closing",
        ]

    def test_agenda(self, thirty: Plan) -> None:
        """The agenda lists each item with its minutes and id, under a one-line summary."""
        text = str(thirty)
        assert text == thirty.agenda()
        assert text.splitlines()[0] == "A 30-minute plan (budget 30 minutes, seed 1)"
        for part, start, end, item in thirty.schedule():
            assert f"{start}-{end}" in text
            assert item.id in text
            assert part in text or part == "middle"
        assert "depth 3" in text

    def test_agenda_in_spanish(self, thirty: Plan) -> None:
        """A plan of items shown in Spanish writes its agenda in Spanish."""
        spanish = Plan(
            budget=thirty.budget,
            seed=thirty.seed,
            warm_up=_in(thirty.warm_up, "es"),
            middle=tuple(_in(item, "es") for item in thirty.middle),
            closing=_in(thirty.closing, "es"),
            rule="careful",
            gentle=True,
        )
        lines = spanish.agenda().splitlines()
        assert spanish.language == "es"
        assert lines[0] == "Plan de 30 min (tiempo disponible: 30 min, semilla 1)"
        assert lines[1].startswith("Poco encaja con el ánimo de las dos personas")
        assert "Plan suave: nada profundo y nada de más de 10 minutos." in lines
        assert lines[lines.index("") + 1].startswith("  0-")
        assert "inicio" in lines[lines.index("") + 1]
        assert any("prof. 3" in line for line in lines)
        assert any("cierre" in line for line in lines)
        assert "depth" not in spanish.agenda()
        first = spanish.items[0]
        assert f"[{first.id} | {first.practice.name_in('es')} | {first.minutes} min]" in (
            spanish.agenda()
        )

    def test_agenda_follows_most_items(self, thirty: Plan) -> None:
        """A plan mixing languages speaks the language of most of its items."""
        one = attrs.evolve(thirty, middle=(_in(thirty.middle[0], "es"), *thirty.middle[1:]))
        assert one.language == "en"
        assert one.agenda().startswith("A 30-minute plan")
        empty = Plan(budget=5, seed=1, warm_up=None, middle=(), closing=None, rule="both")
        assert empty.language is None
        assert empty.agenda().splitlines()[:2] == [
            "A 0-minute plan (budget 5 minutes, seed 1)",
            "Every item suits both partners' moods.",
        ]
        exercise = attrs.evolve(
            next(e for e in intimacy.default_bank().exercises() if e.minutes <= 5), language="es"
        )
        solo = Plan(budget=5, seed=1, warm_up=None, middle=(exercise,), closing=None)
        assert f"{exercise.title} (ejercicio)" in solo.agenda()

    def test_agenda_names_rules(self, bank: Bank) -> None:
        """The agenda says which mood rule applied and that the plan is gentle."""
        text = bank.plan(20, moods=("playful", "tired"), seed=1).agenda()
        assert "suits both partners' moods" in text
        assert "Gentle" in text
        careful = tiny_bank(("empathy", ["tense"], 2, 1, [])).plan(2, moods=("playful", "tense"))
        assert "more careful choice" in careful.agenda()

    def test_to_dict(self, thirty: Plan) -> None:
        """to_dict is plain JSON with each item's part, offsets and full data."""
        data = json.loads(json.dumps(thirty.to_dict()))
        assert data["budget"] == 30
        assert data["minutes"] == thirty.minutes
        assert data["seed"] == 1
        assert data["rule"] is None
        assert [row["item"]["id"] for row in data["items"]] == [i.id for i in thirty.items]
        assert data["items"][0]["part"] == "warm-up"
        assert data["items"][0]["item"]["kind"] == "prompt"


class TestErrors:
    @pytest.mark.parametrize("minutes", [0, -5, 601])
    def test_budget_out_of_range(self, bank: Bank, minutes: int) -> None:
        """A budget outside 1-600 raises a ValidationError naming minutes."""
        with pytest.raises(ValidationError, match="minutes: must be from 1 to 600"):
            bank.plan(minutes)

    @pytest.mark.parametrize("minutes", ["30", 30.0, True])
    def test_budget_wrong_type(self, bank: Bank, minutes: object) -> None:
        """A budget that is not a whole number raises TypeError."""
        with pytest.raises(TypeError, match="whole number"):
            bank.plan(minutes)  # type: ignore[arg-type]

    def test_nothing_fits_names_the_limits(self, bank: Bank) -> None:
        """A gentle plan that finds nothing names the limits it added, as filters."""
        with pytest.raises(NoMatchError) as info:
            bank.plan(20, mood="sad", depth=3, moods=("sad", "calm"))
        assert info.value.filters == {
            "minutes": 20,
            "mood": "sad",
            "depth": 3,
            "moods": ["sad", "calm"],
            "max_depth": 2,
            "max_minutes": GENTLE_LONGEST,
        }

    def test_bad_seed_and_moods(self, bank: Bank) -> None:
        """A seed of the wrong type and an unknown or missing mood fail at once."""
        with pytest.raises(TypeError, match="seed"):
            bank.plan(10, seed=1.5)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="did you mean 'tired'"):
            bank.plan(10, moods=("tird", "calm"))
        with pytest.raises(ValidationError, match="one mood per partner"):
            bank.plan(10, moods="calm")
        with pytest.raises(ValidationError, match="at least one mood"):
            bank.plan(10, moods=())


class TestCommand:
    def test_agenda(self, thirty: Plan, cli: Callable[..., tuple[int, str, str]]) -> None:
        """`intimacy plan --minutes 30 --seed 1` prints the library's agenda."""
        code, out, _ = cli("plan", "--minutes", "30", "--seed", "1")
        assert code == EXIT_OK
        assert out == thirty.agenda() + "\n"

    def test_json_with_moods(self, bank: Bank, cli: Callable[..., tuple[int, str, str]]) -> None:
        """--json with two --partner-mood flags gives the plan as data, rule included."""
        code, out, _ = cli(
            "plan",
            "--minutes",
            "20",
            "--partner-mood",
            "playful",
            "--partner-mood",
            "sleepy",
            "--practice",
            "empathy",
            "--seed",
            "s",
            "--json",
        )
        assert code == EXIT_OK
        expected = bank.plan(20, moods=("playful", "tired"), practice="empathy", seed="s")
        assert json.loads(out) == json.loads(json.dumps(expected.to_dict()))
        assert expected.rule is not None
        assert json.loads(out)["rule"] == expected.rule

    def test_nothing_matches_exits_1(self, cli: Callable[..., tuple[int, str, str]]) -> None:
        """No fitting item exits 1, naming only the flags the user gave."""
        code, _, err = cli("plan", "--minutes", "5", "--mood", "sad", "--depth", "3")
        assert code == EXIT_NO_MATCH
        assert "--minutes 5 --mood sad --depth deep" in err
        assert "--max-depth" not in err  # the gentle plan's own narrowing is not blamed

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["plan"], "--minutes"),
            (["plan", "--minutes", "half"], "not a whole number"),
            (["plan", "--minutes", "0"], "from 1 to 600"),
            (["plan", "--minutes", "5", "--partner-mood", "grumpy"], "not a mood"),
        ],
    )
    def test_bad_usage_exits_2(
        self, argv: list[str], message: str, cli: Callable[..., tuple[int, str, str]]
    ) -> None:
        """A missing or bad --minutes or mood exits 2 with one line on stderr."""
        code, _, err = cli(*argv)
        assert code == EXIT_BAD_INPUT
        assert message in err
        assert err.count("\n") == 1
