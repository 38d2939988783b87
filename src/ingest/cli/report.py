"""``ingest report OUT``: one self-contained HTML page about a run, with charts."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import ModuleType

import click

from ingest.cli._common import EXIT_RUN_FAILED, fail

EXTRA_HINT = "pip install 'ingest[report]'"


def load_report_module() -> ModuleType:
    """``ingest.htmlreport``, or a one-line error (exit 2) when the report extra is missing."""
    try:
        import ingest.htmlreport as module  # the extra's altair and vl-convert load with it
    except ModuleNotFoundError as error:
        fail(f"ingest report needs {error.name}, which is not installed ({EXTRA_HINT})")
    return module


def check_target(path: str) -> None:
    """Exit 2 unless ``path`` can be a file: its folder exists and it is not a folder itself."""
    target = Path(path)
    if target.is_dir():
        fail(f"{path}: is a folder (expected the path of the HTML file to write)")
    parent = target.parent
    if not parent.is_dir():
        fail(f"{path}: {parent} is not an existing folder")
    if not os.access(parent, os.W_OK):
        fail(f"{path}: {parent} is not writable")


def write_report(
    out: str, path: str | None, against: str | None = None, title: str | None = None
) -> Path:
    """Write the report; one line and exit 2 for a bad OUT, exit 3 if writing fails."""
    module = load_report_module()
    if path is not None:
        check_target(path)
    try:
        return module.report(out, path, against, title=title)  # type: ignore[no-any-return]
    except module.ReportInputError as error:
        fail(str(error))
    except OSError as error:
        where = path or os.path.join(out, module.REPORT_NAME)
        fail(f"{where}: cannot write the report ({error.strerror or error})", EXIT_RUN_FAILED)


@click.command("report")
@click.argument("out", type=click.Path(), metavar="OUT")
@click.option(
    "-o",
    "--output",
    "path",
    type=click.Path(),
    default=None,
    help="The HTML file to write  [default: OUT/report.html]",
)
@click.option(
    "--against",
    metavar="OLD_OUT",
    type=click.Path(),
    default=None,
    help="An older output folder: add what changed since it.",
)
@click.option("--title", default=None, help="The page's title  [default: the folder's name]")
def report(out: str, path: str | None, against: str | None, title: str | None) -> None:
    """Write an HTML report of the run in OUT: counts, findings, ranks, disagreements, changes.

    One file with inline SVG charts; it opens offline and reads without
    JavaScript. Exit 0 when written, 2 when OUT (or OLD_OUT) is not a readable
    ingest output, 3 when the file cannot be written.
    """
    started = time.perf_counter()
    target = write_report(out, path, against, title)
    size = target.stat().st_size
    seconds = time.perf_counter() - started
    click.echo(f"wrote {target} ({size / 1_000_000:.1f} MB) in {seconds:.1f} s")
