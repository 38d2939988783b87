"""A row group's rows -> Arrow tables, typed by their schemas.

The flush-time half of :class:`ingest.dataset.normalize.TableRows`: every
column becomes Arrow in one ``pa.array`` call, and the columns that repeat per
row (the page, the subject, the side, the ordinal) are taken with Arrow
``take`` from the page or section they come from, never written row by row.
The indices are Arrow arrays made by Arrow kernels: a ``take`` with a numpy
index would load ``numpy.ma`` as well (~10 ms of a run's start).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dataset.cell_table import typed_columns
from ingest.dataset.keys import file_ids
from ingest.page.records import Capability, FeatureRow

Row = tuple[Any, ...]
Index: TypeAlias = "pa.Array[Any]"
"""Row numbers (int64) to ``take``."""


def owners(ends: Sequence[int]) -> Index:
    """Row -> index of its page, from each page's running row count (``ends``)."""
    if not ends:
        return pa.array([], pa.int64())
    offsets = pa.array([0, *ends], pa.int64())
    return pc.list_parent_indices(pa.LargeListArray.from_arrays(offsets, pa.nulls(ends[-1])))


_ZERO_ONE = (0).to_bytes(8, sys.byteorder) + (1).to_bytes(8, sys.byteorder)
"""The values 0 and 1 as two int64s in the machine's byte order (Arrow's): :func:`alternating`."""


def alternating(count: int) -> Index:
    """``0, 1, 0, 1, ...`` (``2 * count`` int64 values), made from one repeated buffer:
    ~0.01 ms for 20,000 values, where repeating a list scalar and flattening it took
    ~2-3 ms, twice per row group of ``features`` (~5 µs a page)."""
    return pa.Array.from_buffers(pa.int64(), 2 * count, [None, pa.py_buffer(_ZERO_ONE * count)])


def page_columns(pages: pa.Table, owner: Index) -> list[pa.ChunkedArray]:
    """page_id, source_path and file_id of each row's page."""
    return [pages[name].take(owner) for name in ("page_id", "source_path", "file_id")]


def rows_to_table(
    rows: Sequence[Row], schema: pa.Schema, first: Sequence[pa.ChunkedArray] = ()
) -> pa.Table:
    """Tuples of the columns after ``first`` -> a table of exactly ``schema``.

    The rows leave out ``file_id`` (unless ``first`` holds it): it is made here
    from the ``source_path`` column.
    """
    if not rows:
        return schema.empty_table()
    fields = [f for f in list(schema)[len(first) :] if f.name != "file_id"]
    columns = zip(*rows, strict=True)
    arrays = [
        pa.array(column, type=field.type) for column, field in zip(columns, fields, strict=True)
    ]
    names = [f.name for f in fields]
    if "file_id" in schema.names and len(first) <= schema.get_field_index("file_id"):
        at = names.index("source_path") + 1
        arrays.insert(at, file_ids(arrays[at - 1]))
    return pa.Table.from_arrays([*first, *arrays], schema=schema)


def features_table(
    features: Sequence[FeatureRow], pages: pa.Table, owner: Index, schema: pa.Schema
) -> pa.Table:
    """Two rows per table row, a then b; subject, side and feature taken, not repeated."""
    count = len(features)
    if not count:
        return schema.empty_table()
    names, raw_a, raw_b, value_a, value_b, lines = list(zip(*features, strict=True))[:6]
    each = owners(range(2, 2 * count + 1, 2))  # row i -> output 2i and 2i+1
    pair_owner = owner.take(each)
    b_side = alternating(count)
    subjects = pa.chunked_array(pages["subject_a"].chunks + pages["subject_b"].chunks)
    raw = pa.array(interleaved(raw_a, raw_b), pa.string())
    value = pa.array(interleaved(value_a, value_b), pa.float64())
    columns = [
        *page_columns(pages, pair_owner),
        subjects.take(pc.add(pair_owner, pc.multiply(b_side, pages.num_rows))),
        pa.array(["a", "b"], pa.string()).take(b_side),
        pa.array(names, pa.string()).take(each),
        raw,
        *typed_columns(raw, value),
        pa.array(lines, pa.int32()).take(each),
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def interleaved(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    """``a[0], b[0], a[1], b[1], ...``: interleaved by slice assignment, cheaper than
    concatenating two arrays and taking them in order (~2 µs a page)."""
    pairs: list[Any] = [None] * (2 * len(a))
    pairs[::2] = a
    pairs[1::2] = b
    return pairs


def capabilities_table(
    capabilities: Sequence[Capability],
    sections: Sequence[tuple[str | None, str | None, int]],
    pages: pa.Table,
    owner: Index,
    schema: pa.Schema,
) -> pa.Table:
    """One row per capability; subject, side and ordinal taken from its section."""
    if not capabilities:
        return schema.empty_table()
    subjects, sides, sizes = zip(*sections, strict=True)
    section_of = owners(list(accumulate(sizes)))
    ordinal = [number for size in sizes for number in range(1, size + 1)]
    titles, descriptions, unique, vs_alternatives, lines = zip(*capabilities, strict=True)
    columns = [
        *page_columns(pages, owner),
        pa.array(subjects, pa.string()).take(section_of),
        pa.array(sides, pa.string()).take(section_of),
        pa.array(ordinal, pa.int32()),
        pa.array(titles, pa.string()),
        pa.array(descriptions, pa.string()),
        pa.array(unique, pa.string()),
        pa.array(vs_alternatives, pa.string()),
        pa.array(lines, pa.int32()),
    ]
    return pa.Table.from_arrays(columns, schema=schema)
