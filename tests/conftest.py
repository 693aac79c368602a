"""Shared fixtures and hypothesis profiles.

Profiles: ``default`` (100 examples), ``ci`` (150 examples, no deadline: CI machines are shared
and noisy; at 300 examples the whole CI run took over 20 minutes, at 150 about 12) chosen with
``HYPOTHESIS_PROFILE``. The ``intimacy_bank``, ``intimacy_seed`` and
``intimacy_deck`` fixtures come from intimacy's own pytest plugin (``-p _intimacy_pytest`` in
pyproject.toml, so that it loads from a source tree too); ``bank`` here is the bundled bank.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from hypothesis import HealthCheck, settings

import intimacy
from intimacy.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(name="bank", scope="session")
def fixture_bank() -> intimacy.Bank:
    """The default bank of bundled packs (shared: it is immutable)."""
    return intimacy.default_bank()


class Result(NamedTuple):
    """What one run of the command line gave: its exit code and its two streams."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Standard output parsed as JSON."""
        return json.loads(self.out)


def _check_stderr(err: str) -> None:
    assert "Traceback" not in err, err


@pytest.fixture(autouse=True)
def _private_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named decks that a test makes go to a folder of its own, never the user's state."""
    monkeypatch.setenv("INTIMACY_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(name="cli")
def fixture_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``main(argv)`` and return its exit code and captured output; never a traceback."""
    monkeypatch.delenv("INTIMACY_PACKS", raising=False)  # only the packs a test names
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)  # English unless a test asks for a language

    def run(*argv: str) -> Result:
        code = main(list(argv))
        out, err = capsys.readouterr()
        _check_stderr(err)
        return Result(code, out, err)

    return run
