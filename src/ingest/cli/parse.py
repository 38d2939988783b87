"""``ingest parse PATH... -o OUT``: a folder of pages into a Parquet dataset."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from ingest.batch.engines import ENGINES, EngineError
from ingest.batch.run import ingest
from ingest.batch.worker import skip_pandas_probe
from ingest.cli._common import EXIT_RUN_FAILED, fail
from ingest.cli._options import choice_option, glob_option, input_limits, jobs_option
from ingest.cli._selection import make_selection, selection_options
from ingest.cli.report import load_report_module, write_report
from ingest.dataset.artifacts import KEY_BY
from ingest.dataset.outdir import OutputError, RunFailedError
from ingest.jobs.discover import InputError

if TYPE_CHECKING:
    from ingest.dataset.manifest import Manifest

EXIT_INTERRUPTED = 130


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit, so that a terminated run removes its temporary folder."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(),
    help="Output folder; replaced only when the run completes.",
)
@jobs_option("Worker processes  [default: all cores]")
@glob_option()
@selection_options
@input_limits("failed pages", "a failed page")
@choice_option(
    "--artifact-key",
    choices=KEY_BY,
    default="name-type",
    help="How the artifacts table tells artifacts apart: display name and Type, or the "
    "slugs of file names '<a>-vs-<b>.txt'.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The crawl's date (YYYY-MM-DD), recorded in the manifest  [default: today, UTC]",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@choice_option(
    "--engine",
    choices=ENGINES,
    default="local",
    help="Where pages are parsed: local worker processes, or a Dask cluster (ingest[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --engine dask: the cluster's scheduler (tcp://host:8786)  "
    "[default: a local cluster on 127.0.0.1]",
)
@click.option(
    "--incremental",
    is_flag=True,
    help="Parse only inputs that are new or changed since OUT was written; keep the rest.",
)
@click.option(
    "--report",
    "write_html",
    is_flag=True,
    help="Also write OUT/report.html at the end of the run (ingest[report]).",
)
def parse(
    paths: tuple[str, ...],
    out: str,
    jobs: int | None,
    pattern: str,
    max_bytes: int,
    timeout_per_file: float,
    follow_symlinks: bool,
    artifact_key: str,
    as_of: datetime | None,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    incremental: bool,
    write_html: bool,
    exclude: tuple[str, ...] = (),
    extend_exclude: tuple[str, ...] = (),
    no_respect_gitignore: bool = False,
) -> None:
    """Parse every page under PATH... into Parquet tables under OUT.

    Exit 0 when every page is ok, 1 when some are partial or failed (each is
    a row of OUT/pages and OUT/errors), 2 for usage errors (OUT not ours,
    another run writing it), 3 when the run itself could not finish (disk
    full, lost lock; OUT is left as it was).
    """
    skip_pandas_probe()
    if write_html:
        load_report_module()  # a missing extra is a usage error before the run, not after
    manifest = _run(
        paths,
        out,
        jobs,
        glob=pattern,
        max_bytes=max_bytes,
        timeout_per_file=timeout_per_file,
        follow_symlinks=follow_symlinks,
        progress=not quiet and sys.stderr.isatty(),
        engine=engine,
        scheduler=scheduler,
        incremental=incremental,
        artifact_key=artifact_key,
        as_of=None if as_of is None else as_of.date(),
        selection=make_selection(exclude, extend_exclude, no_respect_gitignore),
    )
    click.echo(f"{manifest.summary_line()} -> {out}")
    if write_html:
        click.echo(f"report -> {write_report(out, None)}")
    raise SystemExit(manifest.exit_code)


def _run(paths: tuple[str, ...], out: str, jobs: int | None, **options: Any) -> Manifest:
    """:func:`ingest.batch.run.ingest`, its usage and run errors as one line (exit 2, 3, 130)."""
    try:
        with _terminate_as_exit():
            return ingest(paths, out, jobs, **options)
    except (InputError, OutputError, EngineError) as error:
        fail(str(error))
    except RunFailedError as error:
        fail(str(error), EXIT_RUN_FAILED)
    except KeyboardInterrupt:
        fail(f"interrupted; {out} is left as it was", EXIT_INTERRUPTED)
