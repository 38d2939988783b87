"""Writing a worker's buffered rows as one row group, where one page's failure fails that page only.

The usual path is one Arrow conversion and one Parquet write for a few hundred
pages. When either fails, the pages are converted (and, if the write failed,
encoded in memory) one by one: a page that cannot be is replaced by its
``failed`` row and an ``errors`` row "internal error, please report: ...",
and the row group is written with every other page. A failure that no single
page causes (a full disk) is not a page's fault: it is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pyarrow as pa

from ingest.dataset.normalize import Mark, TableRows
from ingest.dataset.schemas import TABLES
from ingest.dataset.writer import PartWriteError, PartWriter, check_encodes
from ingest.jobs.page_guard import internal_error
from ingest.rules import parse_error_finding


def write_row_group(rows: TableRows, starts: Sequence[Mark], writer: PartWriter) -> list[str]:
    """Write ``rows`` (``starts``: the mark before each page) as one row group.

    Returns the statuses the pages that had to be failed had before, so that
    the caller can move them to ``failed``. Tables are written ``pages`` last
    (see :data:`~ingest.dataset.writer.WRITE_ORDER`), so a failed write leaves at worst
    a failed page's detail rows in the tables written before it.
    """
    failed: list[str] = []
    try:
        tables = rows.to_tables()
    except Exception:
        tables, _, failed = _page_by_page(rows, starts, ())
    try:
        writer.write(tables)
    except PartWriteError as error:
        rest = tuple(table for table in TABLES if table not in error.written)
        isolated = _page_by_page(rows, starts, rest)
        if not isolated.failed:
            raise error.cause from None  # no page is at fault: the run itself failed
        writer.write(isolated.tables, skip=error.written)
        # The tables written before the failure hold the failed pages' old rows (writes
        # cannot be taken back); add their errors and findings rows there too.
        writer.write({table: isolated.failures.to_tables()[table] for table in error.written})
        return isolated.failed
    return failed


class _Isolated(NamedTuple):
    tables: dict[str, pa.Table]
    """Every table: the good pages' rows and the failed pages' failure rows."""
    failures: TableRows
    """The failure rows alone."""
    failed: list[str]
    """The former statuses of the failed pages."""


def _page_by_page(rows: TableRows, starts: Sequence[Mark], encode: tuple[str, ...]) -> _Isolated:
    """Every page's tables on its own (those in ``encode`` also encoded in memory), a
    page that fails any of it replaced by its failure."""
    stops = [*starts[1:], rows.mark()]
    parts: list[dict[str, pa.Table]] = []
    failures = TableRows(rows.as_of)
    failed: list[str] = []
    for start, stop in zip(starts, stops, strict=True):
        try:
            tables = rows.between(start, stop).to_tables()
            for table in encode:
                check_encodes(table, tables[table])
        except Exception as error:
            page_id, path, status = rows.pages[start.pages][:3]  # as add_page/add_failure lay out
            failure = TableRows(rows.as_of)
            problem = internal_error(error, path)
            findings = [parse_error_finding(problem)]
            failure.add_failure(problem, path, page_id, findings)
            failures.add_failure(problem, path, page_id, findings)
            tables = failure.to_tables()
            failed.append(status)
        parts.append(tables)
    joined = {table: pa.concat_tables([part[table] for part in parts]) for table in TABLES}
    return _Isolated(joined, failures, failed)
