"""``ingest()``: a folder of pages in, a Parquet dataset out, nothing lost.

The parent finds the input files, cuts them into chunks and hands the chunks
to worker processes; each worker reads, parses, checks and normalizes its
pages and streams them into its own part files (a row group every few hundred
pages), so memory stays flat whatever the batch size. Only counts travel back.
Everything is written into a temporary sibling of OUT that replaces OUT at
the end (see :mod:`ingest.outdir`).
"""

from __future__ import annotations

import math
import os
import platform
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata

from ingest.batch_drift import drift_from_files
from ingest.discover import DEFAULT_GLOB, InputError, collect_inputs
from ingest.manifest import Manifest, StatusCounts, write_manifest
from ingest.models import SCHEMA_VERSION
from ingest.normalize import findings_table
from ingest.outdir import check_out, publish, staging
from ingest.pool import default_jobs, map_tasks
from ingest.progress import progress_bar
from ingest.reader import DEFAULT_MAX_BYTES
from ingest.schemas import STATUSES, TABLES, ingest_version
from ingest.worker import ChunkTask, ingest_chunk, warm_up
from ingest.writer import make_table_dirs, write_empty_parts, write_part

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
) -> Manifest:
    """Parse every page under ``paths`` into the Parquet dataset ``out``.

    Folders are walked recursively for files matching ``glob``. ``jobs``
    worker processes (default: all cores) parse and write in parallel; the
    ``pages`` table gets one row for every input file, whatever happened to
    it. ``out`` is replaced only when the run completes.

    Raises :class:`~ingest.discover.InputError` for a missing path or when no
    input file is found, :class:`~ingest.outdir.OutputError` when ``out``
    cannot be written.
    """
    started = time.perf_counter()
    started_at = _now()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not the characters of one
    given = [os.fspath(p) for p in paths]
    if not given:
        raise InputError("no input paths given")
    files = collect_inputs(given, glob)
    if not files:
        raise InputError(f"no files matching {glob!r} under {', '.join(given)}")
    target = check_out(out, given)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    status = dict.fromkeys(STATUSES, 0)
    tables = dict.fromkeys(TABLES, 0)
    with staging(target) as temp:
        make_table_dirs(temp)
        tasks = [
            ChunkTask(index, files[start:stop], str(temp), max_bytes)
            for index, (start, stop) in enumerate(chunk_bounds(len(files), jobs))
        ]
        if len(tasks) > 1 and jobs > 1:
            warm_up()  # once here, instead of once in every worker
        with progress_bar(len(files), enabled=progress) as advance:
            for result in map_tasks(ingest_chunk, tasks, jobs):
                for key, count in result.status.items():
                    status[key] += count
                for key, count in result.rows.items():
                    tables[key] += count
                advance(result.pages)
        drift = drift_from_files(sorted((temp / "pages").glob("part-*.parquet")))
        if drift:
            write_part(temp, "findings", "drift", findings_table(drift))
            tables["findings"] += len(drift)
        write_empty_parts(temp)
        manifest = Manifest(
            run_id=uuid.uuid4().hex,
            started_at=started_at,
            finished_at=_now(),
            inputs=tuple(given),
            glob=glob,
            max_bytes=max_bytes,
            files=len(files),
            jobs=jobs,
            seconds=round(time.perf_counter() - started, 3),
            status=StatusCounts(**status),
            tables=tables,
            schema_version=SCHEMA_VERSION,
            ingest_version=ingest_version(),
            versions=_versions(),
        )
        write_manifest(temp, manifest)
        publish(temp, target)
    return manifest
