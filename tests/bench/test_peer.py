"""The hand-written peer of ``make bench`` reads the pages ingest reads: same pages and features."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from ingest import ingest
from ingest.bench.peer import run_peer
from ingest.synth import write_corpus
from tests.paths import CORPUS

COUNTED = ("pages", "features", "subjects", "capabilities", "claims")


def _rows(out: Path, table: str) -> int:
    return pq.read_table(out / table).num_rows


def _same_counts(source: Path, tmp_path: Path) -> None:
    ingest([source], tmp_path / "ingest", jobs=1)
    pages, failed = run_peer([str(source)], tmp_path / "peer")
    assert failed == 0
    assert pages == _rows(tmp_path / "ingest", "pages")
    for table in COUNTED:
        assert _rows(tmp_path / "peer", table) == _rows(tmp_path / "ingest", table), table


def test_peer_counts_match_ingest_on_the_corpus(tmp_path: Path) -> None:
    _same_counts(CORPUS, tmp_path)


def test_peer_counts_match_ingest_on_500_synthetic_pages(tmp_path: Path) -> None:
    write_corpus(500, tmp_path / "pages", seed=0)
    _same_counts(tmp_path / "pages", tmp_path)


def test_peer_writes_every_table_folder(tmp_path: Path) -> None:
    run_peer([str(CORPUS)], tmp_path)
    for table in ("pages", "subjects", "features", "capabilities", "claims", "errors"):
        assert list((tmp_path / table).glob("part-*.parquet")), table
    assert _rows(tmp_path, "claims") > 0


def test_peer_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ingest.bench", "--peer", str(CORPUS), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("peer: 5 files, 0 failed in ")
    assert "pandas" not in done.stderr
