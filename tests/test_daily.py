"""Tests of the prompt of the day: shared by both devices, fresh every day, stable everywhere."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import Bank, NoMatchError, Pack, Practice, ValidationError
from intimacy.bank.order import Shuffle
from intimacy.cli import EXIT_BAD_INPUT, EXIT_NO_MATCH, EXIT_OK
from intimacy.testing import numbered_pack, packs

if TYPE_CHECKING:
    from collections.abc import Callable

START = dt.date(2025, 1, 1)


def days(count: int, first: dt.date = START) -> list[dt.date]:
    """``count`` consecutive dates from ``first``."""
    return [first + dt.timedelta(days=n) for n in range(count)]


def cycle_start(size: int, near: dt.date = START) -> dt.date:
    """The first day of the cycle that holds ``near``, for a set of ``size`` prompts."""
    return dt.date.fromordinal(near.toordinal() // size * size or size)


class TestSameEverywhere:
    def test_pinned_sequence(self) -> None:
        """The order for a key is fixed forever: apps on different versions must agree."""
        bank = Bank([numbered_pack(5, name="pin")])
        got = [bank.daily(day, key="ana+sam").id for day in days(12)]
        assert got == [
            f"pin/{p}"
            for p in ["p0", "p2", "p4", "p3", "p1", "p2", "p4", "p0", "p3", "p1", "p2", "p4"]
        ]

    @pytest.mark.parametrize("hash_seed", ["0", "1", "4242"])
    def test_identical_across_hash_seeds(self, bank: Bank, hash_seed: str) -> None:
        """Another process, with another PYTHONHASHSEED, picks the very same prompts."""
        script = (
            "import datetime as dt, json, intimacy\n"
            "start = dt.date(2025, 1, 1)\n"
            "print(json.dumps([intimacy.daily(start + dt.timedelta(days=n), key=k,"
            " practice='empathy').id for n in range(10) for k in ('', 'a', 7)]))\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        here = [
            bank.daily(day, key=key, practice="empathy").id
            for day in days(10)
            for key in ("", "a", 7)
        ]
        assert json.loads(done.stdout) == here

    def test_module_function_uses_default_bank(self, bank: Bank) -> None:
        """intimacy.daily is the default bank's daily."""
        assert intimacy.daily(START, key="k") == bank.daily(START, key="k")

    def test_date_forms_agree(self, bank: Bank) -> None:
        """A date, a datetime on that date, and its ISO text give the same prompt."""
        moment = dt.datetime(2025, 3, 9, 23, 59, tzinfo=dt.UTC)
        picks = {bank.daily(value, key="k") for value in (moment.date(), moment, "2025-03-09")}
        assert len(picks) == 1


