"""``ingest summary OUT``: what a run wrote, read back from its Parquet files."""

from __future__ import annotations

import os
import sys

import click
import pyarrow as pa
from rich.console import Console
from rich.table import Table

from ingest.cli._common import fail
from ingest.dataset import read_snapshot
from ingest.manifest import NotAnOutputError
from ingest.rules.formats import one_line

COLUMNS = ("source_path", "status", "subject_a", "rank_a", "subject_b", "rank_b", "n_findings")


def _number(value: object) -> str:
    """A cell as text; page text has its control characters escaped (no terminal escapes)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return one_line(str(value))


@click.command("summary")
@click.argument("out", type=click.Path(), metavar="OUT")
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=0, max=2**31 - 1),
    default=20,
    show_default=True,
    help="Pages shown.",
)
def summary(out: str, limit: int) -> None:
    """Show the run's summary line and its pages (subjects, ranks, status) from OUT."""
    try:
        manifest, tables = read_snapshot(out, ("pages",), COLUMNS)  # one run's, never two
    except (NotAnOutputError, OSError, pa.ArrowException) as error:
        fail(str(error))
    # Wide enough for the table when piped (rich assumes 80 columns there).
    pages = tables["pages"]
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    console.print(manifest.summary_line(), markup=False)
    view = Table(title=f"{out}/pages ({pages.num_rows} rows)", title_justify="left")
    for column in ("file", "status", "subject a", "rank", "subject b", "rank", "findings"):
        view.add_column(column, justify="right" if column in ("rank", "findings") else "left")
    for row in pages.slice(0, limit).to_pylist():
        row["source_path"] = os.path.basename(row["source_path"])
        view.add_row(*(_number(row[name]) for name in COLUMNS))
    console.print(view)
    if pages.num_rows > limit:
        console.print(f"... {pages.num_rows - limit} more pages", markup=False)
