"""Shared fixtures: one real analyser for the whole run (loading it takes ~0.2 s)."""

from __future__ import annotations

import pytest

from heartline.analysis.engine import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer.default()
