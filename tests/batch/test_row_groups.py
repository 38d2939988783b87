"""When a worker flushes a row group: by pages, by rows, by input bytes, and big pages alone."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ingest.batch import worker
from ingest.batch.worker import ChunkTask, ingest_chunk, row_group_full
from ingest.dataset.normalize import TableRows
from ingest.dataset.writer import make_table_dirs
from ingest.parse.api import parse_file_record
from tests.paths import CORPUS_PAGES, PAGE_000


def _rows(pages: int) -> TableRows:
    rows = TableRows()
    page = parse_file_record(PAGE_000)
    for _ in range(pages):
        rows.add_page(page)
    return rows


def test_a_row_group_is_full_at_its_page_count() -> None:
    rows = _rows(2)
    assert not row_group_full(rows, worker.PAGES_PER_ROW_GROUP - 1, 0)
    assert row_group_full(rows, worker.PAGES_PER_ROW_GROUP, 0)


def test_a_row_group_is_full_at_its_input_bytes() -> None:
    rows = _rows(1)
    assert not row_group_full(rows, 1, worker.BYTES_PER_ROW_GROUP - 1)
    assert row_group_full(rows, 1, worker.BYTES_PER_ROW_GROUP)


def test_a_row_group_is_full_at_its_row_count(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows(3)
    held = len(rows.features) + len(rows.capabilities)
    monkeypatch.setattr(worker, "ROWS_PER_ROW_GROUP", held + 1)
    assert not row_group_full(rows, 3, 0)
    monkeypatch.setattr(worker, "ROWS_PER_ROW_GROUP", held)
    assert row_group_full(rows, 3, 0)


def _row_groups(root: Path, paths: list[str]) -> int:
    make_table_dirs(root)
    ingest_chunk(ChunkTask(0, paths, str(root)))
    groups: int = pq.ParquetFile(root / "pages" / "part-00000.parquet").num_row_groups
    return groups


def test_a_chunk_is_one_row_group_under_every_limit(tmp_path: Path) -> None:
    paths = [str(path) for path in CORPUS_PAGES]
    assert _row_groups(tmp_path, paths) == 1


def test_a_big_page_gets_a_row_group_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_size = sorted(CORPUS_PAGES[:5], key=lambda path: path.stat().st_size)
    biggest = by_size[-1]
    assert biggest.stat().st_size > by_size[-2].stat().st_size
    monkeypatch.setattr(worker, "BIG_PAGE", biggest.stat().st_size)
    paths = [str(path) for path in [*by_size[:2], biggest, *by_size[2:4]]]
    assert _row_groups(tmp_path, paths) == 3  # the pages before it, it, those after it


def test_every_row_group_hands_arrows_freed_memory_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = worker.pa.default_memory_pool()
    released: list[str] = []

    class CountingPool:
        def release_unused(self) -> None:
            released.append(pool.backend_name)
            pool.release_unused()

    monkeypatch.setattr(worker.pa, "default_memory_pool", CountingPool)
    monkeypatch.setattr(worker, "PAGES_PER_ROW_GROUP", 2)
    assert _row_groups(tmp_path, [str(path) for path in CORPUS_PAGES[:5]]) == 3
    assert len(released) == 3  # after each of the three, however few rows it held
