"""The drift part of ``make bench``: IG501 over a synthetic ``pages`` table, in a fresh process.

Parsing a million pages takes far longer than a benchmark may, and drift
only reads the ``pages`` table, so the table is written directly as Parquet
parts of :data:`PAGES_PER_PART` rows, the way a run's workers write it. Two
shapes: ``one`` (every page shows the same artifact, with a different Pricing
and capability count each time: the worst case of the old quadratic
algorithm, every page a finding) and ``distinct`` (every artifact on one page
only: no finding, the state that must not grow with the batch).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingest.dataset.schemas import PAGES, ingest_version
from ingest.page.format import SCHEMA_VERSION

PAGES_PER_PART = 1000
"""Rows per part file, as a worker writes them (one chunk)."""
SHAPES = ("one", "distinct")


def _numbered(prefix: str, numbers: pa.Array, suffix: str = "") -> pa.Array:
    text = pc.cast(numbers, pa.string())
    return pc.binary_join_element_wise(pa.scalar(prefix), text, pa.scalar(suffix), "")


def synthetic_pages(start: int, stop: int, shape: str) -> pa.Table:
    """Rows ``start..stop`` of the synthetic ``pages`` table of ``shape``."""
    numbers = pa.array(range(start, stop), pa.int64())
    count = stop - start

    def same(value: object, kind: pa.DataType) -> pa.Array:
        return pa.array([value] * count, kind)

    if shape == "one":
        subject_a = same("FLUX.1 Pro", pa.string())
        pricing_a = _numbered("$", numbers, "/month")
        declared_a = pc.cast(numbers, pa.int32())
    else:
        subject_a = _numbered("artifact-a-", numbers)
        pricing_a = same("Free", pa.string())
        declared_a = same(6, pa.int32())
    columns: dict[str, pa.Array] = {
        "page_id": _numbered("page-", numbers),
        "source_path": _numbered("synthetic/", numbers, ".txt"),
        "file_id": _numbered("file-", numbers),
        "status": same("ok", pa.string()),
        "title": same("A vs B", pa.string()),
        "subject_a": subject_a,
        "subject_b": _numbered("artifact-b-", numbers),
        "type_a": same("Model", pa.string()),
        "type_b": same("Model", pa.string()),
        "rank_a": pc.cast(pc.remainder(numbers, 101), pa.float64()),
        "rank_b": same(50.0, pa.float64()),
        "pricing_a": pricing_a,
        "pricing_b": same("Paid", pa.string()),
        "declared_a": declared_a,
        "declared_b": same(4, pa.int32()),
        "complete": same(True, pa.bool_()),
        "rank_line": same(5, pa.int32()),
        "pricing_line": same(6, pa.int32()),
        "capabilities_line": same(7, pa.int32()),
        "n_findings": same(0, pa.int32()),
        "schema_version": same(SCHEMA_VERSION, pa.string()),
        "ingest_version": same(ingest_version(), pa.string()),
    }
    arrays = [columns.get(field.name, pa.nulls(count, field.type)) for field in PAGES]
    return pa.Table.from_arrays(arrays, schema=PAGES)


def write_pages(folder: Path, pages: int, shape: str) -> list[Path]:
    """A synthetic ``pages`` table of ``pages`` rows as part files under ``folder``; the parts."""
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[Path] = []
    for index, start in enumerate(range(0, pages, PAGES_PER_PART)):
        part = folder / f"part-{index:05d}.parquet"
        table = synthetic_pages(start, min(pages, start + PAGES_PER_PART), shape)
        pq.write_table(table, part, row_group_size=500, compression="zstd")
        parts.append(part)
    return parts


_MEASURE = """
import resource, sys, time
from pathlib import Path
from ingest.dataset.drift import drift_from_files
from ingest.batch.worker import skip_pandas_probe

def peak_kb():
    # VmHWM is this process image's own peak; ru_maxrss would include the
    # parent's peak at fork (Linux keeps it across exec).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

skip_pandas_probe()
parts = sorted(Path(sys.argv[1]).glob("part-*.parquet"))
before = peak_kb()
started = time.perf_counter()
findings = drift_from_files(parts)
seconds = time.perf_counter() - started
after = peak_kb()
print(seconds, before, after, len(findings))
"""
"""Times ``drift_from_files`` over the parts of a folder in a process of its own.

Prints seconds, the peak RSS (KB, the process's own ``VmHWM``) before and
after the drift and the number of findings: the parent of a run does exactly
this after its workers end (and, like the ``ingest`` command, keeps pyarrow
from importing pandas)."""


@dataclass(frozen=True)
class DriftRun:
    """One drift measure: its time, the process's peak RSS and the findings found."""

    pages: int
    shape: str
    seconds: float
    base_rss_mb: float
    peak_rss_mb: float
    findings: int


def measure_drift(folder: Path, pages: int, shape: str, timeout: float | None = None) -> DriftRun:
    """Drift over the synthetic table in ``folder`` in a fresh process (``TimeoutExpired``)."""
    report = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    seconds, before, after, findings = report.stdout.split()
    return DriftRun(
        pages, shape, float(seconds), int(before) / 1024, int(after) / 1024, int(findings)
    )


def drift_cases(
    root: Path, cases: Sequence[tuple[int, str]], timeout: float | None = None
) -> list[DriftRun]:
    """Each ``(pages, shape)`` case written under ``root`` and measured, printed as a table."""
    print("\ndrift (IG501) over a synthetic pages table, one fresh process per case:", flush=True)
    print("| pages | artifacts | findings | drift seconds | RSS before | peak RSS |")
    print("|---:|---|---:|---:|---:|---:|", flush=True)
    runs: list[DriftRun] = []
    for pages, shape in cases:
        folder = root / f"drift-{shape}-{pages}"
        if not folder.is_dir():
            write_pages(folder, pages, shape)
        try:
            run = measure_drift(folder, pages, shape, timeout)
        except subprocess.TimeoutExpired:
            print(f"| {pages:,} | {shape} | - | over {timeout:.0f} s | - | - |", flush=True)
            continue
        runs.append(run)
        print(
            f"| {pages:,} | {shape} | {run.findings:,} | {run.seconds:.2f} | "
            f"{run.base_rss_mb:,.0f} MB | {run.peak_rss_mb:,.0f} MB |",
            flush=True,
        )
    return runs