class TestVariety:
    def test_keys_differ(self, bank: Bank) -> None:
        """Couples with different keys get different sequences."""
        runs = {key: tuple(bank.daily(day, key=key).id for day in days(5)) for key in range(20)}
        assert len(set(runs.values())) == 20

    def test_bundled_set_has_no_repeat_over_its_length(self, bank: Bank) -> None:
        """Over as many days as there are matching prompts, each prompt has exactly one day."""
        matching = bank.prompts(practice="empathy", depth=3)
        first = cycle_start(len(matching))
        got = [
            bank.daily(day, key="us", practice="empathy", depth=3)
            for day in days(len(matching), first)
        ]
        assert sorted(p.id for p in got) == [p.id for p in matching]

    @given(
        size=st.integers(1, 9),
        key=st.integers() | st.text(max_size=6),
        offset=st.integers(0, 50_000),
    )
    def test_cycles_cover_the_set_and_never_repeat_yesterday(
        self, size: int, key: int | str, offset: int
    ) -> None:
        """Each cycle shows every prompt once; across cycle ends no day repeats the day before."""
        bank = Bank([numbered_pack(size, name="pin")])
        first = cycle_start(size, START + dt.timedelta(days=offset))
        run = [bank.daily(day, key=key).id for day in days(3 * size, first)]
        for cycle in range(3):
            assert sorted(run[cycle * size : (cycle + 1) * size]) == sorted(
                p.id for p in bank.prompts()
            )
        if size > 1:
            assert all(a != b for a, b in itertools.pairwise(run))

    @given(
        size=st.integers(1, 40),
        key=st.integers() | st.text(max_size=6),
        offset=st.integers(0, 50_000),
    )
    def test_repeat_gap_is_half_the_set(self, size: int, key: int | str, offset: int) -> None:
        """A prompt comes back no sooner than ``n // 2 + 1`` days later, across cycles."""
        bank = Bank([numbered_pack(size, name="pin")])
        run = [bank.daily(day, key=key).id for day in days(4 * size, START + dt.timedelta(offset))]
        last: dict[str, int] = {}
        for day, found in enumerate(run):
            if found in last:
                assert day - last[found] >= size // 2 + 1, (found, last[found], day)
            last[found] = day

    def test_unfiltered_bank_does_not_repeat_for_half_its_size(self, bank: Bank) -> None:
        """With no filter, the bundled bank's prompt of the day goes hundreds of days fresh."""
        size = len(bank.prompts())
        run = [bank.daily(day, key="us").id for day in days(size + size // 2 + 1)]
        last: dict[str, int] = {}
        for day, found in enumerate(run):
            assert day - last.get(found, -size) > size // 2
            last[found] = day

    def test_cost_does_not_grow_with_the_set(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The prompt of the day hashes no prompt: it permutes places, whatever the set's size."""
        import intimacy.bank.order

        bank = Bank([numbered_pack(2000, name="big")])
        bank.prompts()  # the selection is cached; only the day's own work is watched
        calls: list[str] = []
        monkeypatch.setattr(intimacy.bank.order, "hash_rank", lambda *args: calls.append("rank"))
        assert bank.daily(START, key="k").id.startswith("big/")
        assert calls == []

    @given(pack=packs(8), key=st.text(max_size=4), offset=st.integers(0, 1000))
    def test_results_satisfy_filters(self, pack: Pack, key: str, offset: int) -> None:
        """The prompt of the day is always one of the matching prompts."""
        bank = Bank([pack])
        matching = bank.prompts(max_depth=2)
        day = START + dt.timedelta(days=offset)
        if matching:
            assert bank.daily(day, key=key, max_depth=2) in matching
        else:
            with pytest.raises(NoMatchError):
                bank.daily(day, key=key, max_depth=2)


class TestShuffle:
    @given(size=st.integers(1, 3000), key=st.binary(min_size=1, max_size=8))
    def test_is_a_permutation(self, size: int, key: bytes) -> None:
        """A keyed shuffle sends the places 0..size-1 to each of them exactly once."""
        shuffle = Shuffle(key, size)
        assert len(shuffle) == size
        assert sorted(shuffle[place] for place in range(size)) == list(range(size))

    def test_keys_shuffle_differently(self) -> None:
        """Different keys give different orders (every order of three items turns up)."""
        orders = {tuple(Shuffle(bytes([n]), 3)[p] for p in range(3)) for n in range(60)}
        assert len(orders) == 6

    def test_bad_sizes_and_places(self) -> None:
        """A shuffle of nothing, or a place outside it, is refused."""
        with pytest.raises(ValueError, match="at least one place"):
            Shuffle(b"k", 0)
        with pytest.raises(IndexError, match="outside"):
            Shuffle(b"k", 3)[3]


class TestExclude:
    @given(key=st.text(max_size=4), offset=st.integers(0, 1000), data=st.data())
    def test_excluding_other_ids_keeps_the_day(
        self, intimacy_bank: Bank, key: str, offset: int, data: st.DataObject
    ) -> None:
        """Excluding ids that are not the day's prompt never changes it."""
        day = START + dt.timedelta(days=offset)
        today = intimacy_bank.daily(day, key=key)
        others = [p.id for p in intimacy_bank.prompts() if p.id != today.id]
        excluded = data.draw(st.lists(st.sampled_from(others), max_size=len(others)))
        assert intimacy_bank.daily(day, key=key, exclude=excluded) == today

    def test_excluded_day_gives_the_next_of_its_cycle(self) -> None:
        """A day whose prompt is excluded shows the next place of its cycle instead."""
        bank = Bank([numbered_pack(5, name="pin")])
        first = cycle_start(5)
        run = [bank.daily(day, key="k").id for day in days(5, first)]
        assert bank.daily(first, key="k", exclude=run[0]).id == run[1]
        assert bank.daily(first, key="k", exclude=run[:3]).id == run[3]
        assert bank.daily(days(5, first)[4], key="k", exclude=run[4]).id == run[0]

    def test_everything_excluded(self) -> None:
        """Excluding every matching prompt raises NoMatchError naming the exclusion."""
        bank = Bank([numbered_pack(2, name="pin")])
        with pytest.raises(NoMatchError, match="exclude="):
            bank.daily(START, exclude=["pin/p0", "pin/p1"])

    def test_shortcut_takes_exclude(self, bank: Bank) -> None:
        """intimacy.daily takes exclude too."""
        today = bank.daily(START, key="k")
        assert intimacy.daily(START, key="k", exclude=today.id) != today


class TestErrors:
    def test_nothing_matches(self) -> None:
        """No matching prompt raises NoMatchError naming the filters."""
        bank = Bank([numbered_pack(3, name="pin")])
        with pytest.raises(NoMatchError, match="practice='empathy'"):
            bank.daily(START, practice=Practice.EMPATHY.value)

    def test_bad_date_text(self) -> None:
        """A date that is not YYYY-MM-DD raises a ValueError that shows the form."""
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            Bank([numbered_pack(3, name="pin")]).daily("14/02/2025")

    def test_bad_date_type(self) -> None:
        """A number is not a date."""
        with pytest.raises(TypeError, match=r"datetime\.date"):
            Bank([numbered_pack(3, name="pin")]).daily(20250214)  # type: ignore[arg-type]

    def test_bad_key_type(self) -> None:
        """A key must be an int or a str."""
        with pytest.raises(TypeError, match="seed"):
            Bank([numbered_pack(3, name="pin")]).daily(START, key=1.5)  # type: ignore[arg-type]


class TestCommand:
    def test_text(self, cli: Callable[..., tuple[int, str, str]], bank: Bank) -> None:
        """`intimacy daily` prints the day's prompt with its date."""
        code, out, _ = cli("daily", "--key", "us", "--date", "2025-02-14")
        assert code == EXIT_OK
        prompt = bank.daily("2025-02-14", key="us")
        assert out.startswith("Prompt of the day for 2025-02-14:\n")
        assert prompt.id in out

    def test_json_matches_library(
        self, cli: Callable[..., tuple[int, str, str]], bank: Bank
    ) -> None:
        """--json gives the date, the key and the prompt the library gives, with filters."""
        code, out, _ = cli("daily", "--date", "2025-06-01", "--practice", "vulnerability", "--json")
        assert code == EXIT_OK
        data: dict[str, Any] = json.loads(out)
        assert data["date"] == "2025-06-01"
        assert data["key"] == ""
        assert data["id"] == bank.daily("2025-06-01", practice="vulnerability").id

    def test_default_date_is_today(
        self, cli: Callable[..., tuple[int, str, str]], bank: Bank
    ) -> None:
        """Without --date the command uses today's local date."""
        code, out, _ = cli("daily", "--json")
        assert code == EXIT_OK
        data = json.loads(out)
        assert data["date"] in {
            dt.date.today().isoformat(),
            (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        }
        assert data["id"] == bank.daily(data["date"]).id

    def test_bad_date_is_usage_error(self, cli: Callable[..., tuple[int, str, str]]) -> None:
        """A malformed --date exits 2 with one line naming the form."""
        code, _, err = cli("daily", "--date", "2025-02-30")
        assert code == EXIT_BAD_INPUT
        assert "YYYY-MM-DD" in err
        assert err.count("\n") == 1

    def test_nothing_matches_exits_1(self, cli: Callable[..., tuple[int, str, str]]) -> None:
        """Filters that match nothing exit 1."""
        code, _, err = cli("daily", "--key", "us", "--tag", "no-such-tag")
        assert code == EXIT_NO_MATCH
        assert "--tag no-such-tag" in err
