"""Fixtures of the dataset tests: the corpus parsed into an output folder once per test."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from tests.batch.conftest import copy_corpus


@pytest.fixture
def corpus_out(tmp_path: Path) -> Path:
    """``ingest parse corpus -o out --jobs 1`` of a copy of the corpus (relative paths)."""
    folder = copy_corpus(tmp_path / "corpus")
    ingest.ingest([folder], tmp_path / "out", jobs=1)
    return tmp_path / "out"
