"""``ingest()``: a folder of pages in, a Parquet dataset out, nothing lost.

The parent finds the input files, cuts them into chunks and hands the chunks
to an engine's workers (local processes or a Dask cluster, see
:mod:`ingest.batch.engines`); each worker reads, parses, checks and normalizes its
pages and streams them into its own part files (a row group every few hundred
pages), so memory stays flat whatever the batch size. Only counts travel back.
Everything is written, under a lock on OUT held for the whole run, into a
temporary sibling of OUT that replaces OUT at the end (see
:mod:`ingest.dataset.outdir`).
"""

from __future__ import annotations

import math
import os
import platform
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import lark
import pyarrow as pa

from ingest.batch.engines import Engine, check_engine, open_engine
from ingest.batch.finish import FinishTask, finish, write_drift_findings
from ingest.batch.incremental.carry import (
    carried_status,
    carry_drift,
    carry_over,
    drift_in_order,
    write_index,
)
from ingest.batch.incremental.plan import Plan, plan_run
from ingest.batch.worker import ChunkTask, ingest_chunk
from ingest.dataset.artifacts import KEY_BY
from ingest.dataset.manifest import Manifest, StatusCounts, write_manifest
from ingest.dataset.outdir import check_out, finishing, publish, staging
from ingest.dataset.schemas import STATUSES, TABLES, ingest_version
from ingest.dataset.writer import PART_GLOB, make_table_dirs, write_empty_parts
from ingest.jobs.discover import DEFAULT_GLOB, InputError, Inputs, Selection, find_inputs
from ingest.jobs.page_guard import DEFAULT_TIMEOUT, check_timeout
from ingest.jobs.path_list import LazySequence
from ingest.jobs.pool import resolve_jobs
from ingest.jobs.progress import progress_bar
from ingest.page.format import SCHEMA_VERSION
from ingest.parse.reader import DEFAULT_MAX_BYTES, printable_path

MAX_CHUNK = 1000
MIN_CHUNK = 100


