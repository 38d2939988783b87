"""Incremental re-ingest: parse only the inputs that are new or changed since OUT was written.

An incremental run keeps, beside OUT's manifest, the content hash (sha256:
the ``page_id``), size and mtime of every input in ``OUT/_inputs.parquet``.
The next run stats every input: a file with the size and mtime on record
keeps its hash (like git's index, a file modified within two seconds of the
snapshot is hashed again anyway); any other is read and hashed. Files whose
hash is unchanged keep their rows: the previous part files are hard-linked
into the new OUT, or filtered one row group at a time where some of their
files changed or went away. Only new and changed files are parsed, and drift
(IG501) is computed again over the whole batch, in the order a full run
would see the pages, so the output equals a full run's.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.batch_drift import (
    FIGURE_COLUMNS,
    LOCATION_COLUMNS,
    drift_from_pages,
    drifting_artifacts,
)
from ingest.errors import ParseError
from ingest.findings import Finding
from ingest.manifest import IncrementalCounts, Manifest, NotAnOutputError, read_manifest
from ingest.models import SCHEMA_VERSION
from ingest.reader import printable_path, read_input
from ingest.schemas import SCHEMAS, STATUSES, TABLES, ingest_version
from ingest.writer import PartWriter, part_name

INDEX_NAME = "_inputs.parquet"
"""Beside ``_manifest.json``: one row per input of an incremental run."""

INDEX = pa.schema(
    [
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("page_id", pa.string()),
        pa.field("size", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
    ]
)
SNAPSHOT_KEY = b"ingest.snapshot_ns"
"""Index metadata: when the inputs were stat'ed (ns since the epoch)."""

RACY_NS = 2_000_000_000
"""A file modified this close to (or after) a snapshot may change again unseen: re-hash it."""

DRIFT_PART = "part-drift.parquet"
"""The batch-level findings (IG501) that :mod:`ingest.batch` writes."""
_PART = re.compile(r"part-(\d+)\.parquet")
_KEYS = {"findings": "path"}
"""The column naming a row's input file, where it is not ``source_path``."""


@dataclass(frozen=True)
class Snapshot:
    """Every input's printable path, size and mtime, taken before any of them is read."""

    shown: list[str]
    size: list[int | None]
    mtime_ns: list[int | None]
    taken_ns: int


def take_snapshot(files: Sequence[str]) -> Snapshot:
    taken = time.time_ns()
    sizes: list[int | None] = []
    mtimes: list[int | None] = []
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            sizes.append(None)
            mtimes.append(None)
            continue
        sizes.append(info.st_size)
        mtimes.append(info.st_mtime_ns)
    return Snapshot([printable_path(p) for p in files], sizes, mtimes, taken)


@dataclass
class Plan:
    """What an incremental run parses, and which previous rows it drops."""

    snapshot: Snapshot
    reparse: list[str] = field(default_factory=list)
    """The input paths to parse (new, changed, or never read), in discovery order."""
    drop: set[str] = field(default_factory=set)
    """Printable paths whose previous rows are not carried over (changed or deleted)."""
    previous: Path | None = None
    """The OUT to carry rows from; None for a full run."""
    before: Manifest | None = None
    """Its manifest."""
    counts: IncrementalCounts = field(default_factory=IncrementalCounts)
    same_batch: bool = False
    """Nothing to parse or drop, and the same input paths and glob: the previous drift holds."""


_Known = tuple[str | None, int | None, int | None]
"""What the previous run recorded of an input: its page_id, size and mtime."""


def _full(files: Sequence[str], snapshot: Snapshot, reason: str) -> Plan:
    counts = IncrementalCounts(new=len(files), full_reason=reason)
    return Plan(snapshot, list(files), counts=counts)


def _incompatible(manifest: Manifest | None, max_bytes: int) -> str | None:
    """Why the previous OUT cannot be carried over, or None if it can."""
    if manifest is None:
        return "no previous output"
    if manifest.ingest_version != ingest_version():
        return f"previous output written by ingest {manifest.ingest_version}"
    if manifest.schema_version != SCHEMA_VERSION:
        return f"previous output has schema version {manifest.schema_version}"
    if manifest.max_bytes != max_bytes:
        return f"previous output read files of at most {manifest.max_bytes} bytes"
    return None


def _known(target: Path) -> tuple[dict[str, _Known], int]:
    """What the previous run knew of each input, and when it took its snapshot (0: never)."""
    index = target / INDEX_NAME
    if index.is_file():
        table = read_parquet(index)
        taken = int((table.schema.metadata or {}).get(SNAPSHOT_KEY, b"0"))
        columns = table.to_pydict()
        records = zip(columns["page_id"], columns["size"], columns["mtime_ns"], strict=True)
        return dict(zip(columns["source_path"], records, strict=True)), taken
    # An OUT of a run that was not incremental: its pages hold the hashes, not the stats.
    known: dict[str, _Known] = {}
    for piece in _read_parts(_parts(target, "pages"), ("source_path", "page_id")):
        pairs = zip(piece["source_path"].to_pylist(), piece["page_id"].to_pylist(), strict=True)
        known.update((path, (page, None, None)) for path, page in pairs)
    return known, 0


