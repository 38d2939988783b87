"""The typed columns of the ``features`` table, made from its ``raw`` column in one pass.

Each distinct cell text of a row group is read once (:func:`ingest.parse.cell_values.parse_cell`,
itself cached across row groups), then spread to its rows with Arrow ``take``.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ingest.parse.cell_values import parse_cell


def typed_columns(raw: pa.Array, value: pa.Array) -> list[pa.Array]:
    """``kind``, ``value``, ``unit``, ``usd_per_token`` and ``date`` of each cell of ``raw``.

    ``value`` is the number the parser kept (already range-checked, see
    :mod:`ingest.parse.page_checks`): where it was emptied, ``usd_per_token`` is empty too.
    """
    encoded = pc.dictionary_encode(raw)
    cells = [parse_cell(text) for text in encoded.dictionary.to_pylist()]
    indices = encoded.indices
    kind = pc.fill_null(pa.array([c.kind for c in cells], pa.string()).take(indices), "missing")
    unit = pa.array([c.unit for c in cells], pa.string()).take(indices)
    usd = pa.array([c.usd_per_token for c in cells], pa.float64()).take(indices)
    usd = pc.if_else(pc.is_null(value), pa.scalar(None, pa.float64()), usd)
    date = pa.array([c.date for c in cells], pa.date32()).take(indices)
    return [kind, value, unit, usd, date]
