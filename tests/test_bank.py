from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import (
    Bank,
    Depth,
    Exercise,
    Filters,
    IntimacyError,
    Mood,
    NoMatchError,
    Pack,
    PackError,
    Practice,
    Prompt,
    RetiredIdError,
    Topic,
    UnknownFilterError,
    UnknownIdError,
    ValidationError,
)
from intimacy.testing import filters as matching_filters
from intimacy.testing import names, packs

if TYPE_CHECKING:
    from collections.abc import Callable


def filters() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword filters, each absent, one value, or several."""

    def one_or_many(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.none() | values | st.lists(values, min_size=1, max_size=3)

    return st.fixed_dictionaries(
        {},
        optional={
            "practice": one_or_many(st.sampled_from(Practice)),
            "mood": one_or_many(st.sampled_from([*Mood, "angry", "Tired"])),
            "depth": one_or_many(st.sampled_from([1, 2, 3, "deep"])),
            "max_depth": st.sampled_from([1, 2, 3]),
            "min_minutes": st.integers(1, 20),
            "max_minutes": st.integers(1, 30),
            "tags": one_or_many(names(4)),
            "exclude_tags": one_or_many(names(4)),
            "topics": one_or_many(st.sampled_from(Topic)),
            "exclude_topics": one_or_many(st.sampled_from(Topic)),
            "language": one_or_many(st.sampled_from(["en", "es", "pt", "pt-br"])),
        },
    )


def as_set(value: Any, parse: Any) -> set[Any]:
    values = value if isinstance(value, list) else [value]
    return {parse(v) for v in values}


def satisfies(item: Prompt | Exercise, given: dict[str, Any]) -> bool:
    """An independent statement of what each filter means."""
    checks: dict[str, Callable[[Any], bool]] = {
        "practice": lambda v: item.practice in as_set(v, Practice.parse),
        "mood": lambda v: bool(item.moods & as_set(v, Mood.parse)),
        "depth": lambda v: item.depth in as_set(v, Depth.parse),
        "max_depth": lambda v: item.depth <= v,
        "min_minutes": lambda v: item.minutes >= v,
        "max_minutes": lambda v: item.minutes <= v,
        "tags": lambda v: bool(item.tags & as_set(v, str)),
        "exclude_tags": lambda v: not item.tags & as_set(v, str),
        "topics": lambda v: bool(item.topics & as_set(v, Topic.parse)),
        "exclude_topics": lambda v: not item.topics & as_set(v, Topic.parse),
        "language": lambda v: (
            item.language.lower() in as_set(v, str) or item.language.split("-")[0] in as_set(v, str)
        ),
    }
    return all(checks[name](value) for name, value in given.items() if value is not None)


@pytest.fixture(name="small_bank", scope="module")
def fixture_small_bank(bank: Bank) -> Bank:
    """A bank of one hand-written pack, for exact expectations."""
    pack = intimacy.loads_pack(
        json.dumps(
            {
                "pack": {"name": "tiny", "version": "1", "title": "Tiny"},
                "prompts": [
                    {
                        "id": f"tiny/p{i}",
                        "text": f"Prompt {i}?",
                        "practice": practice,
                        "moods": moods,
                        "minutes": minutes,
                        "depth": depth,
                    }
                    for i, (practice, moods, minutes, depth) in enumerate(
                        [
                            ("empathy", ["calm"], 3, 1),
                            ("empathy", ["sad", "tired"], 2, 2),
                            ("connection", ["playful"], 10, 1),
                            ("vulnerability", ["calm"], 15, 3),
                        ]
                    )
                ],
            }
        ),
        "json",
    )
    assert len(bank) > 0
    return Bank([pack])


class TestQueries:
    @given(pack=packs(12), given_filters=filters())
    def test_every_result_satisfies_every_filter(
        self, pack: Pack, given_filters: dict[str, Any]
    ) -> None:
        """prompts() and exercises() return exactly the items that satisfy all filters."""
        bank = Bank([pack])
        got = bank.prompts(**given_filters)
        assert got == tuple(
            p for p in sorted(pack.prompts, key=lambda p: p.id) if satisfies(p, given_filters)
        )
        got_exercises = bank.exercises(**given_filters)
        assert {e.id for e in got_exercises} == {
            e.id for e in pack.exercises if satisfies(e, given_filters)
        }

    @given(given_filters=filters())
    def test_default_bank_results_satisfy_filters(
        self, bank: Bank, given_filters: dict[str, Any]
    ) -> None:
        """On the bundled bank, every result satisfies the filters, in id order."""
        got = bank.prompts(**given_filters)
        assert all(satisfies(p, given_filters) for p in got)
        assert [p.id for p in got] == sorted(p.id for p in got)

    def test_exact_matches(self, small_bank: Bank) -> None:
        """Several values for one filter mean any of them; filters combine with and."""
        ids = [p.id for p in small_bank.prompts(practice="empathy", mood=["tired", "calm"])]
        assert ids == ["tiny/p0", "tiny/p1"]
        assert [p.id for p in small_bank.prompts(min_minutes=10)] == ["tiny/p2", "tiny/p3"]
        assert [p.id for p in small_bank.prompts(depth=[2, 3])] == ["tiny/p1", "tiny/p3"]
        assert small_bank.prompts(language="es") == ()

    def test_unknown_filter_name_value(self, small_bank: Bank) -> None:
        """A misspelt practice raises a ValueError with the closest name."""
        with pytest.raises(ValueError, match="did you mean 'empathy'"):
            small_bank.prompts(practice="empaty")

    @pytest.mark.parametrize("name", ["min_minutes", "max_minutes"])
    def test_bounds_must_be_numbers(self, small_bank: Bank, name: str) -> None:
        """A bound given as text is a TypeError naming the filter."""
        with pytest.raises(TypeError, match=name):
            small_bank.prompts(**cast("Any", {name: "5"}))

    @pytest.mark.parametrize("name", ["tags", "language"])
    def test_text_filters_must_be_text(self, small_bank: Bank, name: str) -> None:
        """Tags and languages are strings."""
        with pytest.raises(TypeError):
            small_bank.prompts(**cast("Any", {name: [5]}))


class TestRandom:
    def test_pick_is_a_member_of_the_query(self, bank: Bank) -> None:
        """A random pick always satisfies its filters."""
        for seed in range(50):
            prompt = bank.random_prompt(seed=seed, mood="tired", max_depth=2)
            assert prompt in bank.prompts(mood="tired", max_depth=2)

    @given(seed=st.integers() | st.text(), given_filters=filters())
    def test_seeded_pick_is_member_and_stable(
        self, bank: Bank, seed: int | str, given_filters: dict[str, Any]
    ) -> None:
        """The same seed gives the same member of the matching set, every time."""
        matching = bank.prompts(**given_filters)
        if not matching:
            with pytest.raises(NoMatchError):
                bank.random_prompt(seed=seed, **given_filters)
            return
        first = bank.random_prompt(seed=seed, **given_filters)
        assert first in matching
        assert bank.random_prompt(seed=seed, **given_filters) == first

    def test_int_and_str_seeds_differ(self, bank: Bank) -> None:
        """7 and "7" are different seeds (a seed is its type and value)."""
        picks = {bank.random_prompt(seed=s).id for s in (7, "7")}
        assert len(picks) == 2

    def test_rng(self, bank: Bank) -> None:
        """An rng gives reproducible picks from the caller's own generator."""
        a = [bank.random_prompt(rng=random.Random(5)).id for _ in range(3)]
        b = [bank.random_prompt(rng=random.Random(5)).id for _ in range(3)]
        assert a == b

    def test_unseeded_picks_vary(self, bank: Bank) -> None:
        """Without a seed, picks come from the system's randomness."""
        assert len({bank.random_prompt().id for _ in range(30)}) > 1

    def test_seed_and_rng_together(self, bank: Bank) -> None:
        """Giving both a seed and an rng is a mistake."""
        with pytest.raises(TypeError, match="not both"):
            bank.random_prompt(seed=1, rng=random.Random(1))

    @pytest.mark.parametrize("seed", [1.5, True, b"x"], ids=["float", "bool", "bytes"])
    def test_bad_seed_types(self, bank: Bank, seed: Any) -> None:
        """A seed is an int or a str, nothing else: an IntimacyError that is a TypeError."""
        with pytest.raises(intimacy.ArgumentTypeError, match="seed") as info:
            bank.random_prompt(seed=seed)
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, intimacy.IntimacyError)

    def test_no_match_names_the_filters(self, small_bank: Bank) -> None:
        """NoMatchError is a LookupError naming the filters that matched nothing."""
        with pytest.raises(NoMatchError) as info:
            small_bank.random_prompt(practice="connection", mood="sad", seed=1)
        assert isinstance(info.value, LookupError)
        assert info.value.filters == {"practice": "connection", "mood": "sad"}
        assert "practice='connection'" in str(info.value)
        with pytest.raises(NoMatchError, match="no exercise"):
            small_bank.random_exercise()

    def test_random_exercise(self, bank: Bank) -> None:
        """Exercises are picked like prompts."""
        exercise = bank.random_exercise(practice="active-listening", seed="x")
        assert exercise.practice is Practice.ACTIVE_LISTENING
        assert intimacy.random_exercise(practice="active-listening", seed="x") == exercise

    def test_same_seed_across_processes(self) -> None:
        """Seeded picks are identical in processes with different PYTHONHASHSEED values."""
        code = (
            "import intimacy, json;"
            "print(json.dumps([intimacy.random_prompt(seed=s, mood=['calm','sad']).id"
            " for s in (0, 1, 'abc', 'a much longer seed', 2**70)]"
            " + [intimacy.random_exercise(seed=s).id for s in (3, 'q')]))"
        )
        outputs = {
            subprocess.run(
                [sys.executable, "-c", code],
                env={**os.environ, "PYTHONHASHSEED": hashseed},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for hashseed in ("0", "1", "12345", "random")
        }
        assert len(outputs) == 1
        assert len(json.loads(outputs.pop())) == 7


class TestGetAndPacks:
    def test_get(self, bank: Bank) -> None:
        """Every item can be fetched by its id."""
        prompt = bank.prompts()[0]
        assert bank.get(prompt.id) is prompt
        assert prompt.id in bank
        exercise = bank.exercises()[0]
        assert bank.get(exercise.id) is exercise

    def test_unknown_id(self, bank: Bank) -> None:
        """An unknown id raises a KeyError that suggests the closest id."""
        real = bank.prompts()[0].id
        with pytest.raises(UnknownIdError) as info:
            bank.get(real + "x")
        assert isinstance(info.value, KeyError)
        assert info.value.suggestion == real
        assert (
            str(info.value)
            == f"no prompt or exercise has the id {real + 'x'!r} (did you mean {real!r}?)"
        )

    def test_retired_id_names_its_successor(self, small_bank: Bank) -> None:
        """A retired id is not found, and the error says which id replaced it."""
        (tiny,) = small_bank.packs
        successor = tiny.prompts[0].id
        renewed = Pack(
            name=tiny.name,
            version="2",
            title=tiny.title,
            prompts=tiny.prompts,
            retired={"tiny/old-question": successor},
        )
        bank = Bank([renewed])
        with pytest.raises(RetiredIdError) as info:
            bank.get("tiny/old-question")
        assert isinstance(info.value, UnknownIdError)
        assert isinstance(info.value, KeyError)
        assert info.value.replaced_by == successor
        assert str(info.value) == (
            f"'tiny/old-question' was retired; the item that replaced it is {successor!r}"
        )
        assert dict(bank.retired) == {"tiny/old-question": successor}
        assert "tiny/old-question" not in bank

    def test_retired_ids_are_checked(self, small_bank: Bank) -> None:
        """A pack cannot retire an id it still holds, nor name a successor it lacks."""
        (tiny,) = small_bank.packs
        live = tiny.prompts[0].id
        with pytest.raises(ValidationError) as info:
            Pack(
                name="tiny",
                version="2",
                title="t",
                prompts=tiny.prompts,
                retired={live: live, "tiny/gone": "tiny/missing", "other/x": live},
            )
        paths = [path for path, _ in info.value.problems]
        for wrong in (["tiny/gone"], {"tiny/gone": 5}):
            with pytest.raises(ValidationError, match="retired"):
                Pack(
                    name="tiny",
                    version="2",
                    title="t",
                    prompts=tiny.prompts,
                    retired=wrong,  # type: ignore[arg-type]
                )
        assert sorted(paths) == sorted([f"retired.{live}", "retired.tiny/gone", "retired.other/x"])

    def test_bundled_retired_ids_lead_to_items(self, bank: Bank) -> None:
        """Every id the core pack retired names an item that is in the bank."""
        for old, new in bank.retired.items():
            assert old not in bank
            assert new in bank
            with pytest.raises(RetiredIdError):
                bank.get(old)

    def test_with_packs_leaves_the_original(self, bank: Bank, small_bank: Bank) -> None:
        """with_packs returns a new bank and never changes the old one."""
        before = len(bank)
        bigger = bank.with_packs(*small_bank.packs)
        assert len(bigger) == before + len(small_bank)
        assert len(bank) == before
        assert "tiny/p0" in bigger
        assert "tiny/p0" not in bank
        assert "packs=[core, tiny]" in repr(bigger)

    def test_same_name_twice(self, small_bank: Bank) -> None:
        """A pack name can be in a bank once, unless replace is asked for."""
        with pytest.raises(PackError, match="already in the bank"):
            small_bank.with_packs(*small_bank.packs)
        replaced = small_bank.with_packs(*small_bank.packs, replace=True)
        assert replaced.packs == small_bank.packs

    def test_same_name_twice_in_one_bank(self, small_bank: Bank) -> None:
        """A bank made of two packs of one name names the source of both."""
        pack = small_bank.packs[0]
        with pytest.raises(PackError, match=r"already in the bank \(from mine\)"):
            Bank([pack, pack], sources={pack.name: "mine"})

    def test_references(self, bank: Bank) -> None:
        """Every research key used by an exercise resolves to a citation."""
        table = intimacy.references()
        used = {key for exercise in bank.exercises() for key in exercise.research}
        assert used <= set(table)
        assert "Personality and Social Psychology Bulletin" in table["aron1997"].citation

    def test_shared_between_threads(self, bank: Bank) -> None:
        """Many threads querying one bank get the same answers as one thread."""
        expected = [bank.random_prompt(seed=i, mood="calm").id for i in range(200)]

        def work(offset: int) -> list[str]:
            return [bank.random_prompt(seed=i, mood="calm").id for i in range(200)]

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(work, range(16)))
        assert all(result == expected for result in results)


