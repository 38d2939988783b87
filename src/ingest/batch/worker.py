"""What a worker process does with one chunk of input files.

Each file is read (the next ones read ahead), parsed into a record, checked
and normalized into rows; every thousand pages (or fewer, when their rows or
input bytes add up, see :func:`row_group_full`) the rows become one row group
of the chunk's part files. Whatever
goes wrong with one page (a bug, a page over its time budget) fails that
page only. Only counts go back to the parent. The
cyclic garbage collector is paused during a chunk: parsed pages hold many
small objects and no cycles, and the collector's passes over them cost about
a tenth of the time per page.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

from ingest.batch.row_group import write_row_group
from ingest.dataset.normalize import Mark, TableRows
from ingest.dataset.schemas import STATUSES, TABLES
from ingest.dataset.writer import PartWriter
from ingest.errors import ParseError
from ingest.jobs.page_guard import (
    DEFAULT_TIMEOUT,
    NO_BUDGET,
    PageTimeout,
    TimeBudget,
    internal_error,
)
from ingest.parse.api import parse_record
from ingest.parse.grammar import page_parser
from ingest.parse.reader import DEFAULT_MAX_BYTES, printable_path, read_ahead
from ingest.rules import check_page, parse_error_finding

PAGES_PER_ROW_GROUP = 1000
"""A worker flushes a row group every this many pages (~20,000 feature rows; a chunk
holds at most as many, so that is one row group per chunk)..."""

ROWS_PER_ROW_GROUP = 60_000
"""... or once its pages hold this many feature rows and capabilities (1,000 pages of
the synthetic corpus hold about 23,000): rows, not input bytes, are what a buffered
page costs in memory, until it is flushed and again while it becomes Arrow (a 5 MB
page of 445,000 one-line capabilities, flushed alone, peaks at about 340 MB)..."""

BYTES_PER_ROW_GROUP = 16 * 1024 * 1024
"""... or once the pages it holds add up to this many input bytes (pages of long text,
few rows).

A page that would take the buffer over this, or a big page (:data:`BIG_PAGE` bytes or
more), is preceded by a flush, and a big page is flushed alone, right after it is
added, so one process holds at most about one big page at a time."""

BIG_PAGE = 1024 * 1024
"""Input bytes from which a page gets a row group of its own."""


def row_group_full(rows: TableRows, pages: int, buffered: int) -> bool:
    """Whether ``rows`` (``pages`` pages of ``buffered`` input bytes) are one row group."""
    return (
        pages >= PAGES_PER_ROW_GROUP
        or buffered >= BYTES_PER_ROW_GROUP
        or len(rows.features) + len(rows.capabilities) >= ROWS_PER_ROW_GROUP
    )


@dataclass(frozen=True)
class ChunkTask:
    """One chunk of input files for one worker, and where to write its part files."""

    index: int
    paths: Sequence[str]
    root: str
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    """Seconds each page may take (see :mod:`ingest.jobs.page_guard`); 0: no limit."""
    outside: frozenset[str] = frozenset()
    """Paths of this chunk that leave the input roots: failed pages, never read."""
    as_of: date | None = None
    """The crawl's date (``ingest parse --as-of``), in each ``pages`` row."""


@dataclass
class ChunkResult:
    """What a worker sends back for a chunk: counts only."""

    pages: int = 0
    status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))


def add_input(
    rows: TableRows,
    path: str,
    data: bytes | ParseError,
    budget: TimeBudget = NO_BUDGET,
    mark: Mark | None = None,
) -> str:
    """Parse, check and normalize one input file into ``rows``; returns its status.

    ``data`` is the file's bytes, or the error reading it gave. Whatever goes
    wrong with this page (a parser or rule bug, going over ``budget``) makes it
    a ``failed`` page, its rows so far dropped: never the end of the batch.
    ``mark`` is ``rows.mark()`` now, when the caller has it already.
    """
    shown = printable_path(path)
    if isinstance(data, ParseError):
        return _add_failure(rows, data.with_path(shown), shown, None)
    if mark is None:
        mark = rows.mark()
    try:
        try:
            budget.start()
            page = parse_record(data, shown, recover=True)
            return rows.add_page(page, check_page(page, shown))
        finally:
            budget.stop()
    except ParseError as error:
        problem = error.with_path(shown)
    except PageTimeout as timeout:
        problem = ParseError(str(timeout), path=shown)
    except Exception as exc:  # our bug must not sink the batch: record it
        problem = internal_error(exc, shown)
    rows.rollback(mark)
    return _add_failure(rows, problem, shown, data)


def _add_failure(rows: TableRows, error: ParseError, shown: str, data: bytes | None) -> str:
    return rows.add_failure(error, shown, _page_id(data), [parse_error_finding(error)])


def _page_id(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause automatic collection (:func:`ingest_chunk` collects at every flush instead).

    Objects alive on entry are frozen (never scanned again), so a flush's
    collection only looks at what the chunk created.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def warm_up() -> None:
    """Build the parser and load pyarrow's Python conversions and compute kernels.

    Called in the parent before the workers fork, so that they inherit them
    instead of each paying a few hundred milliseconds for them.
    """
    page_parser()
    pa.array([""]).take(pa.array([0]))


def skip_pandas_probe() -> None:
    """Keep pyarrow from importing pandas just to convert lists (for processes ingest owns).

    The first ``pa.array(list)`` of a process asks whether pandas is
    installed, importing it (0.3-0.5 s, a tenth of a 20,000-page run) only to
    check that a list is not a pandas object. Making that one import fail
    makes the answer "no"; pyarrow still imports pandas when it is asked for
    (``to_pandas`` retries the import). The ``ingest`` command calls this;
    the Python API does not, since in a user's process pandas objects given
    to ``pa.array`` would then no longer be recognised.
    """
    if "pandas" in sys.modules:
        return
    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([""])
    finally:
        sys.meta_path.remove(blocker)


class _NoPandas(importlib.abc.MetaPathFinder):
    """An import hook under which ``import pandas`` fails."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError("pandas is not needed here", name=fullname)
        return None


def ingest_chunk(task: ChunkTask) -> ChunkResult:
    """A worker's job: one chunk of files into one part file per table."""
    result = ChunkResult(pages=len(task.paths))
    rows = TableRows(task.as_of)
    starts: list[Mark] = []  # where each buffered page's rows begin
    buffered = 0  # input bytes of the buffered pages
    budget = TimeBudget(task.timeout)
    with paused_gc(), budget, PartWriter(task.root, task.index) as writer:

        def flush() -> None:
            budget.pause()  # no page runs in a write: its system calls see no signal
            for status in write_row_group(rows, starts, writer):
                result.status[status] -= 1
                result.status["failed"] += 1
            rows.clear()
            starts.clear()
            gc.collect()
            # Arrow's allocator keeps what a row group freed and hands it back only later:
            # on 20,000 pages --jobs 1, peak RSS 210-213 MB without this, 194 MB with it,
            # its ~1.3 ms per row group lost in the noise of the run's wall time.
            pa.default_memory_pool().release_unused()

        for path, data in read_ahead(task.paths, task.max_bytes, outside=task.outside):
            size = len(data) if isinstance(data, bytes) else 0
            big = size >= BIG_PAGE
            if starts and (big or buffered + size > BYTES_PER_ROW_GROUP):
                flush()
                buffered = 0
            mark = rows.mark()
            starts.append(mark)
            buffered += size
            result.status[add_input(rows, path, data, budget=budget, mark=mark)] += 1
            if big or row_group_full(rows, len(starts), buffered):
                flush()
                buffered = 0
        if starts:
            flush()
    result.rows = writer.rows
    return result
