"""Read an output folder's tables for the report, as pandas frames of only the columns it needs.

The report is built on today's tables (``pages``, ``features``, ``findings``,
``errors``) and tolerates the renames the dataset work brings (``findings.path``
becoming ``source_path``): a column is read under the first of its names the
files carry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingest.dataset.manifest import Manifest, read_manifest
from ingest.errors import IngestError
from ingest.page.models import COMPONENTS

PAGE_COLUMNS = (
    "source_path",
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
    "summary_winner",
    "verdict_winner",
    "n_findings",
)
FINDING_COLUMNS = ("code", "name", "severity", "path", "line", "column", "message", "subject")
ERROR_COLUMNS = ("source_path", "line", "column", "message", "expected")

_ALIASES = {"path": ("source_path", "path")}


class ReportInputError(IngestError):
    """An output folder the report cannot read (no manifest, damaged Parquet)."""


@dataclass(frozen=True)
class RunTables:
    """What the report reads of one output folder."""

    root: Path
    manifest: Manifest
    pages: pd.DataFrame
    findings: pd.DataFrame
    errors: pd.DataFrame
    components: pd.DataFrame
    """One row per page side: ``source_path``, ``side`` and one column per component."""


def _parts(root: Path, table: str) -> list[Path]:
    return sorted((root / table).glob("*.parquet"))


def _read(root: Path, table: str, columns: tuple[str, ...]) -> pa.Table:
    """The table's columns (under their current or former names), parts concatenated."""
    pieces = []
    for part in _parts(root, table):
        names = set(pq.read_schema(part).names)
        chosen: list[str] = []
        for column in columns:
            found = next((n for n in _ALIASES.get(column, (column,)) if n in names), None)
            if found is None:
                raise ReportInputError(f"{part}: no column {column!r} (expected an ingest table)")
            chosen.append(found)
        piece = pq.read_table(part, columns=chosen)
        pieces.append(piece.rename_columns(list(columns)))
    if not pieces:
        raise ReportInputError(f"{root / table}: no Parquet files (expected an ingest output)")
    return pa.concat_tables(pieces, promote_options="permissive")


def _components(root: Path) -> pd.DataFrame:
    """The 0/1 components of every page side, filtered in Arrow before pandas sees them."""
    pieces = []
    for part in _parts(root, "features"):
        piece = pq.read_table(part, columns=["source_path", "side", "feature", "value"])
        keep = pc.is_in(piece["feature"], value_set=pa.array(COMPONENTS))
        pieces.append(piece.filter(keep))
    frame = pa.concat_tables(pieces).to_pandas() if pieces else pd.DataFrame()
    if frame.empty:
        return pd.DataFrame(columns=["source_path", "side", *COMPONENTS])
    wide = frame.pivot_table(
        index=["source_path", "side"], columns="feature", values="value", aggfunc="first"
    )
    return wide.reindex(columns=list(COMPONENTS)).reset_index()


def read_run(out: str | os.PathLike[str]) -> RunTables:
    """Every table the report needs from ``out``; :class:`ReportInputError` if it cannot."""
    root = Path(out)
    try:
        manifest = read_manifest(root)
        return RunTables(
            root=root,
            manifest=manifest,
            pages=_read(root, "pages", PAGE_COLUMNS).to_pandas(),
            findings=_read(root, "findings", FINDING_COLUMNS).to_pandas(),
            errors=_read(root, "errors", ERROR_COLUMNS).to_pandas(),
            components=_components(root),
        )
    except ValueError as error:  # NotAnOutputError, ReportInputError
        raise ReportInputError(str(error)) from None
    except (OSError, pa.ArrowException) as error:
        raise ReportInputError(f"{out}: cannot read the output ({error})") from None
