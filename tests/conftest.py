"""Shared fixtures and hypothesis profiles.

Profiles: ``default`` (100 examples), ``ci`` (more examples, no deadline: CI machines are shared
and noisy) chosen with ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

import intimacy
from intimacy.cli import main

#: Runs the ``intimacy`` command in this process: ``(exit code, stdout, stderr)``.
RunCli = Callable[..., tuple[int, str, str]]

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(name="bank", scope="session")
def fixture_bank() -> intimacy.Bank:
    """The default bank of bundled packs (shared: it is immutable)."""
    return intimacy.default_bank()


def _run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(name="cli")
def fixture_cli() -> RunCli:
    """Run ``intimacy`` in this process; return the exit code and the two streams."""
    return _run_cli
