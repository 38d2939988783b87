"""IG501 across a batch, computed from the ``pages`` table at the end of a run.

Workers never see each other's pages, so artifact drift (one artifact showing
different figures on different pages) is found once, from columns the
``pages`` table already holds, in two streaming passes over its part files:
the first keeps only the distinct (artifact, figures) combinations and finds
the artifacts whose figures differ; the second keeps only their rows. Only
those become Python objects, so memory follows the number of artifacts, not
the number of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingest.findings import Finding
from ingest.rules import ArtifactFacts, drift_findings

_FIGURE_COLUMNS = (
    "status",
    "subject_a",
    "subject_b",
    "type_a",
    "type_b",
    "rank_a",
    "rank_b",
    "pricing_a",
    "pricing_b",
    "declared_a",
    "declared_b",
)
FACT_COLUMNS = (
    "page_id",
    "source_path",
    *_FIGURE_COLUMNS,
    "rank_line",
    "pricing_line",
    "capabilities_line",
)
"""The columns of ``pages`` that the facts are made of."""

_FIGURES = ("rank", "pricing", "capabilities")
_NO_TYPE = "\x00"

Parts = Callable[[Sequence[str]], Iterator[pa.Table]]
"""Yields the ``pages`` table piece by piece, reading only the given columns."""


def _sides(pages: pa.Table, first_row: int) -> pa.Table:
    """One row per (parsed page, side): the artifact's key and figures, and where it shows them.

    ``order`` puts the rows in page order, side a before b, across pieces.
    """
    parsed = pc.not_equal(pages["status"], "failed")
    order = pa.array(range(first_row, first_row + pages.num_rows), type=pa.int64())
    halves = []
    for offset, side in enumerate("ab"):
        columns = {
            "order": pc.add(pc.multiply(order, 2), offset),
            "key": pc.binary_join_element_wise(
                pages[f"subject_{side}"], pc.fill_null(pages[f"type_{side}"], _NO_TYPE), "\x1f"
            ),
            "subject": pages[f"subject_{side}"],
            "type": pages[f"type_{side}"],
            "rank": pages[f"rank_{side}"],
            "pricing": pages[f"pricing_{side}"],
            "capabilities": pages[f"declared_{side}"],
        }
        for name in ("page_id", "source_path", "rank_line", "pricing_line", "capabilities_line"):
            if name in pages.column_names:
                columns[name] = pages[name]
        halves.append(pa.table(columns).filter(parsed))
    return pa.concat_tables(halves)


def _distinct(table: pa.Table) -> pa.Table:
    return table.group_by(["key", *_FIGURES], use_threads=False).aggregate([])


def _drifting_keys(parts: Parts) -> pa.Array:
    """The keys (name and Type) of the artifacts whose figures differ between pages."""
    seen: list[pa.Table] = []
    for piece in parts(_FIGURE_COLUMNS):
        seen.append(_distinct(_sides(piece, 0).select(["key", *_FIGURES])))
    combos = _distinct(pa.concat_tables(seen))
    counts = combos.group_by("key").aggregate([(name, "count_distinct") for name in _FIGURES])
    differs = pc.or_(
        pc.or_(
            pc.greater(counts["rank_count_distinct"], 1),
            pc.greater(counts["pricing_count_distinct"], 1),
        ),
        pc.greater(counts["capabilities_count_distinct"], 1),
    )
    return counts.filter(differs)["key"].combine_chunks()


def _drift(parts: Parts) -> list[Finding]:
    keys = _drifting_keys(parts)
    if len(keys) == 0:
        return []
    kept: list[pa.Table] = []
    first_row = 0
    for piece in parts(FACT_COLUMNS):
        sides = _sides(piece, first_row)
        kept.append(sides.filter(pc.is_in(sides["key"], value_set=keys)))
        first_row += piece.num_rows
    rows = pa.concat_tables(kept).sort_by("order").drop_columns(["order", "key"])
    rows = rows.rename_columns({"source_path": "path"})
    return drift_findings(ArtifactFacts(**row) for row in rows.to_pylist())


def drift_from_pages(pages: pa.Table) -> list[Finding]:
    """The IG501 findings of a batch, from its ``pages`` table (see :data:`FACT_COLUMNS`)."""
    return _drift(lambda columns: iter([pages.select(list(columns))]))


def drift_from_files(parts: Iterable[Path]) -> list[Finding]:
    """The IG501 findings of a batch, streaming the ``pages`` part files in order."""
    files = list(parts)

    def read(columns: Sequence[str]) -> Iterator[pa.Table]:
        for part in files:
            yield pq.read_table(part, columns=list(columns))

    return _drift(read)
