"""``connect(out)``: a DuckDB connection holding one table per output table, from one snapshot.

The tables are read once (:func:`ingest.dataset.read.read_tables`: one run's files,
even if another run publishes meanwhile) and copied into an in-memory DuckDB
database, with ``NOT NULL`` on every column our schemas declare non-null, so
``describe pages`` shows the keys as such. For an output larger than memory,
query the part files of :func:`ingest.dataset.read.snapshot` with ``read_parquet``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ingest.dataset.read import _optional, read_tables
from ingest.dataset.schemas import SCHEMAS

if TYPE_CHECKING:
    import duckdb


def connect(out: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the tables of ``out`` (``pages``, ``subjects``, ...)."""
    duck = _optional("duckdb", "ingest.connect")
    tables = read_tables(out)
    connection: duckdb.DuckDBPyConnection = duck.connect(":memory:")
    for name, table in tables.items():
        connection.register("_arrow", table)
        connection.execute(f'create table "{name}" as select * from _arrow')
        connection.unregister("_arrow")
        for field in SCHEMAS[name]:
            if not field.nullable:
                connection.execute(f'alter table "{name}" alter column "{field.name}" set not null')
    return connection
