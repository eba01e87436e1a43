"""Shared fixtures: the real catalogue, built once in memory from the data files."""

from __future__ import annotations

import pytest

from bot.pipeline import Assistant
from catalogue.store import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.from_data()


@pytest.fixture(scope="session")
def assistant(catalogue: Catalogue) -> Assistant:
    return Assistant(catalogue)
