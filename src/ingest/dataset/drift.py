"""IG501 across a batch, computed from the ``pages`` table at the end of a run.

Workers never see each other's pages, so artifact drift (one artifact showing
different figures on different pages) is found once, from columns the
``pages`` table already holds, in two streaming passes over it, with Arrow
kernels rather than Python objects per page, in time linear in the pages:

1. the table is read :data:`BUCKET_ROWS` sides (two a page) at a time and
   grouped by artifact (one key string of name and Type) into the smallest
   and largest value of each figure; those groups are grouped again, and an
   artifact whose smallest and largest value of a figure differ drifts. A
   table of more than twice that many sides spills the groups to temporary
   files, one per hash bucket of the key, and groups each file on its own, so
   memory stays flat whatever the batch size (1M pages of distinct artifacts
   take no more than 100k);
2. only the rows of drifting artifacts become facts for
   :func:`ingest.rules.drift_findings`, in table order, which decides the
   findings: the first pass only picks the rows worth looking at.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingest.page.findings import Finding
from ingest.rules import ArtifactFacts, drift_findings

FIGURE_COLUMNS = tuple(
    f"{name}_{side}" for name in ("subject", "type", "rank", "pricing", "declared") for side in "ab"
)
LOCATION_COLUMNS = ("page_id", "source_path", "rank_line", "pricing_line", "capabilities_line")
FIGURES = ("rank", "pricing", "declared")
"""What must agree between pages: UnfragileRank, Pricing and the declared capability count."""
BUCKET_ROWS = 25_000
"""Sides (two a page) grouped by artifact at a time. A table of more than
:data:`SPILL_FACTOR` times this many sides is spilled to temporary files, one per hash
bucket of about this many artifacts, and each bucket is grouped on its own: memory stays
flat whatever the batch size. At 50,000 (and spilling past 50,000 sides), drift peaked at
197 MB over 100k pages and 224 MB over 1M (4.7 s); at 25,000, 176 and 173 MB (5.7 s)."""
SPILL_FACTOR = 2
"""A table of at most ``SPILL_FACTOR * BUCKET_ROWS`` sides is grouped in memory, unspilled:
a 20,000-page run (40,000 sides) spills nothing. Spilling it to four buckets cost ~2 µs a
page in drift and again in the ``artifacts`` table."""
MAX_BUCKETS = 256
"""Files open at once while spilling; past ``MAX_BUCKETS * BUCKET_ROWS`` sides buckets grow."""
HASH_ROWS = 4096
"""Keys hashed at a time (the hash's working arrays are eight bytes per character)."""
BATCH_ROWS = 10_000
"""Rows of a part file read at a time."""

Key = tuple[str, str | None]
"""An artifact: its name and its Type (how ``drift_findings`` groups facts)."""

Pieces = Callable[[Sequence[str]], Iterator[pa.Table]]
"""Yields the ``pages`` table piece by piece, in order, with only the given columns."""

_NULL, _VALUE, _SEPARATOR = "\x01", "\x02", "\x00"
"""Key strings: each part marked null or not, joined by NUL (a read page never holds one;
were two artifacts to share a key, the first pass would only pick more rows)."""
_POWERS = np.array([pow(0x100000001B3, i, 2**64) for i in range(64)], dtype=np.uint64)


def _marked(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    joined = pc.binary_join_element_wise(_VALUE, column, "")
    return pc.fill_null(joined, _NULL)


def artifact_keys(piece: pa.Table, side: str) -> pa.ChunkedArray | pa.Array:
    """One string per row naming the artifact of ``side`` (its name and Type, nulls kept apart)."""
    subject = _marked(piece.column(f"subject_{side}"))
    kind = _marked(piece.column(f"type_{side}"))
    return pc.binary_join_element_wise(subject, kind, _SEPARATOR)


def _key(text: str) -> Key:
    subject, kind = text.split(_SEPARATOR, 1)
    return subject[1:], None if kind == _NULL else kind[1:]


def _stacked(piece: pa.Table) -> pa.Table:
    """``key`` and the figures of both sides of the parsed pages of a piece, one row a side."""
    parsed = piece.filter(pc.not_equal(piece.column("status"), "failed"))
    sides = [
        pa.table(
            [artifact_keys(parsed, side), *(parsed.column(f"{f}_{side}") for f in FIGURES)],
            names=["key", *FIGURES],
        )
        for side in "ab"
    ]
    return pa.concat_tables(sides)


_RANGES = [f"{figure}_{how}" for figure in FIGURES for how in ("min", "max")]


def _grouped(stacked: pa.Table) -> pa.Table:
    """One row per artifact: ``key`` and the smallest and largest value of each figure."""
    aggregates = [(figure, how) for figure in FIGURES for how in ("min", "max")]
    return stacked.group_by("key", use_threads=False).aggregate(aggregates)


def _merged(groups: pa.Table) -> pa.Table:
    """Groups of several gatherings (the same artifact in more than one) as one per artifact."""
    aggregates = [(name, name[-3:]) for name in _RANGES]
    merged = groups.group_by("key", use_threads=False).aggregate(aggregates)
    return merged.rename_columns(["key", *_RANGES])


def _gathered(pieces: Iterator[pa.Table]) -> Iterator[pa.Table]:
    """The pieces grouped by artifact, at most about :data:`BUCKET_ROWS` sides at a time.

    Pieces are joined before their keys are built: a few kernel calls per gathering
    rather than per piece (~0.7 µs a page for a 20,000-page run of 1,000-row pieces).
    """
    pending: list[pa.Table] = []
    gathered = 0
    for piece in pieces:
        pending.append(piece)
        gathered += 2 * piece.num_rows
        if gathered >= BUCKET_ROWS:
            yield _grouped(_stacked(pa.concat_tables(pending)))
            pending, gathered = [], 0
    if pending:
        yield _grouped(_stacked(pa.concat_tables(pending)))


def _drifting_keys(groups: pa.Table) -> list[str]:
    """Merge groups and keep the keys whose smallest and largest value of a figure differ."""
    merged = _merged(groups)
    differs = [
        pc.fill_null(pc.not_equal(merged.column(f"{f}_min"), merged.column(f"{f}_max")), False)
        for f in FIGURES
    ]
    mask = pc.or_(pc.or_(differs[0], differs[1]), differs[2])
    keys: list[str] = merged.column("key").filter(mask).to_pylist()
    return keys


def _hashes(keys: pa.Array) -> Any:
    """A 64-bit polynomial hash of the bytes of each string of ``keys`` (no nulls)."""
    offsets = np.frombuffer(keys.buffers()[1], np.int32)[keys.offset : keys.offset + len(keys) + 1]
    data = keys.buffers()[2]
    first, last = int(offsets[0]), int(offsets[-1])
    chars = np.frombuffer(data, np.uint8)[first:last] if data else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    position = np.arange(last - first) - np.repeat(offsets[:-1] - first, lengths)
    weighted = chars * _POWERS[position % len(_POWERS)]
    sums = np.concatenate([np.zeros(1, np.uint64), np.cumsum(weighted, dtype=np.uint64)])
    hashes = sums[offsets[1:] - first] - sums[offsets[:-1] - first]
    return (hashes ^ lengths.astype(np.uint64)) * np.uint64(0x9E3779B97F4A7C15)


def _buckets(keys: pa.Array, count: int) -> Any:
    """A bucket in ``range(count)`` for each key, :data:`HASH_ROWS` keys at a time."""
    hashes = [_hashes(keys.slice(start, HASH_ROWS)) for start in range(0, len(keys), HASH_ROWS)]
    joined = np.concatenate(hashes) if hashes else np.zeros(0, np.uint64)
    return ((joined >> np.uint64(32)) % np.uint64(count)).astype(np.int64)


def spill_buckets(rows: int, size: int) -> int:
    """How many hash buckets ``rows`` rows are spilled to, about ``size`` to a bucket
    (at most :data:`MAX_BUCKETS`); 1, nothing spilled, up to ``SPILL_FACTOR * size`` rows."""
    if rows <= SPILL_FACTOR * size:
        return 1
    return min(MAX_BUCKETS, math.ceil(rows / size))


def _spill(groups: pa.Table, buckets: int, scratch: Path, writers: dict[int, Any]) -> None:
    """Append each row of ``groups`` to the file of its key's hash bucket."""
    spread = _buckets(groups.column("key").combine_chunks(), buckets)
    order = np.argsort(spread, kind="stable")
    counts = np.bincount(spread, minlength=buckets)
    ordered = groups.take(pa.array(order))
    start = 0
    for bucket, rows in enumerate(counts.tolist()):
        if rows:
            writer = writers.get(bucket)
            if writer is None:
                sink = pa.OSFile(str(scratch / f"bucket-{bucket:04d}.arrow"), "wb")
                writer = writers[bucket] = pa.ipc.new_stream(sink, groups.schema)
            writer.write_table(ordered.slice(start, rows))
        start += rows


def _spilled(groups: Iterable[pa.Table], buckets: int, scratch: Path) -> Iterator[pa.Table]:
    """Every row of ``groups`` spilled to ``buckets`` files by key hash; then each file."""
    writers: dict[int, Any] = {}
    try:
        for gathered in groups:
            _spill(gathered, buckets, scratch, writers)
    finally:
        for writer in writers.values():
            writer.close()
    for bucket in sorted(writers):
        with pa.OSFile(str(scratch / f"bucket-{bucket:04d}.arrow"), "rb") as source:
            yield pa.ipc.open_stream(source).read_all()


def _drifting(pieces: Pieces, rows: int | None) -> pa.Array:
    """The key strings of the artifacts whose figures differ (``rows``: the table's, if known)."""
    groups = _gathered(pieces(("status", *FIGURE_COLUMNS)))
    buckets = 1 if rows is None else spill_buckets(2 * rows, BUCKET_ROWS)
    keys: list[str] = []
    if buckets <= 1:
        gathered = list(groups)
        if gathered:
            keys = _drifting_keys(pa.concat_tables(gathered))
    else:
        with tempfile.TemporaryDirectory(prefix="ingest-drift-") as scratch:
            for bucket in _spilled(groups, buckets, Path(scratch)):
                keys += _drifting_keys(bucket)
    return pa.array(keys, pa.string())


def drifting_artifacts(pieces: Pieces, rows: int | None = None) -> set[Key]:
    """The artifacts that show two different values of one figure (missing values aside)."""
    return {_key(text) for text in _drifting(pieces, rows).to_pylist()}


def _picked(pieces: Pieces, drifting: pa.Array) -> Iterator[pa.Table]:
    """The rows of parsed pages that show one of the ``drifting`` artifacts, piece by piece."""
    for piece in pieces(("status", *FIGURE_COLUMNS, *LOCATION_COLUMNS)):
        shows = pc.or_(
            pc.is_in(artifact_keys(piece, "a"), value_set=drifting),
            pc.is_in(artifact_keys(piece, "b"), value_set=drifting),
        )
        picked = piece.filter(pc.and_(shows, pc.not_equal(piece.column("status"), "failed")))
        if picked.num_rows:
            yield picked


def drifting_rows(pieces: Pieces, rows: int | None = None) -> Iterator[pa.Table]:
    """The rows of parsed pages that show a drifting artifact, piece by piece, in order.

    With the figure and location columns: what :func:`drift_from_pages` needs.
    """
    drifting = _drifting(pieces, rows)
    return _picked(pieces, drifting) if len(drifting) else iter([])


def _facts(picked: pa.Table, drifting: pa.Array) -> Iterator[ArtifactFacts]:
    """The facts of the drifting sides of rows, in row order, side ``a`` first."""
    where = picked.to_pydict()
    shows = {
        side: pc.is_in(artifact_keys(picked, side), value_set=drifting).to_pylist() for side in "ab"
    }
    for row in range(picked.num_rows):
        for side in "ab":
            if not shows[side][row]:
                continue
            yield ArtifactFacts(
                page_id=where["page_id"][row],
                path=where["source_path"][row],
                subject=where[f"subject_{side}"][row],
                type=where[f"type_{side}"][row],
                rank=where[f"rank_{side}"][row],
                pricing=where[f"pricing_{side}"][row],
                capabilities=where[f"declared_{side}"][row],
                rank_line=where["rank_line"][row],
                pricing_line=where["pricing_line"][row],
                capabilities_line=where["capabilities_line"][row],
            )


def _drift(pieces: Pieces, rows: int | None) -> list[Finding]:
    drifting = _drifting(pieces, rows)
    if len(drifting) == 0:
        return []
    picked = _picked(pieces, drifting)
    return drift_findings(fact for piece in picked for fact in _facts(piece, drifting))


def drift_from_pages(pages: pa.Table) -> list[Finding]:
    """The IG501 findings of a batch from its ``pages`` table in memory."""
    return _drift(lambda columns: iter([pages.select(list(columns))]), None)


def read_pieces(parts: Iterable[Path], rows: int | None = None) -> tuple[Pieces, int]:
    """The pieces of ``pages`` part files (:data:`BATCH_ROWS` rows at a time) and their rows
    (``rows``, when the caller knows them: it only sizes the buckets; else from the files)."""
    files = list(parts)
    if rows is None:
        rows = sum(pq.ParquetFile(part).metadata.num_rows for part in files)

    def read(columns: Sequence[str]) -> Iterator[pa.Table]:
        for part in files:
            for batch in pq.ParquetFile(part).iter_batches(BATCH_ROWS, columns=list(columns)):
                yield pa.Table.from_batches([batch])

    return read, rows


def drift_from_files(parts: Iterable[Path], rows: int | None = None) -> list[Finding]:
    """The IG501 findings of a batch, streaming its ``pages`` part files in order (``rows``:
    theirs, if known, see :func:`read_pieces`)."""
    return _drift(*read_pieces(parts, rows))
