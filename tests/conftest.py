"""Shared fixtures and hypothesis profiles.

Profiles: ``default`` (100 examples), ``ci`` (more examples, no deadline: CI machines are shared
and noisy) chosen with ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import intimacy

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(name="bank", scope="session")
def fixture_bank() -> intimacy.Bank:
    """The default bank of bundled packs (shared: it is immutable)."""
    return intimacy.default_bank()
