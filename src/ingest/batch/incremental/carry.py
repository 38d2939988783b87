"""Incremental re-ingest, the output side: the previous OUT's valid rows carried into the new one.

Part files whose input files are all unchanged are hard-linked into the new
OUT (copied where links are not possible); the others are filtered one row
group at a time, so memory stays flat. Drift (IG501) is computed again over
the whole batch, in the order a full run would read the pages, so that the
output equals a full run's; for the very same batch the previous drift
findings and input index are linked as they are.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.batch.incremental.plan import (
    INDEX,
    INDEX_NAME,
    SNAPSHOT_KEY,
    Plan,
    part_files,
    read_parquet,
    read_parts,
)
from ingest.dataset.drift import drift_from_pages, drifting_rows, read_pieces
from ingest.dataset.schemas import SCHEMAS, STATUSES, TABLES
from ingest.dataset.writer import PART_GLOB, PartWriter, part_name
from ingest.page.findings import Finding

DRIFT_PART = "part-drift.parquet"
"""The batch-level findings (IG501) that :mod:`ingest.batch.run` writes."""
_PART = re.compile(r"part-(\d+)\.parquet")
_KEYS: dict[str, str] = {}
"""The column naming a row's input file, where it is not ``source_path`` (none since schema 2)."""


def _link(source: Path, dest: Path) -> None:
    """``dest`` as a hard link to ``source`` (parts are never modified), else a copy."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def _carry_part(source: Path, root: Path, table: str, index: int, drop: set[str]) -> int:
    """Rows of one previous part file not in ``drop``, as part ``index``; returns their number."""
    import pyarrow.compute as pc  # only where rows are filtered: it costs 50 ms to import

    parts = pq.ParquetFile(source)
    key = _KEYS.get(table, "source_path")
    present = set(pc.unique(parts.read(columns=[key]).column(key)).to_pylist()) if drop else set()
    gone = present & drop
    if not gone:
        _link(source, root / table / part_name(index))
        return int(parts.metadata.num_rows)
    if gone == present:
        return 0
    value_set = pa.array(sorted(gone), pa.string())
    with PartWriter(root, index) as writer:
        for group in range(parts.num_row_groups):
            rows = parts.read_row_group(group)
            kept = rows.filter(pc.invert(pc.is_in(rows.column(key), value_set=value_set)))
            writer.write({table: kept.cast(SCHEMAS[table])})
    return writer.rows[table]


def _part_indexes(previous: Path) -> list[int]:
    """The chunk numbers of the previous OUT's part files (``part-00007.parquet`` -> 7)."""
    found: set[int] = set()
    for table in TABLES:
        for part in (previous / table).glob(PART_GLOB):
            match = _PART.fullmatch(part.name)
            if match:
                found.add(int(match.group(1)))
    return sorted(found)


def carry_over(plan: Plan, root: Path) -> tuple[int, dict[str, int]]:
    """Put the previous OUT's rows that are still valid under ``root``.

    Chunk parts keep their order and are numbered from 0; the batch-level
    drift part is not among them (see :func:`carry_drift`). Returns the first
    free chunk index and the rows carried per table.
    """
    rows = dict.fromkeys(TABLES, 0)
    if plan.previous is None or plan.before is None:
        return 0, rows
    indexes = _part_indexes(plan.previous)
    for new, old in enumerate(indexes):
        for table in TABLES:
            source = plan.previous / table / part_name(old)
            if not source.is_file():
                continue
            if plan.drop:
                rows[table] += _carry_part(source, root, table, new, plan.drop)
            else:
                _link(source, root / table / part_name(new))
    if not plan.drop:  # every chunk part carried whole: the previous counts hold
        rows = dict(plan.before.tables)
        rows["findings"] -= _rows(plan.previous / "findings" / DRIFT_PART)
        rows["artifacts"] = 0  # rebuilt from the subjects by every run
    return len(indexes), rows


def _rows(part: Path) -> int:
    """Rows of a part file (from its footer), 0 if there is none."""
    return int(pq.ParquetFile(part).metadata.num_rows) if part.is_file() else 0


def carried_status(plan: Plan, pages: Sequence[Path]) -> dict[str, int]:
    """Pages per status: the previous run's for the same batch, else counted in ``pages``."""
    if plan.same_batch and plan.before is not None:
        return dataclasses.asdict(plan.before.status)
    counts = dict.fromkeys(STATUSES, 0)
    for part in pages:
        column = read_parquet(part, ["status"]).column("status")
        for pair in column.value_counts().to_pylist():
            counts[pair["values"]] += pair["counts"]
    return counts


def carry_drift(plan: Plan, root: Path) -> int | None:
    """Link the previous drift findings into ``root`` when they still hold; their rows, or None.

    They hold when the batch is the same files in the same order
    (:attr:`Plan.same_batch`); otherwise drift is computed again.
    """
    if plan.previous is None or not plan.same_batch:
        return None
    source = plan.previous / "findings" / DRIFT_PART
    if not source.is_file():
        return 0
    _link(source, root / "findings" / DRIFT_PART)
    return _rows(source)


def drift_in_order(parts: Sequence[Path], shown: Sequence[str]) -> list[Finding]:
    """IG501 over ``pages`` parts whose rows are not in discovery order, as a full run finds it.

    A drift message names the first pages that show another figure, so the
    facts must come in the order a full run reads them (``shown``, the
    printable input paths in discovery order): the pages of drifting
    artifacts are picked out of the parts and put in that order first.
    """
    picked = list(drifting_rows(*read_pieces(parts)))
    if not picked:
        return []
    table = pa.concat_tables(picked)
    paths = table.column("source_path").to_pylist()
    needed = set(paths)
    position = {path: index for index, path in enumerate(shown) if path in needed}
    order = sorted(range(len(paths)), key=lambda row: position[paths[row]])
    return drift_from_pages(table.take(pa.array(order, pa.int64())))


def write_index(root: Path, plan: Plan) -> None:
    """``root/_inputs.parquet``: the snapshot's stats with each input's ``page_id`` from pages.

    When the batch is the same and every file's record was trusted, the
    previous index still says everything and is linked instead (building
    Arrow arrays from Python objects imports pandas, a fifth of a second).
    """
    previous = None if plan.previous is None else plan.previous / INDEX_NAME
    if previous is not None and previous.is_file() and plan.same_batch and not plan.counts.hashed:
        _link(previous, root / INDEX_NAME)
        return
    import pyarrow.compute as pc

    snapshot = plan.snapshot
    ids = pa.concat_tables(list(read_parts(part_files(root, "pages"), ("source_path", "page_id"))))
    shown = pa.array(snapshot.shown, pa.string())
    rows = pc.index_in(shown, value_set=ids.column("source_path"))
    index = pa.table(
        {
            "source_path": shown,
            "page_id": ids.column("page_id").take(rows),
            "size": pa.array(snapshot.size, pa.int64()),
            "mtime_ns": pa.array(snapshot.mtime_ns, pa.int64()),
        },
        schema=INDEX,
    )
    metadata = {SNAPSHOT_KEY: str(snapshot.taken_ns).encode()}
    pq.write_table(index.replace_schema_metadata(metadata), root / INDEX_NAME)
