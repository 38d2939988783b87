"""The two passes over the whole batch that end a run: drift (IG501) and ``artifacts``.

Each reads the part files the chunks wrote and writes its own, so neither needs
the other, nor anything the parent holds: they run as two engine tasks, side by
side on workers that are already up (they are the tail of a ``--jobs 2`` run,
where nothing else runs), else one after the other in this process. Each hands
Arrow's freed memory back when it is done, as a worker does after a row group.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyarrow as pa

from ingest.dataset.artifacts import write_artifacts
from ingest.dataset.drift import drift_from_files
from ingest.dataset.normalize import findings_table
from ingest.dataset.writer import write_part
from ingest.page.findings import Finding

Pass = Literal["drift", "artifacts"]


@dataclass(frozen=True)
class FinishTask:
    """One end pass over the dataset being written under ``root``.

    ``pages``: the ``pages`` part files (drift reads them); ``rows``: the rows the
    run counted in the table the pass reads (``pages`` for drift, ``subjects`` for
    artifacts; they size its buckets); ``key_by``: how artifacts are told apart.
    """

    name: Pass
    root: str
    pages: tuple[str, ...]
    rows: int
    key_by: str


def write_drift_findings(root: Path, drift: list[Finding]) -> int:
    """``drift`` into ``findings/part-drift.parquet`` (no file when empty); returns its rows."""
    if drift:
        write_part(root, "findings", "drift", findings_table(drift))
    return len(drift)


def write_drift(root: Path, pages: list[Path], rows: int) -> int:
    """IG501 over the whole batch into ``findings/part-drift.parquet``; returns its rows."""
    return write_drift_findings(root, drift_from_files(pages, rows))


def finish(task: FinishTask) -> tuple[Pass, int]:
    """Run ``task``'s pass: its name and the rows it wrote."""
    root = Path(task.root)
    try:
        if task.name == "drift":
            return task.name, write_drift(root, [Path(p) for p in task.pages], task.rows)
        return task.name, write_artifacts(root, task.key_by, task.rows)
    finally:
        pa.default_memory_pool().release_unused()
