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
from collections.abc import Iterable
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from ingest.batch.engines import check_engine, open_engine
from ingest.batch.incremental.carry import (
    carried_status,
    carry_drift,
    carry_over,
    drift_in_order,
    write_index,
)
from ingest.batch.incremental.plan import Plan, plan_run
from ingest.batch.worker import ChunkTask, ingest_chunk
from ingest.dataset.artifacts import KEY_BY, write_artifacts
from ingest.dataset.drift import drift_from_files
from ingest.dataset.manifest import Manifest, StatusCounts, write_manifest
from ingest.dataset.normalize import findings_table
from ingest.dataset.outdir import check_out, finishing, publish, staging
from ingest.dataset.schemas import STATUSES, TABLES, ingest_version
from ingest.dataset.writer import PART_GLOB, make_table_dirs, write_empty_parts, write_part
from ingest.jobs.discover import DEFAULT_GLOB, InputError, Selection, find_inputs
from ingest.jobs.page_guard import DEFAULT_TIMEOUT, check_timeout
from ingest.jobs.pool import resolve_jobs
from ingest.jobs.progress import progress_bar
from ingest.page.models import SCHEMA_VERSION
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


def _write_drift(root: Path, pages: list[Path], plan: Plan | None) -> int:
    """IG501 over the whole batch into ``findings/part-drift.parquet``; returns its rows.

    An incremental run reuses the previous findings when the batch is the
    same, and otherwise reads its pages in the order a full run would.
    """
    carried = None if plan is None else carry_drift(plan, root)
    if carried is not None:
        return carried
    shown = None if plan is None else plan.snapshot.shown
    drift = drift_from_files(pages) if shown is None else drift_in_order(pages, shown)
    if drift:
        write_part(root, "findings", "drift", findings_table(drift))
    return len(drift)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in ("pyarrow", "lark", "pydantic"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # pragma: no cover - all are dependencies
            continue
    return versions


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

    Folders are walked recursively for files matching ``glob``. ``jobs``
    worker processes (default: all cores) parse and write in parallel; the
    ``pages`` table gets one row for every input file, whatever happened to
    it. ``out`` is replaced only when the run completes.

    ``engine="dask"`` runs the same per-chunk work on a Dask cluster: the one
    at ``scheduler`` (``tcp://host:8786``; OUT and the inputs on a filesystem
    its workers share), else a new one of ``jobs`` workers on 127.0.0.1.
    ``incremental=True`` parses only the inputs that are new or changed since
    ``out`` was written and carries the other rows over (see
    :mod:`ingest.batch.incremental.plan`); the result equals a full run's.
    A page that takes more than ``timeout_per_file`` seconds to parse, check
    and normalize is a ``failed`` page (``0``: no limit; not enforced on
    Dask, see :mod:`ingest.jobs.page_guard`). An input reached through a symlink
    that leaves the input folders is a ``failed`` page "symlink outside the
    inputs", never read, unless ``follow_symlinks`` (see :mod:`ingest.jobs.discover`).
    ``artifact_key`` (``name-type`` or ``filename-slug``) says how the
    ``artifacts`` table tells artifacts apart (see :mod:`ingest.dataset.artifacts`);
    ``as_of`` is the crawl's date, recorded in the manifest (default: today, UTC).

    Raises :class:`~ingest.jobs.discover.InputError` for a missing path or when no
    input file is found, :class:`~ingest.dataset.outdir.OutputError` when ``out``
    cannot be written (or another run is writing it),
    :class:`~ingest.batch.engines.EngineError` when the engine cannot run (unknown,
    Dask not installed, scheduler out of reach), and
    :class:`~ingest.dataset.outdir.RunFailedError` when the run itself could not
    finish (an ``OSError`` such as a full disk, a lost lock): ``out`` is then
    left as it was.
    """
    started = time.perf_counter()
    started_at = _now()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not the characters of one
    given = [os.fspath(p) for p in paths]
    if not given:
        raise InputError("no input paths given")
    check_engine(engine, scheduler)
    check_timeout(timeout_per_file)
    if artifact_key not in KEY_BY:
        raise InputError(
            f"unknown artifact key {artifact_key!r} (expected one of {', '.join(KEY_BY)})"
        )
    inputs = find_inputs(given, glob, follow_symlinks=follow_symlinks, selection=selection)
    files = inputs.files
    if not files:
        raise InputError(f"no files matching {glob!r} under {', '.join(given)}")
    target = check_out(out, given)
    shown_inputs = tuple(printable_path(path) for path in given)
    status = dict.fromkeys(STATUSES, 0)
    used_jobs = resolve_jobs(jobs)
    shown_out = os.fspath(out)
    crawl_date = as_of or datetime.now(UTC).date()
    with finishing(shown_out), staging(target, shown_out) as temp:  # OUT locked from here
        plan = (
            plan_run(files, target, max_bytes, shown_inputs, glob, inputs.outside)
            if incremental
            else None
        )
        todo = files if plan is None else plan.reparse
        make_table_dirs(temp)
        first, tables = (0, dict.fromkeys(TABLES, 0)) if plan is None else carry_over(plan, temp)
        if todo:
            with open_engine(engine, jobs, scheduler) as runner:
                used_jobs = runner.jobs
                tasks = [
                    ChunkTask(
                        first + index,
                        todo[start:stop],
                        str(temp),
                        max_bytes,
                        timeout_per_file,
                        inputs.outside.intersection(todo[start:stop]),
                        crawl_date,
                    )
                    for index, (start, stop) in enumerate(chunk_bounds(len(todo), runner.jobs))
                ]
                runner.prepare(str(temp), todo[0], len(tasks))
                with progress_bar(len(todo), enabled=progress) as advance:
                    for result in runner.map(ingest_chunk, tasks):
                        for key, count in result.status.items():
                            status[key] += count
                        for key, count in result.rows.items():
                            tables[key] += count
                        advance(result.pages)
        pages = sorted((temp / "pages").glob(PART_GLOB))
        tables["findings"] += _write_drift(temp, pages, plan)
        tables["artifacts"] = write_artifacts(temp, artifact_key)
        if plan is not None:
            status = carried_status(plan, pages)
            write_index(temp, plan)
        write_empty_parts(temp)
        parts = {table: tuple(sorted(p.name for p in (temp / table).iterdir())) for table in TABLES}
        manifest = Manifest(
            run_id=uuid.uuid4().hex,
            started_at=started_at,
            finished_at=_now(),
            inputs=shown_inputs,
            glob=glob,
            max_bytes=max_bytes,
            files=len(files),
            jobs=used_jobs,
            seconds=round(time.perf_counter() - started, 3),
            status=StatusCounts(**status),
            tables=tables,
            schema_version=SCHEMA_VERSION,
            ingest_version=ingest_version(),
            versions=_versions(),
            engine=engine,
            incremental=None if plan is None else plan.counts,
            parts=parts,
            artifact_key=artifact_key,
            as_of=crawl_date.isoformat(),
        )
        write_manifest(temp, manifest)
        publish(temp, target)
    return manifest
