"""Writes Parquet part files: one per table per chunk, a row group per flush.

Each worker writes its own parts (``OUT/<table>/part-00007.parquet``), so
results never travel back through the parent. Files are zstd-compressed,
carry the schema and ingest versions in their metadata, and are opened only
when their table gets its first row, so a chunk with no failures writes no
``errors`` part; :func:`write_empty_parts` later gives every table at least
one (empty) file, so that ``'OUT/errors/*.parquet'`` always matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.dataset.schemas import FREE_TEXT_COLUMNS, SCHEMAS, TABLES, file_schema

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 1
"""zstd's fastest level: text pages compress about 5x, at a fraction of the cost of level 3."""


PART_GLOB = "part-*.parquet"
"""The names of a table's part files (:func:`part_name`'s, and the batch drift part's)."""


def part_name(index: int) -> str:
    """``part-00007.parquet``: parts sort in the order of their chunks."""
    return f"part-{index:05d}.parquet"


WRITE_ORDER = (*(table for table in TABLES if table != "pages"), "pages")
"""The tables of a row group in the order they are written: ``pages`` last, so that a write
that fails on a detail table has not yet recorded the page as parsed."""


class PartWriteError(Exception):
    """Writing one table of a row group failed; the tables before it were written."""

    def __init__(self, table: str, written: tuple[str, ...], cause: Exception) -> None:
        super().__init__(f"cannot write the {table} row group: {cause}")
        self.table = table
        self.written = written
        self.cause = cause


def _open(sink: Path | pa.NativeFile, table: str) -> pq.ParquetWriter:
    schema = file_schema(table)
    coded = [name for name in schema.names if name not in FREE_TEXT_COLUMNS]
    return pq.ParquetWriter(
        sink,
        schema,
        compression=COMPRESSION,
        compression_level=COMPRESSION_LEVEL,
        use_dictionary=coded,
        write_statistics=coded,
    )


class PartWriter:
    """The part files of one chunk, one per table, under ``root/<table>/``.

    Use as a context manager; every :meth:`write` call adds one row group to
    each table that has rows.
    """

    def __init__(self, root: str | Path, index: int) -> None:
        self.root = Path(root)
        self.name = part_name(index)
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._writers: dict[str, pq.ParquetWriter] = {}

    def write(self, tables: dict[str, pa.Table], skip: Iterable[str] = ()) -> None:
        """One row group of each table in ``tables`` that has rows (but those in ``skip``).

        Raises :class:`PartWriteError` naming the table that failed and those
        already written, in :data:`WRITE_ORDER`.
        """
        skipped = set(skip)
        written: list[str] = []
        for table in WRITE_ORDER:
            data = tables.get(table)
            if table in skipped or data is None or data.num_rows == 0:
                continue
            try:
                writer = self._writers.get(table)
                if writer is None:
                    writer = self._writers[table] = _open(self.root / table / self.name, table)
                writer.write_table(data)
            except Exception as error:
                raise PartWriteError(table, tuple(written), error) from error
            written.append(table)
            self.rows[table] += data.num_rows

    def close(self) -> None:
        """Close every part; the first error (a full disk, say) is raised once all are closed."""
        writers, self._writers = self._writers, {}
        failure: BaseException | None = None
        for writer in writers.values():
            try:
                _close(writer)
            except BaseException as error:
                failure = failure or error
        if failure is not None:
            raise failure

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def check_encodes(table: str, data: pa.Table) -> None:
    """Raise what writing ``data`` as a row group of ``table`` would, writing it to memory."""
    writer = _open(pa.BufferOutputStream(), table)
    try:
        writer.write_table(data)
    finally:
        writer.close()


def make_table_dirs(root: str | Path) -> None:
    """``root/<table>/`` for every table."""
    for table in TABLES:
        (Path(root) / table).mkdir(parents=True, exist_ok=True)


def write_empty_parts(root: str | Path) -> None:
    """Give every table folder that has no part file an empty one (schema only)."""
    for table in TABLES:
        folder = Path(root) / table
        if not any(folder.glob("part-*.parquet")):
            _close(_open(folder / "part-empty.parquet", table))


def _close(writer: pq.ParquetWriter) -> None:
    """Close ``writer`` once: one that fails to close (disk full) is not retried by its
    ``__del__``, which would print a second error as an ignored-exception traceback."""
    try:
        writer.close()
    finally:
        writer.is_open = False


def write_part(root: str | Path, table: str, name: str, data: pa.Table) -> None:
    """One whole part file of ``table`` (the batch-level findings, say)."""
    writer = _open(Path(root) / table / f"part-{name}.parquet", table)
    try:
        writer.write_table(data.cast(SCHEMAS[table]))
    finally:
        _close(writer)
