"""The catalogue page in docs/ is generated from the bundled bank and must be current."""

from __future__ import annotations

from pathlib import Path

from intimacy import Bank, Mood, Practice
from intimacy.authoring.catalogue import catalogue_markdown

PAGE = Path(__file__).parent.parent / "docs" / "catalogue.md"


def test_catalogue_page_is_current(bank: Bank) -> None:
    """docs/catalogue.md equals the page generated now; regenerate it when the data changes."""
    expected = catalogue_markdown(bank)
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/catalogue.md is out of date: "
        "run python -m intimacy.authoring.catalogue > docs/catalogue.md"
    )


def test_catalogue_counts_match_the_bank(bank: Bank) -> None:
    """The page's numbers are the bank's: totals, a practice row and every exercise."""
    page = catalogue_markdown(bank)
    assert f"**{len(bank.prompts())} prompts** and **{len(bank.exercises())} exercises**" in page
    empathy = bank.prompts(practice="empathy")
    row = [str(sum(p.depth == d for p in empathy)) for d in (1, 2, 3)]
    assert f"| empathy | {' | '.join(row)} | {len(empathy)} |" in page
    calm_connection = len(bank.prompts(practice=Practice.CONNECTION, mood=Mood.CALM))
    connection_row = next(
        line
        for line in page.splitlines()
        if line.startswith("| connection |") and line.count("|") == 14
    )
    assert connection_row.split(" | ")[4] == str(calm_connection)
    for exercise in bank.exercises():
        assert f"`{exercise.id}`" in page
