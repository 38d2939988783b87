"""``--incremental``: a re-run parses only new and changed files and equals a full run."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

import ingest
from ingest.batch.incremental.plan import INDEX_NAME
from ingest.cli import main
from ingest.dataset.manifest import IncrementalCounts, read_manifest
from tests.batch.conftest import CORPUS, PAGE_000
from tests.scale.conftest import FIXTURES, SYNTHETIC_PAGES, sorted_tables

FILES = SYNTHETIC_PAGES + 9
LATER_MTIME_NS = 1_700_000_000 * 10**9
"""2023-11-14: a new mtime for the files a test edits, still long before the run."""


def _edit(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.utime(path, ns=(LATER_MTIME_NS, LATER_MTIME_NS))


def test_unchanged_rerun_parses_nothing_and_writes_the_same_tables(
    pages: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = ingest.ingest([pages], out, jobs=2, incremental=True)
    assert first.incremental == IncrementalCounts(new=FILES, full_reason="no previous output")
    before = sorted_tables(out)
    again = ingest.ingest([pages], out, jobs=2, incremental=True)
    assert again.incremental == IncrementalCounts(unchanged=FILES)
    assert (again.status, again.tables) == (first.status, first.tables)
    assert sorted_tables(out) == before


def test_rerun_after_adding_changing_and_deleting_equals_a_full_run(
    pages: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, jobs=2, incremental=True)  # three chunks
    _edit(pages / PAGE_000.name, (FIXTURES / "rorshark_at_43.txt").read_bytes())  # drift
    _edit(pages / "synthetic" / "000" / "page_000150.txt", b"")  # a page becomes a failure
    (pages / "003_b7000c482674d1d3.txt").unlink()
    (pages / "synthetic" / "000" / "page_000007.txt").unlink()
    shutil.copy(CORPUS / "003_b7000c482674d1d3.txt", pages / "synthetic" / "moved.txt")
    touched = pages / "synthetic" / "000" / "page_000200.txt"
    _edit(touched, touched.read_bytes())  # a new mtime, the same bytes: kept

    again = ingest.ingest([pages], out, jobs=2, incremental=True)

    assert again.incremental == IncrementalCounts(
        new=1, changed=2, unchanged=FILES - 4, deleted=2, hashed=3
    )
    full = ingest.ingest([pages], tmp_path / "full", jobs=1)
    assert (again.files, again.status, again.tables) == (full.files, full.status, full.tables)
    assert sorted_tables(out) == sorted_tables(tmp_path / "full")


def test_drift_messages_name_pages_in_the_order_of_a_full_run(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, jobs=1, incremental=True)
    # The first page in discovery order is parsed again, into the last part file.
    _edit(pages / PAGE_000.name, (FIXTURES / "rorshark_at_43.txt").read_bytes())
    ingest.ingest([pages], out, jobs=1, incremental=True)
    findings = ingest.load(out)["findings"]
    flux = findings[
        (findings.code == "IG501") & findings.source_path.str.endswith("flux_at_60.txt")
    ]
    assert list(flux.message) == [
        f"FLUX.1 Pro (Model) differs across pages: UnfragileRank 60/100 here, but 58/100 on "
        f"{pages / PAGE_000.name} (+4 more pages)"
    ]


def test_a_plain_output_is_reused_by_hashing_every_file(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, jobs=2)
    manifest = ingest.ingest([pages], out, jobs=2, incremental=True)
    assert manifest.incremental == IncrementalCounts(unchanged=FILES, hashed=FILES)


def test_a_file_modified_around_the_snapshot_is_hashed_again(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    recent = pages / PAGE_000.name
    now = time.time_ns()
    os.utime(recent, ns=(now, now))  # may still change within the mtime's granularity
    ingest.ingest([pages], out, jobs=1, incremental=True)
    again = ingest.ingest([pages], out, jobs=1, incremental=True)
    assert again.incremental == IncrementalCounts(unchanged=FILES, hashed=1)


def test_the_index_records_hash_size_and_mtime_of_every_input(pages: Path, tmp_path: Path) -> None:
    ingest.ingest([pages], tmp_path / "out", jobs=1, incremental=True)
    index = pq.read_table(tmp_path / "out" / INDEX_NAME).to_pylist()
    assert len(index) == FILES
    row = next(r for r in index if r["source_path"] == str(pages / PAGE_000.name))
    assert row == {
        "source_path": str(pages / PAGE_000.name),
        "page_id": ingest.parse_file(PAGE_000).page_id,
        "size": PAGE_000.stat().st_size,
        "mtime_ns": 1_600_000_000 * 10**9,
    }


def test_another_max_bytes_parses_everything_again(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, jobs=1, incremental=True)
    manifest = ingest.ingest([pages], out, jobs=1, incremental=True, max_bytes=10_000_000)
    assert manifest.incremental == IncrementalCounts(
        new=FILES, full_reason="previous output read files of at most 5000000 bytes"
    )


def test_an_output_of_another_ingest_version_is_not_reused(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, jobs=1, incremental=True)
    written = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    written["ingest_version"] = "0.0.1"
    (out / "_manifest.json").write_text(json.dumps(written), encoding="utf-8")
    manifest = ingest.ingest([pages], out, jobs=1, incremental=True)
    assert manifest.incremental is not None
    assert manifest.incremental.full_reason == "previous output written by ingest 0.0.1"


def test_files_too_large_to_read_are_tried_again(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (pages / "large.txt").write_bytes(PAGE_000.read_bytes() * 4)  # 32 KB, and synthetic ones
    large = sum(1 for path in pages.rglob("*.txt") if path.stat().st_size > 15_000)
    assert large >= 1
    ingest.ingest([pages], out, jobs=1, incremental=True, max_bytes=15_000)
    manifest = ingest.ingest([pages], out, jobs=1, incremental=True, max_bytes=15_000)
    # Files too large are failed without being read (no hash): tried again every run.
    assert manifest.incremental == IncrementalCounts(changed=large, unchanged=FILES + 1 - large)
    assert manifest.status.failed == 2 + large


def test_parse_incremental_prints_what_it_parsed_and_kept(pages: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    runner = CliRunner()
    assert runner.invoke(main, ["parse", str(pages), "-o", out, "--incremental"]).exit_code == 1
    first = read_manifest(out).status
    assert first.failed == 2
    (pages / "empty.txt").unlink()
    (pages / "binary.txt").unlink()
    result = runner.invoke(main, ["parse", str(pages), "-o", out, "--incremental", "-q"])
    assert result.exit_code == 1  # the truncated page is partial
    assert result.output.startswith(
        f"{FILES - 2} files: {first.ok} ok, {first.partial} partial, 0 failed in "
    )
    assert result.output.endswith(
        f"; parsed 0 (0 new, 0 changed), kept {FILES - 2}, dropped 2 -> {out}\n"
    )
    assert read_manifest(out).tables["errors"] == 0
