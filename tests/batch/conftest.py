"""Fixtures of the batch tests: folders of pages built from the corpus and small fixture files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.paths import CORPUS as CORPUS
from tests.paths import PAGE_000 as PAGE_000
from tests.paths import PAGE_002 as PAGE_002
from tests.paths import ROOT as ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRUNCATED_LINES = 26
"""The truncated page of the mixed folder: the first 26 lines of page 000 (no verdict)."""


def copy_corpus(folder: Path) -> Path:
    """The five corpus pages, writable, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in sorted(CORPUS.glob("*.txt")):
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """5 corpus pages, a copy of one in a nested folder, an empty, a binary and a truncated file."""
    folder = copy_corpus(tmp_path / "pages")
    (folder / "nested").mkdir()
    (folder / "nested" / "copy.txt").write_bytes(PAGE_002.read_bytes())
    shutil.copy(FIXTURES / "empty.txt", folder / "empty.txt")
    shutil.copy(FIXTURES / "binary.txt", folder / "binary.txt")
    lines = PAGE_000.read_text(encoding="utf-8").splitlines(keepends=True)[:TRUNCATED_LINES]
    (folder / "truncated.txt").write_text("".join(lines), encoding="utf-8")
    return folder
