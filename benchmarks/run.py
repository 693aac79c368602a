"""Benchmarks for intimacy: import cost, CLI start-up, filtered selection, loading and linting.

Run with ``python benchmarks/run.py`` (the package and, for the CLI comparison, pyjokes must be
installed: ``pip install . --group bench``). Everything is measured in one run and reported as
ratios, since absolute times on shared machines are noisy. Each figure is the best of several
repeats (the least disturbed run).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intimacy import Bank, Mood, Pack, Practice, Prompt

if TYPE_CHECKING:
    from collections.abc import Callable

    from intimacy.model.models import Pack as _Pack


def child_environment() -> dict[str, str]:
    """The environment of the child processes: bytecode caching allowed, as in a real install.

    A sandbox or CI job may set ``PYTHONDONTWRITEBYTECODE``, so that every import compiles its
    source: start-up would then measure the compiler, not the program.
    """
    import os

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def best_of(command: list[str], repeats: int) -> float:
    """The fastest of ``repeats`` runs of a command, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=child_environment())
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def interleaved(commands: dict[str, list[str]], repeats: int) -> dict[str, tuple[float, float]]:
    """Each command's median wall and CPU milliseconds, the commands run in turn ``repeats`` times.

    One warm-up run each first (it writes the bytecode caches). Running them in turn, A B A B,
    keeps their ratios meaningful while the machine's speed drifts; CPU time (user + system, from
    ``getrusage``) is the steadier figure on a machine shared with other work.
    """
    import resource

    env = child_environment()

    def run(command: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall * 1000, cpu * 1000

    for command in commands.values():
        run(command)
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            found[name].append(run(command))
    return {
        name: (
            statistics.median(wall for wall, _ in times),
            statistics.median(cpu for _, cpu in times),
        )
        for name, times in found.items()
    }


def script(name: str) -> str | None:
    """A console script installed next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def bench_import(repeats: int) -> None:
    py = sys.executable
    found = interleaved(
        {
            "python -c pass": [py, "-c", "pass"],
            "import attrs": [py, "-c", "import attrs"],
            "import intimacy": [py, "-c", "import intimacy"],
        },
        repeats,
    )
    check = subprocess.run(
        [
            py,
            "-c",
            (
                "import sys; before = set(sys.modules); import intimacy; "
                "print(sorted(set(sys.modules) - before - {'intimacy', '__future__'}))"
            ),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=child_environment(),
    ).stdout.strip()
    print(f"import intimacy (medians of {repeats} interleaved runs, ms: wall / cpu)")
    for name, (wall, cpu) in found.items():
        print(f"  {name:<16} {wall:7.1f} / {cpu:5.1f}")
    base, ours = found["python -c pass"], found["import intimacy"]
    print(
        f"  import intimacy - python -c pass = {ours[0] - base[0]:.1f} ms wall,"
        f" {ours[1] - base[1]:.1f} ms cpu (target <= 5)"
    )
    print(f"  other modules imported by import intimacy: {check}")


def bench_cli(repeats: int) -> None:
    ours = script("intimacy")
    joke = script("pyjoke")
    if ours is None or joke is None:
        print("CLI start-up: the intimacy script or pyjoke (pip install pyjokes) is missing")
        return
    found = interleaved(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "pyjoke": [joke],
            "intimacy random": [ours, "random"],
            "intimacy random --mood tired --seed 7": [
                ours,
                "random",
                "--mood",
                "tired",
                "--seed",
                "7",
            ],
            "intimacy daily": [ours, "daily", "--key", "us"],
            "intimacy exercise": [ours, "exercise"],
            "intimacy list moods (full command)": [ours, "list", "moods"],
        },
        repeats,
    )
    print(f"CLI start-up (medians of {repeats} interleaved runs, ms: wall / cpu)")
    for name, (wall, cpu) in found.items():
        print(f"  {name:<38} {wall:7.1f} / {cpu:5.1f}")
    (wall, cpu), (joke_wall, joke_cpu) = found["intimacy random"], found["pyjoke"]
    print(
        f"  intimacy random / pyjoke = {wall / joke_wall:.2f} wall, {cpu / joke_cpu:.2f} cpu"
        " (target <= 1.0)"
    )


def bench_default_bank(repeats: int) -> None:
    """``default_bank()`` and a first filtered pick in a fresh process, after ``import intimacy``.

    Timed inside the child, in two ways: as a program meets it (the first model brings attrs
    and the model classes with it), and after the model classes are imported (as ``import
    intimacy`` imported them before the bank was compiled), which is the bank's own cost.
    """
    timed = (
        "import time, intimacy{before}; start, cpu = time.perf_counter(), time.process_time(); "
        "intimacy.default_bank().random_prompt(practice='empathy', mood=['calm', 'tired'], "
        "max_minutes=10, seed=7); "
        "print((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)"
    )
    ways = {
        "as a program meets it": "",
        "after the model classes are imported": "; intimacy.Prompt",
    }
    found: dict[str, list[tuple[float, float]]] = {way: [] for way in ways}
    env = child_environment()
    for _ in range(repeats + 1):  # the first round writes the bytecode caches
        for way, before in ways.items():
            out = subprocess.run(
                [sys.executable, "-c", timed.format(before=before)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout
            wall, cpu = out.split()
            found[way].append((float(wall), float(cpu)))
    print(f"default_bank() + first filtered pick, fresh process (medians of {repeats}, ms)")
    print(f"  {'':<40} {'wall':>6} / cpu")
    for way, times in found.items():
        wall = statistics.median(time[0] for time in times[1:])
        cpu = statistics.median(time[1] for time in times[1:])
        print(f"  {way:<40} {wall:6.1f} / {cpu:4.1f}")
    print("  target <= 5 ms (the bank's own cost: the second line)")


def bench_daily(calls: int) -> None:
    """``daily()`` per call against a filtered ``random_prompt`` per call, on the bundled bank."""
    import datetime as dt

    import intimacy

    bank = intimacy.default_bank()
    start = dt.date(2025, 1, 1)
    days = [start + dt.timedelta(days=number) for number in range(calls)]

    def median_us(work: Callable[[int], object]) -> float:
        for number in range(50):
            work(number)
        times = []
        for number in range(calls):
            begin = time.perf_counter()
            work(number)
            times.append(time.perf_counter() - begin)
        return statistics.median(times) * 1e6

    picked = median_us(lambda n: bank.random_prompt(seed=n, practice="empathy"))
    daily = median_us(lambda n: bank.daily(days[n], key="us", practice="empathy"))
    unfiltered = median_us(lambda n: bank.daily(days[n], key="us"))
    print(f"per call on the bundled bank (median of {calls}, microseconds)")
    print(f"  random_prompt(practice=...)     {picked:6.1f}")
    print(f"  daily(key=..., practice=...)    {daily:6.1f}")
    print(f"  daily(key=...), unfiltered      {unfiltered:6.1f}")
    print(f"  daily / filtered random = {daily / picked:.1f} (target <= 5)")


def generated_bank(size: int) -> Bank:
    rng = random.Random(size)
    moods = list(Mood)
    prompts = [
        Prompt(
            id=f"gen/p{i}",
            text=f"Generated prompt number {i}?",
            practice=rng.choice(list(Practice)),
            moods=rng.sample(moods, rng.randint(1, 4)),
            minutes=rng.randint(1, 20),
            depth=rng.randint(1, 3),
        )
        for i in range(size)
    ]
    return Bank([Pack(name="gen", version="1", title="Generated", prompts=prompts)])


def time_picks(bank: Bank, seeds: int) -> tuple[float, float]:
    """Microseconds for the first (cold) filtered pick, and the median of later picks."""
    filters: dict[str, Any] = {"practice": "empathy", "mood": ["calm", "tired"], "max_minutes": 10}
    start = time.perf_counter()
    bank.random_prompt(seed=0, **filters)
    cold = (time.perf_counter() - start) * 1e6
    warm = []
    for seed in range(1, seeds):
        start = time.perf_counter()
        bank.random_prompt(seed=seed, **filters)
        warm.append((time.perf_counter() - start) * 1e6)
    return cold, statistics.median(warm)


def bench_select(seeds: int) -> None:
    print("filtered random_prompt(practice, 2 moods, max_minutes), microseconds")
    results = {}
    for size in (1_000, 100_000):
        bank = generated_bank(size)
        results[size] = time_picks(bank, seeds)
        cold, warm = results[size]
        print(f"  {size:>7,} prompts: first pick {cold:9.1f}   later picks (median) {warm:6.1f}")
    ratio = results[100_000][1] / results[1_000][1]
    print(f"  later picks, 100,000 / 1,000 = {ratio:.2f} (target <= 1.5)")


def bench_load(size: int, repeats: int) -> None:
    """Loading a generated pack file: strict validation against the bare parse."""
    import json
    import tempfile
    import tomllib

    from intimacy import dumps_pack, load_pack

    pack: _Pack = generated_bank(size).packs[0]

    def read(path: Path) -> _Pack:
        return load_pack(path, max_bytes=2**30)  # far over the cap for untrusted files

    print(f"load_pack of a generated {size:,}-prompt pack (best of {repeats}, seconds)")
    with tempfile.TemporaryDirectory() as folder:
        for fmt, parse in (("json", json.loads), ("toml", tomllib.loads)):
            path = Path(folder) / f"big.{fmt}"
            path.write_text(dumps_pack(pack, fmt), encoding="utf-8")  # type: ignore[arg-type]
            text = path.read_text(encoding="utf-8")
            parse_s = min(_timed(parse, text) for _ in range(repeats))
            load_s = min(_timed(read, path) for _ in range(repeats))
            mib = path.stat().st_size / 2**20
            print(
                f"  {fmt}: {mib:5.1f} MiB  parse {parse_s:6.2f}  load_pack {load_s:6.2f}"
                f"  ({size / load_s:,.0f} prompts/s, {load_s / parse_s:.1f}x the parse)"
            )


def _timed(work: Callable[[Any], object], argument: object) -> float:
    start = time.perf_counter()
    work(argument)
    return time.perf_counter() - start


def bench_lint(sizes: list[int], repeats: int) -> None:
    """Linting generated packs whose prompts share their wording: the duplicate searches."""
    from intimacy import lint
    from intimacy.testing import wordy_pack

    print(f"lint of a generated pack sharing its wording (best of {repeats}, seconds)")
    times = {}
    for size in sizes:
        pack = wordy_pack(size)
        times[size] = min(_timed(lint, pack) for _ in range(repeats))
        print(f"  {size:>7,} prompts: {times[size]:6.2f}   ({size / times[size]:,.0f} prompts/s)")
    low, high = min(sizes), max(sizes)
    ratio = times[high] / times[low]
    print(
        f"  {high:,} / {low:,} prompts = {ratio:.1f}x the time (quadratic would be"
        f" {(high / low) ** 2:.0f}x; target: 10,000 in under 10 s)"
    )


def bench_pack_folder(sizes: list[int]) -> None:
    """``--pack FOLDER`` of many one-prompt packs, as a command: the bank is built once."""
    import tempfile

    print("intimacy list packs --pack FOLDER of one-prompt packs (one run, seconds)")
    command = [sys.executable, "-m", "intimacy", "list", "packs", "--pack"]
    times = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            for number in range(size):
                name = f"p{number:06d}"
                (Path(folder) / f"{name}.toml").write_text(
                    f'[pack]\nname = "{name}"\nversion = "1"\ntitle = "Pack {number}"\n\n'
                    f'[[prompts]]\nid = "{name}/one"\ntext = "What made you smile today?"\n'
                    'practice = "connection"\nmoods = ["calm"]\nminutes = 2\ndepth = 1\n',
                    encoding="utf-8",
                )
            start = time.perf_counter()
            subprocess.run([*command, folder], check=True, stdout=subprocess.DEVNULL)
            times[size] = time.perf_counter() - start
        print(f"  {size:>7,} packs: {times[size]:6.2f}   ({size / times[size]:,.0f} packs/s)")
    low, high = min(sizes), max(sizes)
    print(
        f"  {high:,} / {low:,} packs = {times[high] / times[low]:.1f}x the time (linear would be"
        f" {high / low:.0f}x, plus start-up; before the fix 10,000 packs took 46-74 s)"
    )


def bench_hostile(names: list[str], src: str | None, timeout: float) -> None:
    """Hostile pack files (benchmarks/hostile.py), each loaded in a fresh process."""
    import json
    import os
    import tempfile

    from hostile import CASES

    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    child = str(Path(__file__).with_name("hostile.py"))
    print(f"hostile pack files: load_pack in a fresh process (timeout {timeout:.0f} s)")
    print(f"  {'case':<16}{'file':>10}{'seconds':>9}{'peak MiB':>10}{'problems':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            fmt, text = CASES[name][1]()
            path = Path(folder) / f"{name}.{fmt}"
            path.write_text(text, encoding="utf-8")
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            try:
                done = subprocess.run(
                    [sys.executable, child, str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                print(f"  {name:<16}{size:>10}   over {timeout:.0f} s")
                continue
            except subprocess.CalledProcessError as err:
                last = (err.stderr.strip().splitlines() or ["?"])[-1]
                print(f"  {name:<16}{size:>10}   failed: {last[:60]}")
                continue
            found = json.loads(done.stdout)
            print(
                f"  {name:<16}{size:>10}{found['seconds']:9.2f}{found['peak_mib']:10.0f}"
                f"{found['problems']:9,}"
            )
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seeds", type=int, default=2000)
    parser.add_argument("--load-size", type=int, default=100_000)
    parser.add_argument("--load-repeats", type=int, default=2)
    parser.add_argument("--lint-sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--lint-repeats", type=int, default=2)
    parser.add_argument(
        "--start-up",
        action="store_true",
        help="only the start-up and per-call figures (import, CLI, default bank, daily)",
    )
    parser.add_argument(
        "--hostile", nargs="*", default=None, help="only these hostile cases (none: all)"
    )
    parser.add_argument(
        "--hostile-src", default=None, help="load intimacy from this source tree (e.g. a 'before')"
    )
    parser.add_argument("--hostile-timeout", type=float, default=120)
    args = parser.parse_args()
    if args.hostile is not None:
        from hostile import CASES

        bench_hostile(args.hostile or list(CASES), args.hostile_src, args.hostile_timeout)
        return
    print(
        "Child processes run with bytecode caching allowed (PYTHONDONTWRITEBYTECODE removed from"
        " their environment), after one warm-up run each, as an installed package runs."
    )
    bench_import(args.repeats)
    bench_cli(args.repeats)
    bench_default_bank(args.repeats)
    bench_daily(args.seeds)
    if args.start_up:
        return
    bench_select(args.seeds)
    bench_load(args.load_size, args.load_repeats)
    bench_lint(args.lint_sizes, args.lint_repeats)
    bench_pack_folder([1_000, 10_000])
    from hostile import CASES

    bench_hostile(list(CASES), args.hostile_src, args.hostile_timeout)


if __name__ == "__main__":
    main()
