"""``load(out)``: an output folder back as one pandas DataFrame per table.

Columns keep the types of :mod:`ingest.schemas`: integers and booleans that
may be missing come back as pandas' nullable ``Int32`` / ``boolean`` instead
of floats; text and floats use pandas' defaults (missing is ``NaN``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.manifest import NotAnOutputError, read_manifest
from ingest.outdir import MANIFEST_NAME
from ingest.schemas import SCHEMAS, TABLES

if TYPE_CHECKING:
    import pandas as pd


def _output_root(out: str | os.PathLike[str]) -> Path:
    root = Path(out)
    if not (root / MANIFEST_NAME).is_file():
        raise NotAnOutputError(f"{out}: not an ingest output (no {MANIFEST_NAME})")
    return root


def read_table(
    out: str | os.PathLike[str], name: str, columns: Sequence[str] | None = None
) -> pa.Table:
    """One table of an output folder (optionally only some columns), parts in order."""
    root = _output_root(out)
    schema = SCHEMAS[name]
    if columns is not None:
        schema = pa.schema([schema.field(column) for column in columns])
    parts = sorted((root / name).glob("part-*.parquet"))
    pieces = [pq.read_table(part, columns=schema.names, schema=schema) for part in parts]
    return pa.concat_tables(pieces) if pieces else schema.empty_table()


def read_tables(out: str | os.PathLike[str]) -> dict[str, pa.Table]:
    """Every table of an output folder as an Arrow table of its schema."""
    read_manifest(_output_root(out))
    return {name: read_table(out, name) for name in TABLES}


def load(out: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """Every table of an output folder as a DataFrame, by table name."""
    import pandas as pd  # imported late: it adds 0.2 s to the start of every other command

    nullable: dict[pa.DataType, object] = {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return {
        name: table.to_pandas(types_mapper=nullable.get) for name, table in read_tables(out).items()
    }
