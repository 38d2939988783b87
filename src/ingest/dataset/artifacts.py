"""The ``artifacts`` table: one row per artifact across the batch, from the ``subjects`` table.

Built once at the end of a run, like IG501 (:mod:`ingest.dataset.drift`), and
the same way: Arrow ``group_by`` over the ``subjects`` rows, never a Python
object per page. A table of more than twice :data:`~ingest.dataset.drift.BUCKET_ROWS`
rows is first spilled to temporary files, one per hash bucket of the key, and
each bucket is grouped on its own, so memory stays flat whatever the batch
size. Nothing depends on the order of the rows, so an incremental run (whose
parts come in another order) gives the same table as a full run.

Keys (``key_by``): ``name-type`` (default) groups by ``subjects.artifact_key``;
``filename-slug`` by ``subjects.slug`` where the file name carries one (the
``name-type`` key elsewhere).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingest.dataset.drift import BATCH_ROWS, BUCKET_ROWS, _spilled, spill_buckets
from ingest.dataset.schemas import SCHEMAS
from ingest.dataset.writer import PART_GLOB, write_part

KEY_BY: Final = ("name-type", "filename-slug")
"""How artifacts are told apart (``--artifact-key``)."""

_READ = ("source_path", "artifact_key", "slug", "subject", "type", "rank", "pricing", "declared")
_DISTINCT = (("subject", "names"), ("type", "types"), ("rank", "ranks"), ("pricing", "pricings"))


def _keyed(piece: pa.Table, key_by: str) -> pa.Table:
    """``piece`` with its grouping ``key`` column first."""
    key = piece["artifact_key"]
    if key_by == "filename-slug":
        key = pc.coalesce(piece["slug"], key)
    return piece.drop_columns(["artifact_key", "slug"]).add_column(0, "key", key)


def _grouped(rows: pa.Table, schema: pa.Schema) -> pa.Table:
    """One row per key of ``rows`` (which hold every row of each of their keys)."""
    aggregates = [
        ("source_path", "count"),
        *((column, "distinct") for column, _ in _DISTINCT),
        ("rank", "min"),
        ("rank", "max"),
        ("declared", "distinct"),
        ("declared", "min"),
        ("declared", "max"),
        ("source_path", "min"),
        ("source_path", "max"),
    ]
    grouped = rows.group_by("key", use_threads=False).aggregate(aggregates)
    by_name = dict(zip(grouped.column_names, grouped.columns, strict=True))
    names = {new: _dropped_nulls(by_name[f"{old}_distinct"]) for old, new in _DISTINCT}
    ranks_differ = pc.not_equal(by_name["rank_min"], by_name["rank_max"])
    declared_differ = pc.not_equal(by_name["declared_min"], by_name["declared_max"])
    pricing_differs = pc.greater(pc.list_value_length(names["pricings"]), 1)
    flags = [pc.fill_null(flag, False) for flag in (ranks_differ, pricing_differs, declared_differ)]
    columns = {
        "artifact_key": by_name["key"],
        **names,
        "n_pages": pc.cast(by_name["source_path_count"], pa.int32()),
        "rank_min": by_name["rank_min"],
        "rank_max": by_name["rank_max"],
        "declared_counts": _dropped_nulls(by_name["declared_distinct"]),
        "rank_differs": flags[0],
        "pricing_differs": flags[1],
        "declared_differs": flags[2],
        "disagrees": pc.or_(pc.or_(flags[0], flags[1]), flags[2]),
        "first_page": by_name["source_path_min"],
        "last_page": by_name["source_path_max"],
    }
    return pa.Table.from_arrays([columns[n] for n in schema.names], schema=schema)


def _dropped_nulls(lists: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Each list of ``lists`` without its nulls, sorted (distinct values come in any order)."""
    whole = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    values = pc.list_flatten(whole)
    items = pa.table({"at": pc.list_parent_indices(whole), "value": values})
    items = items.filter(pc.is_valid(values)).sort_by([("at", "ascending"), ("value", "ascending")])
    counts = np.bincount(items["at"].to_numpy(), minlength=len(whole))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    # From the buffer: pa.array(offsets) would import numpy.ma (~8 ms) to rule out a mask.
    starts = pa.Array.from_buffers(pa.int32(), len(offsets), [None, pa.py_buffer(offsets)])
    return pa.ListArray.from_arrays(starts, items["value"].combine_chunks())


def artifacts_from_subjects(
    pieces: Iterable[pa.Table], rows: int, schema: pa.Schema, key_by: str = "name-type"
) -> Iterator[pa.Table]:
    """The ``artifacts`` rows of the ``subjects`` pieces (in batch order), bucket by bucket."""
    keyed = (_keyed(piece.select(list(_READ)), key_by) for piece in pieces)
    buckets = spill_buckets(rows, BUCKET_ROWS)
    if buckets <= 1:
        gathered = [piece for piece in keyed if piece.num_rows]
        if gathered:
            yield _grouped(pa.concat_tables(gathered), schema)
        return
    with tempfile.TemporaryDirectory(prefix="ingest-artifacts-") as scratch:
        for bucket in _spilled(keyed, buckets, Path(scratch)):
            yield _grouped(bucket, schema)


def artifacts_table(subjects: pa.Table, schema: pa.Schema, key_by: str = "name-type") -> pa.Table:
    """The ``artifacts`` table of a ``subjects`` table in memory."""
    tables = list(artifacts_from_subjects([subjects], subjects.num_rows, schema, key_by))
    return pa.concat_tables(tables) if tables else schema.empty_table()


def subjects_pieces(
    parts: Iterable[Path], rows: int | None = None
) -> tuple[list[pa.Table] | Iterator[pa.Table], int]:
    """The ``subjects`` part files read :data:`BATCH_ROWS` rows at a time, and their rows
    (``rows``, when the caller knows them: it only sizes the buckets; else from the files)."""
    files = list(parts)
    if rows is None:
        rows = sum(pq.ParquetFile(part).metadata.num_rows for part in files)

    def read() -> Iterator[pa.Table]:
        for part in files:
            for batch in pq.ParquetFile(part).iter_batches(BATCH_ROWS, columns=list(_READ)):
                yield pa.Table.from_batches([batch])

    return read(), rows


def write_artifacts(root: Path, key_by: str = "name-type", rows: int | None = None) -> int:
    """The ``artifacts`` table of the run under ``root``, from its ``subjects`` parts (of
    ``rows`` rows, if known), written as ``artifacts/part-artifacts-NNNN.parquet``; returns
    its rows."""
    pieces, rows = subjects_pieces(sorted((root / "subjects").glob(PART_GLOB)), rows)
    written = 0
    for index, table in enumerate(
        artifacts_from_subjects(pieces, rows, SCHEMAS["artifacts"], key_by)
    ):
        write_part(root, "artifacts", f"artifacts-{index:04d}", table)
        written += table.num_rows
    return written