def content_hash(path: str, max_bytes: int) -> str | None:
    """The sha256 a run would record as the file's ``page_id`` (None if it cannot be read)."""
    try:
        return hashlib.sha256(read_input(path, max_bytes)).hexdigest()
    except ParseError:
        return None


def _previous(target: Path) -> Manifest | None:
    try:
        return read_manifest(target)
    except NotAnOutputError:
        return None


def plan_run(
    files: Sequence[str],
    target: Path,
    max_bytes: int,
    inputs: Sequence[str] = (),
    glob: str = "",
) -> Plan:
    """Compare the inputs with what ``target`` was made from: what to parse and what to drop.

    ``inputs`` (printable) and ``glob`` are the run's; when they are the
    previous run's too and no file changed, the previous drift findings hold.
    """
    snapshot = take_snapshot(files)
    if len(set(snapshot.shown)) != len(files):
        return _full(files, snapshot, "two inputs have the same printable path")
    manifest = _previous(target)
    reason = _incompatible(manifest, max_bytes)
    if manifest is None or reason is not None:
        return _full(files, snapshot, reason or "no previous output")
    known, taken = _known(target)
    plan = Plan(snapshot, previous=target, before=manifest)
    new = changed = unchanged = hashed = 0
    for position, path in enumerate(files):
        shown = snapshot.shown[position]
        before = known.pop(shown, None)
        if before is None:
            new += 1
            plan.reparse.append(path)
            continue
        page_id, size, mtime_ns = before
        same = page_id is not None
        mtime = snapshot.mtime_ns[position]
        trusted = (
            mtime is not None
            and size == snapshot.size[position]
            and mtime_ns == mtime
            and mtime < taken - RACY_NS
        )
        if same and not trusted:
            hashed += 1
            same = content_hash(path, max_bytes) == page_id
        if same:
            unchanged += 1
        else:
            changed += 1
            plan.reparse.append(path)
            plan.drop.add(shown)
    plan.drop.update(known)  # deleted since the previous run
    plan.counts = IncrementalCounts(
        new=new, changed=changed, unchanged=unchanged, deleted=len(known), hashed=hashed
    )
    plan.same_batch = (
        not plan.reparse
        and not plan.drop
        and manifest.inputs == tuple(inputs)
        and manifest.glob == glob
    )
    return plan


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
    found: set[int] = set()
    for table in TABLES:
        for part in (previous / table).glob("part-*.parquet"):
            match = _PART.fullmatch(part.name)
            if match:
                found.add(int(match.group(1)))
    return sorted(found)


def carry_over(plan: Plan, root: Path) -> tuple[int, dict[str, int]]:
    """Put the previous OUT's rows that are still valid under ``root``.

    Chunk parts keep their order and are numbered from 0; the batch-level
    drift part is left behind (drift is computed again). Returns the first
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
    return len(indexes), rows


def _rows(part: Path) -> int:
    return int(pq.ParquetFile(part).metadata.num_rows) if part.is_file() else 0


def carried_status(plan: Plan, pages: Sequence[Path]) -> dict[str, int]:
    """Pages per status: the previous run's for the same batch, else counted in ``pages``."""
    if plan.same_batch and plan.before is not None:
        return plan.before.status.model_dump()
    counts = dict.fromkeys(STATUSES, 0)
    for part in pages:
        column = read_parquet(part, ["status"]).column("status")
        for pair in column.value_counts().to_pylist():
            counts[pair["values"]] += pair["counts"]
    return counts


def read_parquet(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """One Parquet file (``pq.read_table`` would import pyarrow.dataset and pandas: 0.3 s)."""
    return pq.ParquetFile(path).read(columns=None if columns is None else list(columns))


def _parts(root: Path, table: str) -> list[Path]:
    return sorted((root / table).glob("part-*.parquet"))


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


def _read_parts(parts: Sequence[Path], columns: Sequence[str]) -> Iterator[pa.Table]:
    for part in parts:
        yield read_parquet(part, columns)


def drift_in_order(parts: Sequence[Path], shown: Sequence[str]) -> list[Finding]:
    """IG501 over ``pages`` parts whose rows are not in discovery order, as a full run finds it.

    A drift message names the first pages that show another figure, so the
    facts must come in the order a full run reads them (``shown``, the
    printable input paths in discovery order): the pages of drifting
    artifacts are picked out of the parts and put in that order first.
    """
    drifting = drifting_artifacts(lambda columns: _read_parts(parts, columns))
    if not drifting:
        return []
    columns = ("status", *FIGURE_COLUMNS, *LOCATION_COLUMNS)
    picked: list[pa.Table] = []
    for piece in _read_parts(parts, columns):
        sides = zip(*(piece.column(c).to_pylist() for c in FIGURE_COLUMNS[:4]), strict=True)
        mask = [(a, ta) in drifting or (b, tb) in drifting for a, b, ta, tb in sides]
        picked.append(piece.filter(pa.array(mask, pa.bool_())))
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

    ids = pa.concat_tables(list(_read_parts(_parts(root, "pages"), ("source_path", "page_id"))))
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
