"""Incremental re-ingest: parse only the inputs that are new or changed since OUT was written.

An incremental run keeps, beside OUT's manifest, the content hash (sha256:
the ``page_id``), size and mtime of every input in ``OUT/_inputs.parquet``.
The next run stats every input: a file with the size and mtime on record
keeps its hash (like git's index, a file modified within two seconds of the
snapshot is hashed again anyway); any other is read and hashed. Files whose
hash is unchanged keep their rows (see :mod:`ingest.batch.incremental.carry`);
only new and changed files are parsed. This module decides which is which.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.batch.incremental.verify import damage
from ingest.dataset.manifest import INDEX_NAME as INDEX_NAME
from ingest.dataset.manifest import (
    IncrementalCounts,
    Manifest,
    NotAnOutputError,
    read_manifest,
)
from ingest.dataset.schemas import ingest_version
from ingest.dataset.writer import PART_GLOB
from ingest.errors import ParseError
from ingest.page.format import SCHEMA_VERSION
from ingest.parse.reader import printable_path, read_input

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


@dataclass(frozen=True)
class Snapshot:
    """Every input's printable path, size and mtime, taken before any of them is read."""

    shown: list[str]
    size: list[int | None]
    mtime_ns: list[int | None]
    taken_ns: int


def take_snapshot(files: Sequence[str]) -> Snapshot:
    """Stat every input now, before any is read: a file changed later differs from its record."""
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
    for piece in read_parts(part_files(target, "pages"), ("source_path", "page_id")):
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
    """The manifest of the OUT being replaced, if there is one."""
    try:
        return read_manifest(target)
    except NotAnOutputError:
        return None


def _stats_hold(
    size: int | None, mtime_ns: int | None, snapshot: Snapshot, position: int, taken: int
) -> bool:
    """The input at ``position`` has the recorded size and mtime, and had them well before
    the previous snapshot (``taken``): its recorded hash still holds, unread."""
    mtime = snapshot.mtime_ns[position]
    return (
        mtime is not None
        and size == snapshot.size[position]
        and mtime_ns == mtime
        and mtime < taken - RACY_NS
    )


def _sort_inputs(
    plan: Plan,
    files: Sequence[str],
    known: dict[str, _Known],
    taken: int,
    max_bytes: int,
    outside: Collection[str],
) -> IncrementalCounts:
    """Put each new or changed input in ``plan.reparse`` (a changed one's rows, and those of
    the inputs deleted since, in ``plan.drop``); ``known`` is used up. Returns the counts."""
    snapshot = plan.snapshot
    new = changed = unchanged = hashed = 0
    for position, path in enumerate(files):
        shown = snapshot.shown[position]
        before = known.pop(shown, None)
        if before is None:
            new += 1
            plan.reparse.append(path)
            continue
        page_id, size, mtime_ns = before
        same = page_id is not None and path not in outside
        if same and not _stats_hold(size, mtime_ns, snapshot, position, taken):
            hashed += 1
            same = content_hash(path, max_bytes) == page_id
        if same:
            unchanged += 1
        else:
            changed += 1
            plan.reparse.append(path)
            plan.drop.add(shown)
    plan.drop.update(known)  # deleted since the previous run
    return IncrementalCounts(
        new=new, changed=changed, unchanged=unchanged, deleted=len(known), hashed=hashed
    )


def plan_run(
    files: Sequence[str],
    target: Path,
    max_bytes: int,
    inputs: Sequence[str] = (),
    glob: str = "",
    outside: Collection[str] = frozenset(),
) -> Plan:
    """Compare the inputs with what ``target`` was made from: what to parse and what to drop.

    ``inputs`` (printable) and ``glob`` are the run's; when they are the
    previous run's too and no file changed, the previous drift findings hold.
    ``outside`` (symlinks leaving the inputs) are always parsed again, never
    read here: a row a ``--follow-symlinks`` run made of them is not carried.
    """
    snapshot = take_snapshot(files)
    if len(set(snapshot.shown)) != len(files):
        return _full(files, snapshot, "two inputs have the same printable path")
    manifest = _previous(target)
    reason = _incompatible(manifest, max_bytes)
    if manifest is None or reason is not None:
        return _full(files, snapshot, reason or "no previous output")
    damaged = damage(target, manifest)
    if damaged is not None:
        return _full(files, snapshot, f"previous output damaged ({damaged})")
    known, taken = _known(target)
    plan = Plan(snapshot, previous=target, before=manifest)
    plan.counts = _sort_inputs(plan, files, known, taken, max_bytes, outside)
    plan.same_batch = (
        not plan.reparse
        and not plan.drop
        and manifest.inputs == tuple(inputs)
        and manifest.glob == glob
    )
    return plan


def read_parquet(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """One Parquet file (``pq.read_table`` would import pyarrow.dataset and pandas: 0.3 s)."""
    return pq.ParquetFile(path).read(columns=None if columns is None else list(columns))


def part_files(root: Path, table: str) -> list[Path]:
    """The part files of one table of an output folder, in order."""
    return sorted((root / table).glob(PART_GLOB))


def read_parts(parts: Sequence[Path], columns: Sequence[str]) -> Iterator[pa.Table]:
    """Some columns of each part file, one file at a time."""
    for part in parts:
        yield read_parquet(part, columns)
