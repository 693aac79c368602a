"""The content catalogue: counts and the list of exercises, as a Markdown page.

``python -m intimacy.authoring.catalogue > docs/catalogue.md`` writes the page for the bundled
bank; a test fails when the page in ``docs/`` is out of date.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from intimacy.model.vocab import Depth, Mood, Practice, Topic

if TYPE_CHECKING:
    from intimacy.bank.bank import Bank

__all__ = ["catalogue_markdown"]

_MINUTE_BUCKETS = ((1, 2), (3, 5), (6, 10), (11, 14), (15, 240))


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def catalogue_markdown(bank: Bank) -> str:
    """The catalogue page for ``bank``, in Markdown."""
    prompts, exercises = bank.prompts(), bank.exercises()
    lines = [
        "# Content catalogue",
        "",
        (
            "Generated from the bundled bank by `python -m intimacy.authoring.catalogue >"
            " docs/catalogue.md`; a test fails when this page is out of date."
        ),
        "",
        f"**{len(prompts)} prompts** and **{len(exercises)} exercises** in "
        f"{len(bank.packs)} pack(s): "
        + ", ".join(f"`{p.name}` {p.version}" for p in bank.packs)
        + ".",
        "",
        "## Prompts by practice and depth",
        "",
    ]
    by_depth = Counter((p.practice, p.depth) for p in prompts)
    lines += _table(
        ["practice", *(f"{int(d)} {d}" for d in Depth), "total"],
        [
            [p.value, *(by_depth[p, d] for d in Depth), sum(by_depth[p, d] for d in Depth)]
            for p in Practice
        ],
    )
    lines += [
        "## Prompts by practice and mood",
        "",
        "A prompt counts once for each mood it suits.",
        "",
    ]
    by_mood = Counter((p.practice, m) for p in prompts for m in p.moods)
    lines += _table(
        ["practice", *(m.value for m in Mood)],
        [[p.value, *(by_mood[p, m] for m in Mood)] for p in Practice],
    )
    lines += [
        "## Prompts by practice, mood and depth",
        "",
        "Each cell gives light / personal / deep.",
        "",
    ]
    by_all = Counter((p.practice, m, p.depth) for p in prompts for m in p.moods)
    lines += _table(
        ["mood", *(p.value for p in Practice)],
        [
            [m.value, *("/".join(str(by_all[p, m, d]) for d in Depth) for p in Practice)]
            for m in Mood
        ],
    )
    lines += ["## Prompts by length", ""]
    lines += _table(
        ["minutes", "prompts"],
        [
            [
                f"{low}-{high}" if high < 240 else f"{low}+",
                sum(low <= p.minutes <= high for p in prompts),
            ]
            for low, high in _MINUTE_BUCKETS
        ],
    )
    lines += ["## Topic flags", "", "Items on sensitive ground, which apps can leave out.", ""]
    topics = Counter(t for p in prompts for t in p.topics)
    topics.update(t for e in exercises for t in e.topics)
    lines += _table(["topic", "items"], [[t.value, topics[t]] for t in Topic])
    lines += ["## Exercises", ""]
    lines += _table(
        ["id", "title", "practice", "minutes", "depth", "steps", "research"],
        [
            [
                f"`{e.id}`",
                e.title,
                e.practice.value,
                e.minutes,
                int(e.depth),
                len(e.steps),
                ", ".join(e.research),
            ]
            for e in sorted(exercises, key=lambda e: (e.practice.value, e.minutes, e.id))
        ],
    )
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test through its function
    from intimacy.bank.default import default_bank

    print(catalogue_markdown(default_bank()), end="")