def chunk_bounds(files: int, jobs: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of each chunk: large ones first, smaller towards the end.

    Large chunks are cheap per file (and make few part files); shrinking them
    as the work runs out keeps every worker busy until the end (guided
    scheduling), which is what makes two workers twice as fast as one.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < files:
        left = files - start
        size = MAX_CHUNK if jobs == 1 else math.ceil(left / (2 * jobs))
        size = max(MIN_CHUNK, min(MAX_CHUNK, size))
        bounds.append((start, min(files, start + size)))
        start += size
    return bounds


def _incremental_drift(root: Path, pages: list[Path], plan: Plan) -> int:
    """IG501 of an incremental run into ``findings/part-drift.parquet``; returns its rows.

    It reuses the previous findings when the batch is the same, and otherwise
    reads its pages in the order a full run would.
    """
    carried = carry_drift(plan, root)
    if carried is not None:
        return carried
    return write_drift_findings(root, drift_in_order(pages, plan.snapshot.shown))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _versions() -> dict[str, str]:
    """Python and the libraries that shape a batch's output: pyarrow and lark.

    From the modules, already loaded, not ``importlib.metadata`` (its import and
    lookups cost a run ~80 M instructions). pydantic is not among them: a batch
    neither parses nor writes through it.
    """
    return {
        "python": platform.python_version(),
        "pyarrow": pa.__version__,
        "lark": lark.__version__,
    }


@dataclass(frozen=True)
class _Options:
    """How a run goes and what it records: :func:`ingest`'s arguments past the inputs, checked."""

    jobs: int | None
    engine: str
    scheduler: str | None
    progress: bool
    incremental: bool
    timeout_per_file: float
    artifact_key: str
    crawl_date: date


@dataclass(frozen=True)
class _Batch:
    """What a run reads: the input paths as given (printable), the files found, how to read them."""

    shown_inputs: tuple[str, ...]
    inputs: Inputs
    glob: str
    max_bytes: int


@dataclass
class _Tally:
    """What a run counted: pages per status, rows per table, and the workers it used."""

    status: dict[str, int]
    tables: dict[str, int]
    jobs: int


def _given_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The input paths as strings (one path is one path, not the characters of one)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    given = [os.fspath(p) for p in paths]
    if not given:
        raise InputError("no input paths given")
    return given


def _checked_options(
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    progress: bool,
    incremental: bool,
    timeout_per_file: float,
    artifact_key: str,
    as_of: date | None,
) -> _Options:
    """The run's options, once the engine, the timeout and the artifact key are known good."""
    check_engine(engine, scheduler)
    check_timeout(timeout_per_file)
    if artifact_key not in KEY_BY:
        raise InputError(
            f"unknown artifact key {artifact_key!r} (expected one of {', '.join(KEY_BY)})"
        )
    crawl_date = as_of or datetime.now(UTC).date()
    return _Options(
        jobs, engine, scheduler, progress, incremental, timeout_per_file, artifact_key, crawl_date
    )


def _found_batch(
    given: list[str], glob: str, max_bytes: int, follow_symlinks: bool, selection: Selection | None
) -> _Batch:
    """The input files under ``given`` (there must be at least one), and how to read them."""
    inputs = find_inputs(given, glob, follow_symlinks=follow_symlinks, selection=selection)
    if not inputs.files:
        raise InputError(f"no files matching {glob!r} under {', '.join(given)}")
    return _Batch(tuple(printable_path(path) for path in given), inputs, glob, max_bytes)


class _ChunkTasks(LazySequence[ChunkTask]):
    """The work of ``jobs`` workers on ``todo``, cut in chunks numbered from ``first``.

    Each task (and its list of paths) is made when it is taken: the engines keep a few in
    flight, so the parent never holds a second copy of a long input list as ``str``
    objects (see :mod:`ingest.jobs.path_list`).
    """

    def __init__(
        self,
        temp: Path,
        todo: Sequence[str],
        first: int,
        batch: _Batch,
        options: _Options,
        jobs: int,
    ) -> None:
        self._todo = todo
        self._bounds = chunk_bounds(len(todo), jobs)
        self._first = first
        self._root = str(temp)
        self._batch = batch
        self._options = options

    def __len__(self) -> int:
        return len(self._bounds)

    def _made(self, index: int) -> ChunkTask:
        start, stop = self._bounds[index]
        paths = self._todo[start:stop]  # a list, from a PathList or a list alike
        return ChunkTask(
            self._first + index,
            paths,
            self._root,
            self._batch.max_bytes,
            self._options.timeout_per_file,
            self._batch.inputs.outside.intersection(paths),
            self._options.crawl_date,
        )


def _parse_todo(
    temp: Path,
    todo: Sequence[str],
    first: int,
    batch: _Batch,
    options: _Options,
    tally: _Tally,
    runner: Engine,
) -> None:
    """Parse ``todo`` on ``runner`` into part files under ``temp``, counting in ``tally``."""
    tally.jobs = runner.jobs
    tasks = _ChunkTasks(temp, todo, first, batch, options, runner.jobs)
    runner.prepare(str(temp), todo[0], len(tasks))
    with progress_bar(len(todo), enabled=options.progress) as advance:
        for result in runner.map(ingest_chunk, tasks):
            for key, count in result.status.items():
                tally.status[key] += count
            for key, count in result.rows.items():
                tally.tables[key] += count
            advance(result.pages)


def _finish(
    temp: Path, plan: Plan | None, options: _Options, tally: _Tally, runner: Engine | None
) -> list[Path]:
    """Drift and artifacts over the whole batch under ``temp``, counted in ``tally``;
    returns the ``pages`` part files they read.

    On ``runner``'s workers side by side if they are up (see :mod:`ingest.batch.finish`),
    else here, one after the other. An incremental run's drift stays here: it reads
    the plan.
    """
    # What Arrow's allocator kept of the parse (all of it with --jobs 1, which parses in
    # this process) goes back to the system before drift and artifacts build their own.
    pa.default_memory_pool().release_unused()
    pages = sorted((temp / "pages").glob(PART_GLOB))
    root = str(temp)
    tasks = []
    if plan is None:
        drift = FinishTask("drift", root, tuple(map(str, pages)), tally.tables["pages"], "")
        tasks.append(drift)
    else:
        tally.tables["findings"] += _incremental_drift(temp, pages, plan)
    tasks.append(FinishTask("artifacts", root, (), tally.tables["subjects"], options.artifact_key))
    done = map(finish, tasks) if runner is None else runner.map(finish, tasks, start=False)
    for name, rows in done:
        if name == "drift":
            tally.tables["findings"] += rows
        else:
            tally.tables["artifacts"] = rows
    return pages


def _manifest(
    temp: Path,
    batch: _Batch,
    options: _Options,
    started: tuple[float, str],
    plan: Plan | None,
    tally: _Tally,
) -> Manifest:
    """The manifest of the run that wrote ``temp`` (``started``: its clock and time at start)."""
    parts = {table: tuple(sorted(p.name for p in (temp / table).iterdir())) for table in TABLES}
    return Manifest(
        run_id=uuid.uuid4().hex,
        started_at=started[1],
        finished_at=_now(),
        inputs=batch.shown_inputs,
        glob=batch.glob,
        max_bytes=batch.max_bytes,
        files=len(batch.inputs.files),
        jobs=tally.jobs,
        seconds=round(time.perf_counter() - started[0], 3),
        status=StatusCounts(**tally.status),
        tables=tally.tables,
        schema_version=SCHEMA_VERSION,
        ingest_version=ingest_version(),
        versions=_versions(),
        engine=options.engine,
        incremental=None if plan is None else plan.counts,
        parts=parts,
        artifact_key=options.artifact_key,
        as_of=options.crawl_date.isoformat(),
    )


def _write_dataset(
    temp: Path, target: Path, batch: _Batch, options: _Options, started: tuple[float, str]
) -> Manifest:
    """Write the whole dataset into ``temp`` (OUT being ``target``, locked): its manifest."""
    files = batch.inputs.files
    tally = _Tally(dict.fromkeys(STATUSES, 0), dict.fromkeys(TABLES, 0), resolve_jobs(options.jobs))
    plan: Plan | None = None
    if options.incremental:
        plan = plan_run(
            files, target, batch.max_bytes, batch.shown_inputs, batch.glob, batch.inputs.outside
        )
    todo = files if plan is None else plan.reparse
    make_table_dirs(temp)
    first = 0
    if plan is not None:
        first, tally.tables = carry_over(plan, temp)
    if todo:
        with open_engine(options.engine, options.jobs, options.scheduler) as runner:
            _parse_todo(temp, todo, first, batch, options, tally, runner)
            pages = _finish(temp, plan, options, tally, runner)
    else:  # an incremental run with nothing new: no engine to start
        pages = _finish(temp, plan, options, tally, None)
    if plan is not None:
        tally.status = carried_status(plan, pages)
        write_index(temp, plan)
    write_empty_parts(temp)
    manifest = _manifest(temp, batch, options, started, plan, tally)
    write_manifest(temp, manifest)
    return manifest


def ingest(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    jobs: int | None = None,
    *,
    glob: str = DEFAULT_GLOB,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    incremental: bool = False,
    timeout_per_file: float = DEFAULT_TIMEOUT,
    follow_symlinks: bool = False,
    artifact_key: str = "name-type",
    as_of: date | None = None,
    selection: Selection | None = None,
) -> Manifest:
    """Parse every page under ``paths`` into the Parquet dataset ``out``.

    Folders are walked recursively for files matching ``glob``. ``jobs`` worker processes (default:
    all cores) parse and write in parallel; the ``pages`` table gets one row for every input file,
    whatever happened to it. ``out`` is replaced only when the run completes.

    ``engine="dask"`` runs the same per-chunk work on a Dask cluster: the one at ``scheduler``
    (``tcp://host:8786``; OUT and the inputs on a filesystem its workers share), else a new one of
    ``jobs`` workers on 127.0.0.1. ``incremental=True`` parses only the inputs that are new or
    changed since ``out`` was written and carries the other rows over (see
    :mod:`ingest.batch.incremental.plan`); the result equals a full run's. A page that takes more
    than ``timeout_per_file`` seconds to parse, check and normalize is a ``failed`` page (``0``: no
    limit; not enforced on Dask, see :mod:`ingest.jobs.page_guard`). An input reached through a
    symlink that leaves the input folders is a ``failed`` page "symlink outside the inputs", never
    read, unless ``follow_symlinks`` (see :mod:`ingest.jobs.discover`). ``artifact_key``
    (``name-type`` or ``filename-slug``) says how the ``artifacts`` table tells artifacts apart (see
    :mod:`ingest.dataset.artifacts`); ``as_of`` is the crawl's date, recorded in the manifest
    (default: today, UTC).

    Raises :class:`~ingest.jobs.discover.InputError` for a missing path or when no input file is
    found, :class:`~ingest.dataset.outdir.OutputError` when ``out`` cannot be written (or another
    run is writing it), :class:`~ingest.batch.engines.EngineError` when the engine cannot run
    (unknown, Dask not installed, scheduler out of reach), and
    :class:`~ingest.dataset.outdir.RunFailedError` when the run itself could not finish (an
    ``OSError`` such as a full disk, a lost lock): ``out`` is then left as it was.
    """
    started = time.perf_counter(), _now()
    given = _given_paths(paths)
    options = _checked_options(
        jobs, engine, scheduler, progress, incremental, timeout_per_file, artifact_key, as_of
    )
    batch = _found_batch(given, glob, max_bytes, follow_symlinks, selection)
    target = check_out(out, given)
    shown_out = os.fspath(out)
    with finishing(shown_out), staging(target, shown_out) as temp:  # OUT locked from here
        manifest = _write_dataset(temp, target, batch, options, started)
        publish(temp, target)
    return manifest
