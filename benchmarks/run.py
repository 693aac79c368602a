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


def best_of(command: list[str], repeats: int) -> float:
    """The fastest of ``repeats`` runs of a command, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def script(name: str) -> str | None:
    """A console script installed next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def bench_import(repeats: int) -> None:
    py = sys.executable
    base = best_of([py, "-c", "pass"], repeats)
    attrs_ms = best_of([py, "-c", "import attrs"], repeats)
    ours = best_of([py, "-c", "import intimacy"], repeats)
    check = subprocess.run(
        [
            py,
            "-c",
            (
                "import sys, intimacy; from intimacy.bank.default import bundled_packs;"
                "print('cattrs' in sys.modules, bundled_packs.cache_info().currsize)"
            ),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    print(f"import intimacy (best of {repeats}, ms)")
    print(f"  python -c pass   {base:7.1f}")
    print(f"  import attrs     {attrs_ms:7.1f}")
    print(
        f"  import intimacy  {ours:7.1f}   (+{ours - attrs_ms:.1f} ms over attrs,"
        f" ratio {ours / attrs_ms:.2f})"
    )
    print(f"  cattrs imported: {check[0]}; packs parsed: {check[1]}")


def bench_cli(repeats: int) -> None:
    ours = script("intimacy")
    joke = script("pyjoke")
    base = best_of([sys.executable, "-c", "pass"], repeats)
    print(f"CLI start-up (best of {repeats}, ms)")
    print(f"  python -c pass        {base:7.1f}")
    if ours is None:
        print("  intimacy script not found")
        return
    ran = best_of([ours, "random"], repeats)
    seeded = best_of([ours, "random", "--mood", "tired", "--seed", "7"], repeats)
    print(f"  intimacy random       {ran:7.1f}   ({ran / base:.1f}x python)")
    print(f"  intimacy random -m -s {seeded:7.1f}")
    if joke is None:
        print("  pyjoke not installed (pip install pyjokes) - no peer comparison")
        return
    peer = best_of([joke], repeats)
    print(f"  pyjoke                {peer:7.1f}   (intimacy/pyjoke = {ran / peer:.2f})")


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
    bench_import(args.repeats)
    bench_cli(args.repeats)
    bench_select(args.seeds)
    bench_load(args.load_size, args.load_repeats)
    bench_lint(args.lint_sizes, args.lint_repeats)
    bench_pack_folder([1_000, 10_000])
    from hostile import CASES

    bench_hostile(list(CASES), args.hostile_src, args.hostile_timeout)


if __name__ == "__main__":
    main()