class TestExclude:
    @given(data=st.data())
    def test_queries_leave_out_excluded_ids(self, intimacy_bank: Bank, data: st.DataObject) -> None:
        """prompts() and exercises() with exclude are the same queries without those ids."""
        found = data.draw(matching_filters(intimacy_bank))
        every = [p.id for p in intimacy_bank.prompts()] + [e.id for e in intimacy_bank.exercises()]
        excluded = data.draw(st.lists(st.sampled_from([*every, "no/such-id"])))
        plain: Filters = {**found, "exclude": None}
        leaving_out: Filters = {**found, "exclude": excluded}
        assert intimacy_bank.prompts(**leaving_out) == tuple(
            p for p in intimacy_bank.prompts(**plain) if p.id not in excluded
        )
        assert intimacy_bank.exercises(exclude=excluded) == tuple(
            e for e in intimacy_bank.exercises() if e.id not in excluded
        )

    @given(seed=st.integers() | st.text(max_size=6), data=st.data())
    def test_excluding_other_ids_keeps_the_pick(
        self, bank: Bank, seed: int | str, data: st.DataObject
    ) -> None:
        """Adding ids other than the pick to exclude never changes a seeded pick."""
        matching = [p.id for p in bank.prompts(practice="empathy", depth=1)]
        before = data.draw(st.lists(st.sampled_from(matching), max_size=len(matching) - 1))
        pick = bank.random_prompt(seed=seed, practice="empathy", depth=1, exclude=before)
        assert pick.id not in before
        others = [i for i in matching if i != pick.id]
        more = data.draw(st.lists(st.sampled_from(others), max_size=len(others)))
        again = bank.random_prompt(seed=seed, practice="empathy", depth=1, exclude=before + more)
        assert again == pick

    def test_nothing_excluded_keeps_the_seeded_pick(self, bank: Bank) -> None:
        """An empty exclude, or ids the bank does not hold, pick what no exclude picks."""
        pick = bank.random_prompt(seed=3)
        assert bank.random_prompt(seed=3, exclude=[]) == pick
        assert bank.random_prompt(seed=3, exclude="no/such-id") == pick

    def test_excluded_pick_gives_way(self, intimacy_bank: Bank) -> None:
        """Excluding the seed's pick gives another item, the same one every time."""
        pick = intimacy_bank.random_prompt(seed=9)
        other = intimacy_bank.random_prompt(seed=9, exclude=pick.id)
        assert other != pick
        assert intimacy_bank.random_prompt(seed=9, exclude=[pick.id]) == other

    def test_fallback_after_many_excluded_draws(self, intimacy_bank: Bank) -> None:
        """With nearly everything excluded, the pick is the one item left, for every seed."""
        ids = [p.id for p in intimacy_bank.prompts()]
        for seed in range(30):
            assert intimacy_bank.random_prompt(seed=seed, exclude=ids[1:]).id == ids[0]
            left = intimacy_bank.random_prompt(seed=seed, exclude=ids[2:]).id
            assert left in ids[:2]
            assert intimacy_bank.random_prompt(seed=seed, exclude=ids[3:]).id in {left, ids[2]}

    def test_rng_and_unseeded_picks_skip_excluded(self, intimacy_bank: Bank) -> None:
        """Picks with rng= or no seed at all never give an excluded id."""
        ids = [p.id for p in intimacy_bank.prompts()]
        rng = random.Random(1)
        assert {intimacy_bank.random_prompt(rng=rng, exclude=ids[1:]).id for _ in range(5)} == {
            ids[0]
        }
        assert intimacy_bank.random_prompt(exclude=ids[:-1]).id == ids[-1]

    def test_everything_excluded_names_the_filters(self, intimacy_bank: Bank) -> None:
        """When exclude leaves nothing, NoMatchError names it with the other filters."""
        ids = [e.id for e in intimacy_bank.exercises()]
        with pytest.raises(NoMatchError, match=r"exclude=\["):
            intimacy_bank.random_exercise(seed=1, exclude=ids)
        with pytest.raises(NoMatchError):
            intimacy_bank.random_exercise(rng=random.Random(1), exclude=ids)

    def test_ids_must_be_text(self, intimacy_bank: Bank) -> None:
        """An id to exclude that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="id to exclude"):
            intimacy_bank.prompts(exclude=[5])  # type: ignore[list-item]

    def test_shortcuts_take_exclude(self, bank: Bank) -> None:
        """The module-level shortcuts take exclude as the bank's methods do."""
        prompt = intimacy.random_prompt(seed=1)
        assert intimacy.random_prompt(seed=1, exclude=prompt.id) == bank.random_prompt(
            seed=1, exclude=prompt.id
        )
        exercise = intimacy.random_exercise(seed=1)
        assert intimacy.random_exercise(seed=1, exclude=[exercise.id]) != exercise


