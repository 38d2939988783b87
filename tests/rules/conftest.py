"""Registers the `property` marker the validator's fuzz tests use (`make fuzz` selects it)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "property: hypothesis property tests (make fuzz)")
