"""Hostile pack files: generated worst cases for the loader, and a child process that times one.

Each generator returns the text of a pack file meant to cost the loader as much time or memory
as its size allows. ``benchmarks/run.py`` measures them and ``tests/test_hostile.py`` loads the
same files under a memory limit, so the tests and the figures in docs/performance.md agree.

``python benchmarks/hostile.py FILE`` loads one file and prints, as JSON, the seconds spent in
``load_pack``, the process's peak resident memory in MiB, and the number of problems reported.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

#: The size cap of a pack file (MAX_PACK_BYTES in intimacy's loader), repeated so that generating
#: needs no import of intimacy.
CAP = 1024 * 1024
_HEAD_TOML = '[pack]\nname = "evil"\nversion = "1"\ntitle = "Evil"\n'
_HEAD_JSON = '{"pack": {"name": "evil", "version": "1", "title": "Evil"}, '


def empty_items(count: int = 100_000) -> tuple[str, str]:
    """``count`` empty prompts (``{}``) in JSON: six problems each."""
    return "json", _HEAD_JSON + '"prompts": [' + ",".join(["{}"] * count) + "]}\n"


def bad_moods(count: int = 4_000) -> tuple[str, str]:
    """One prompt whose ``count`` moods are all unknown, in JSON (5 bytes a problem)."""
    moods = ",".join(['"x"'] * count)
    return "json", (
        f'{_HEAD_JSON}"prompts": [{{"id": "evil/p", "text": "Hi?", "practice": "empathy", '
        f'"moods": [{moods}], "minutes": 1, "depth": 1}}]}}\n'
    )


def _prompt_toml(index: int, mood: str) -> str:
    return (
        f'\n[[prompts]]\nid = "evil/p{index}"\n'
        f'text = "What is one small thing I did this week that you noticed, number {index}?"\n'
        f'practice = "empathy"\nmoods = ["calm", "{mood}"]\nminutes = 5\ndepth = 2\n'
        f'tags = ["weekly", "noticing"]\n'
    )


def realistic_bad(count: int = 1_000) -> tuple[str, str]:
    """A realistic pack of ``count`` prompts, each with one unknown mood, in TOML."""
    return "toml", _HEAD_TOML + "".join(_prompt_toml(i, "sleepy") for i in range(count))


def dotted_key(size: int = 40_000) -> tuple[str, str]:
    """One dotted key of ``size`` bytes (``a.a.a...``) in the ``[pack]`` table."""
    return "toml", _HEAD_TOML + ".".join(["a"] * (size // 2)) + " = 1\n"


def deep_header(size: int = 350_000, depth: int = 5_000) -> tuple[str, str]:
    """A table header ``depth`` keys deep, followed by as many keys as fill ``size`` bytes."""
    header = "[" + ".".join(["a"] * depth) + "]\n"
    keys = [f"k{i} = 1\n" for i in range((size - len(header)) // 10)]
    return "toml", _HEAD_TOML + header + "".join(keys)


def at_cap_valid(size: int = CAP) -> tuple[str, str]:
    """A valid JSON pack just under ``size`` bytes of ordinary prompts."""
    prompts = []
    total = len(_HEAD_JSON) + 20
    index = 0
    while True:
        item = json.dumps(
            {
                "id": f"evil/p{index}",
                "text": f"What is one small thing I did this week that you noticed, {index}?",
                "practice": "empathy",
                "moods": ["calm", "tired"],
                "minutes": 5,
                "depth": 2,
            }
        )
        if total + len(item) + 1 > size:
            break
        prompts.append(item)
        total += len(item) + 1
        index += 1
    return "json", _HEAD_JSON + '"prompts": [' + ",".join(prompts) + "]}\n"


def at_cap_empty(size: int = CAP) -> tuple[str, str]:
    """As many empty prompts (``{}``) as fit in ``size`` bytes of JSON."""
    return empty_items((size - len(_HEAD_JSON) - 20) // 3)


def at_cap_toml(size: int = CAP) -> tuple[str, str]:
    """A valid TOML pack of ordinary prompts, just under ``size`` bytes."""
    parts = [_HEAD_TOML]
    total = len(_HEAD_TOML)
    index = 0
    while True:
        item = _prompt_toml(index, "tired")
        if total + len(item) > size:
            break
        parts.append(item)
        total += len(item)
        index += 1
    return "toml", "".join(parts)


#: Each worst case, by name: (what it is, its generator with the issue's sizes).
CASES: dict[str, tuple[str, Callable[[], tuple[str, str]]]] = {
    "empty-items": ("100,000 empty prompts (JSON)", empty_items),
    "bad-moods": ("4,000 unknown moods in one prompt (JSON)", bad_moods),
    "realistic-bad": ("1,000 prompts, one unknown mood each (TOML)", realistic_bad),
    "dotted-40k": ("a 40 KB dotted key (TOML)", dotted_key),
    "dotted-90k": ("a 90 KB dotted key (TOML)", lambda: dotted_key(90_000)),
    "deep-header": ("a 5,000-deep header and many keys, 350 KB (TOML)", deep_header),
    "cap-valid-json": ("a valid pack at the 1 MiB cap (JSON)", at_cap_valid),
    "cap-empty-json": ("empty prompts filling the 1 MiB cap (JSON)", at_cap_empty),
    "cap-valid-toml": ("a valid pack at the 1 MiB cap (TOML)", at_cap_toml),
}


def measure(path: str) -> dict[str, object]:
    """Load the pack at ``path``: seconds in load_pack, peak memory (MiB), the problems reported.

    The problems are counted, and the first and last shown.
    """
    from intimacy import PackError, load_pack

    start = time.perf_counter()
    try:
        load_pack(path)
    except PackError as err:
        problems = len(err.problems)
        first, last = str(err.problems[0])[:200], str(err.problems[-1])[:200]
    else:
        problems, first, last = 0, "", ""
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "seconds": seconds,
        "peak_mib": peak,
        "problems": problems,
        "first": first,
        "last": last,
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
