"""Fixtures of the scale tests: a folder of pages with failures and drift, a loopback cluster."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from ingest.dataset.read import read_tables
from ingest.synth import write_corpus
from tests.batch.conftest import FIXTURES as BATCH_FIXTURES
from tests.batch.conftest import PAGE_000, TRUNCATED_LINES, copy_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SYNTHETIC_PAGES = 240
OLD_MTIME_NS = 1_600_000_000 * 10**9
"""2020-09-13: far enough before any run that size and mtime are trusted, not re-hashed."""

SORT_KEYS: dict[str, tuple[str, ...]] = {
    "pages": ("page_id", "source_path"),
    "subjects": ("page_id", "source_path", "side"),
    "artifacts": ("artifact_key",),
    "features": ("page_id", "source_path", "line", "side"),
    "capabilities": ("page_id", "source_path", "line", "ordinal", "side"),
    "claims": ("page_id", "source_path", "line", "column", "sentence", "kind", "feature"),
    "errors": ("page_id", "source_path", "line", "column"),
    "findings": ("page_id", "source_path", "line", "column", "code", "subject", "feature"),
}
"""Columns that order each table's rows completely, ``page_id`` first."""


def set_old_mtimes(folder: Path) -> None:
    """Every file under ``folder`` modified long ago (a run trusts their size and mtime)."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def build_pages(folder: Path) -> Path:
    """The five corpus pages, a drifting copy of one, an empty, a binary and a truncated file,
    and ``SYNTHETIC_PAGES`` synthetic pages in sub-folders; all with an old mtime."""
    copy_corpus(folder)
    shutil.copy(FIXTURES / "flux_at_60.txt", folder / "flux_at_60.txt")
    shutil.copy(BATCH_FIXTURES / "empty.txt", folder / "empty.txt")
    shutil.copy(BATCH_FIXTURES / "binary.txt", folder / "binary.txt")
    lines = PAGE_000.read_text(encoding="utf-8").splitlines(keepends=True)[:TRUNCATED_LINES]
    (folder / "truncated.txt").write_text("".join(lines), encoding="utf-8")
    write_corpus(SYNTHETIC_PAGES, folder / "synthetic", seed=6, inconsistent_rate=0.3)
    set_old_mtimes(folder)
    return folder


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return build_pages(tmp_path / "pages")


def sorted_tables(out: Path) -> dict[str, list[dict[str, object]]]:
    """Every table of an output folder as rows, ordered by :data:`SORT_KEYS`."""
    tables: dict[str, pa.Table] = read_tables(out)
    return {
        name: table.sort_by([(key, "ascending") for key in SORT_KEYS[name]]).to_pylist()
        for name, table in tables.items()
    }


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a 2-worker LocalCluster on 127.0.0.1, started once per module."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address
