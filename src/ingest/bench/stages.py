"""The worker loop of a batch, timed stage by stage: what the ``profile`` case prints.

The same steps as :mod:`ingest.batch.worker` (read, parse, check, normalize,
write a row group), one process, CPU time per stage. The ``instructions``
case runs this loop under callgrind.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from pathlib import Path

from ingest.batch.worker import paused_gc, row_group_full
from ingest.dataset.normalize import TableRows
from ingest.dataset.writer import PartWriter, make_table_dirs
from ingest.errors import ParseError
from ingest.parse.api import parse_record
from ingest.parse.reader import read_input
from ingest.rules import check_page, parse_error_finding

STAGES = ("read", "parse", "check", "normalize", "write")


def stage_times(files: Sequence[str], out: Path) -> dict[str, float]:
    """CPU seconds per stage over ``files``: the worker's loop (see ``ingest.batch.worker``), timed.

    CPU time rather than wall time, so that other processes on the machine
    do not blur the split.
    """
    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    make_table_dirs(out)
    rows = TableRows()
    buffered = 0  # input bytes of the buffered pages
    with paused_gc(), PartWriter(out, 0) as writer:
        for path in files:
            t0 = clock()
            try:
                data = read_input(path)
            except ParseError as error:
                rows.add_failure(error, path, None, [parse_error_finding(error)])
                continue
            buffered += len(data)
            t1 = clock()
            try:
                page = parse_record(data, path)
            except ParseError as error:
                rows.add_failure(error, path, None, [parse_error_finding(error)])
                continue
            t2 = clock()
            findings = check_page(page, path)
            t3 = clock()
            rows.add_page(page, findings)
            t4 = clock()
            spent["read"] += t1 - t0
            spent["parse"] += t2 - t1
            spent["check"] += t3 - t2
            spent["normalize"] += t4 - t3
            if row_group_full(rows, rows.page_count, buffered):
                _flush(rows, writer, spent)
                buffered = 0
        _flush(rows, writer, spent)
    return spent


def _flush(rows: TableRows, writer: PartWriter, spent: dict[str, float]) -> None:
    t0 = time.process_time()
    tables = rows.to_tables()
    rows.clear()
    t1 = time.process_time()
    writer.write(tables)
    del tables
    gc.collect()
    t2 = time.process_time()
    spent["normalize"] += t1 - t0
    spent["write"] += t2 - t1