class TestUnknownFilter:
    def test_misspelled_filter_names_the_closest(self, intimacy_bank: Bank) -> None:
        """A misspelled filter is an IntimacyError and a TypeError naming the closest filter."""
        with pytest.raises(UnknownFilterError, match="did you mean 'practice'") as info:
            intimacy_bank.random_prompt(practise="empathy")  # type: ignore[call-arg]
        assert isinstance(info.value, IntimacyError)
        assert isinstance(info.value, TypeError)
        assert info.value.name == "practise"
        assert info.value.suggestion == "practice"
        assert "exclude_topics" in info.value.choices

    def test_shortcuts_and_every_query(self) -> None:
        """The shortcuts and plans raise it too, and a near miss of seed= suggests seed."""
        with pytest.raises(UnknownFilterError, match="'practise'"):
            intimacy.random_prompt(practise="empathy")  # type: ignore[call-arg]
        with pytest.raises(UnknownFilterError, match="did you mean 'seed'"):
            intimacy.plan(20, sed=1)  # type: ignore[call-arg]
        with pytest.raises(UnknownFilterError, match="did you mean 'exclude'"):
            intimacy.daily("2025-01-01", exlude="core/x")  # type: ignore[call-arg]

    def test_far_miss_has_no_suggestion(self, intimacy_bank: Bank) -> None:
        """A name like no filter gets the list of filters and no guess."""
        with pytest.raises(UnknownFilterError, match="the filters are: practice") as info:
            intimacy_bank.prompts(zzz=1)  # type: ignore[call-arg]
        assert info.value.suggestion is None
        assert "did you mean" not in str(info.value)


class TestQuery:
    @given(found=st.data())
    def test_built_again_from_its_filters(self, intimacy_bank: Bank, found: st.DataObject) -> None:
        """A query built from its own as_filters() is the same query, with the same hash."""
        from intimacy.bank.select import Query

        query = Query.build(**found.draw(matching_filters(intimacy_bank)))
        again = Query.build(**query.as_filters())
        assert again == query
        assert hash(again) == hash(query)
        assert again.without_exclude() == Query.build(**{**query.as_filters(), "exclude": None})

    def test_cannot_be_changed(self) -> None:
        """A query is a cache key: its fields cannot be set."""
        from intimacy.bank.select import Query

        query = Query.build(mood="calm")
        with pytest.raises(AttributeError):
            query.moods = frozenset()  # type: ignore[misc]
        assert query.without_exclude() is query
        assert repr(query).startswith("Query(practices=None, moods=frozenset({<Mood.CALM")
