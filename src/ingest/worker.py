"""What a worker process does with one chunk of input files.

Each file is read (the next ones read ahead), parsed into a record, checked
and normalized into rows; every few hundred pages the rows become one row
group of the chunk's part files. Only counts go back to the parent. The
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

import pyarrow as pa

from ingest.errors import ParseError
from ingest.grammar import page_parser
from ingest.normalize import TableRows
from ingest.parser import parse_record
from ingest.reader import DEFAULT_MAX_BYTES, printable_path, read_ahead, read_or_error
from ingest.rules import check_page, parse_error_finding
from ingest.schemas import STATUSES, TABLES
from ingest.writer import PartWriter

PAGES_PER_ROW_GROUP = 500
"""A worker flushes a row group every this many pages (~9,000 feature rows)."""


@dataclass(frozen=True)
class ChunkTask:
    """One chunk of input files for one worker, and where to write its part files."""

    index: int
    paths: Sequence[str]
    root: str
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class ChunkResult:
    """What a worker sends back for a chunk: counts only."""

    pages: int = 0
    status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))


def add_input(
    rows: TableRows,
    path: str,
    data: bytes | ParseError | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """Parse and check one input file into ``rows``; returns its status.

    ``data`` is the file's bytes, or the error reading it gave; ``None``
    reads it here.
    """
    shown = printable_path(path)
    if data is None:
        data = read_or_error(path, max_bytes)
    if isinstance(data, ParseError):
        return _add_failure(rows, data.with_path(shown), shown, None)
    try:
        page = parse_record(data, shown)
    except ParseError as error:
        return _add_failure(rows, error.with_path(shown), shown, data)
    except Exception as exc:  # a parser bug must not sink the batch: record it
        first_line = next(iter(str(exc).splitlines()), "")
        message = f"internal error, please report: {type(exc).__name__}: {first_line}"
        return _add_failure(rows, ParseError(message, path=shown), shown, data)
    return rows.add_page(page, check_page(page, shown))


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
    rows = TableRows()
    with paused_gc(), PartWriter(task.root, task.index) as writer:
        for path, data in read_ahead(task.paths, task.max_bytes):
            result.status[add_input(rows, path, data)] += 1
            if rows.page_count >= PAGES_PER_ROW_GROUP:
                writer.write(rows.to_tables())
                rows.clear()
                gc.collect()
        writer.write(rows.to_tables())
    result.rows = writer.rows
    return result
