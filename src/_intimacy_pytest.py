"""intimacy's pytest plugin: fixtures for an app's tests.

Installed with intimacy (entry point group ``pytest11``, name ``_intimacy_pytest``), so pytest
loads it in any project that has intimacy; turn it off with ``-p no:_intimacy_pytest``. It
imports nothing but pytest until a test asks for one of its fixtures, and none of them needs
hypothesis (the strategies in :mod:`intimacy.testing` do, with the ``testing`` extra).

It is a top-level module, not ``intimacy.pytest_plugin``, for the reason hypothesis keeps its
plugin apart: pytest imports plugins before coverage starts, and importing a module inside the
package would import ``intimacy`` too early for an app's (and our own) coverage to see it.

Fixtures (override any of them in your own ``conftest.py``; the others follow):

``intimacy_bank``
    A small bank whose contents never change: :func:`intimacy.testing.sample_pack`, ten
    prompts and two exercises. Shared by the whole session (a bank is immutable).
``intimacy_seed``
    The seed of ``intimacy_deck``: ``"intimacy"``.
``intimacy_deck``
    A fresh prompt deck over ``intimacy_bank`` with ``intimacy_seed``, for each test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from intimacy import Bank, Deck, Prompt

__all__ = ["fixture_intimacy_bank", "fixture_intimacy_deck", "fixture_intimacy_seed"]


@pytest.fixture(name="intimacy_bank", scope="session")
def fixture_intimacy_bank() -> Bank:
    """A small bank of known contents: the sample pack (ten prompts, two exercises)."""
    from intimacy import Bank  # noqa: PLC0415 - pytest loads the plugin in every project
    from intimacy.packs.sample import sample_pack  # noqa: PLC0415

    return Bank([sample_pack()])


@pytest.fixture(name="intimacy_seed")
def fixture_intimacy_seed() -> int | str:
    """The seed ``intimacy_deck`` shuffles with."""
    return "intimacy"


@pytest.fixture(name="intimacy_deck")
def fixture_intimacy_deck(intimacy_bank: Bank, intimacy_seed: int | str) -> Deck[Prompt]:
    """A fresh, seeded deck of the bank's prompts: the same draws in every run."""
    from intimacy import Deck  # noqa: PLC0415

    return Deck(intimacy_bank, seed=intimacy_seed)
