"""``ingest summary OUT``: what a run found, read back from its tables."""

from __future__ import annotations

import csv
import json
import os
import sys
from typing import Any

import click
import pyarrow as pa
from rich.console import Console
from rich.table import Table

from ingest.cli._common import fail
from ingest.cli._options import choice_option, format_option
from ingest.dataset.manifest import NotAnOutputError
from ingest.dataset.summary import ARTIFACT_COLUMNS, SORTS, Filters, RunSummary, summarize
from ingest.lint.formats import one_line

COLUMNS = ("source_path", "status", "subject_a", "rank_a", "subject_b", "rank_b", "n_findings")
CSV_COLUMNS = tuple(c for c in ARTIFACT_COLUMNS if c != "disagrees")
"""The columns of `--format csv`: the artifacts listed, without the `disagrees` flag."""


def _number(value: object) -> str:
    """A cell as text; page text has its control characters escaped (no terminal escapes)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_number(item) for item in value)
    return one_line(str(value))


def _text(result: RunSummary, out: str, limit: int, every: bool) -> None:
    # Wide enough for the tables when piped (rich assumes 80 columns there).
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)

    def say(text: str) -> None:
        console.print(text, markup=False)

    say(result.manifest.summary_line())
    say("status: " + ", ".join(f"{k} {v}" for k, v in result.status.items()))
    rules = ", ".join(f"{r['code']} {r['count']}" for r in result.rules) or "none"
    say(f"findings by rule: {rules}")
    for problem in result.problems:
        where = f"{problem['source_path']}:{problem.get('line') or 1}:{problem.get('column') or 1}"
        message = problem.get("message") or "(no error recorded)"
        say(f"{problem['status']}: {one_line(where)}: {one_line(message)}")
    shown = len(result.artifacts)
    which = "artifacts" if every else "artifacts whose figures disagree across pages"
    say(f"{which}: {result.artifacts_total}" + (f", {shown} shown" if shown else ""))
    for a in result.artifacts:
        say(
            f"  {_number(a['artifact_key'])}: {a['n_pages']} pages, rank "
            f"{_number(a['rank_min'])}-{_number(a['rank_max'])}, pricing {_number(a['pricings'])}, "
            f"capabilities {_number(a['declared_counts'])}"
        )
    view = Table(title=f"{out}/pages ({result.manifest.files} rows)", title_justify="left")
    for column in ("file", "status", "subject a", "rank", "subject b", "rank", "findings"):
        view.add_column(column, justify="right" if column in ("rank", "findings") else "left")
    for row in result.pages:
        row = {**row, "source_path": os.path.basename(row["source_path"])}
        view.add_row(*(_number(row[name]) for name in COLUMNS))
    console.print(view)
    if result.manifest.files > limit:
        say(f"... {result.manifest.files - limit} more pages")


def _csv(result: RunSummary) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in result.artifacts:
        row: list[Any] = []
        for column in CSV_COLUMNS:
            value = a[column]
            row.append("; ".join(map(str, value)) if isinstance(value, list) else value)
        writer.writerow(row)


@click.command("summary")
@click.argument("out", type=click.Path(), metavar="OUT")
@format_option(
    ("text", "json", "csv"),
    "text: everything; json: everything; csv: the artifacts listed, one row each.",
)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=0, max=2**31 - 1),
    default=20,
    show_default=True,
    help="Pages and artifacts shown.",
)
@choice_option(
    "--sort",
    choices=SORTS,
    default="spread",
    help="Artifacts by widest rank spread, most pages, or key.",
)
@click.option("--all-artifacts", is_flag=True, help="Also artifacts whose pages agree.")
@click.option("--type", "kind", default=None, help="Only artifacts of this Type (any case).")
@click.option(
    "--min-pages",
    type=click.IntRange(min=1, max=2**31 - 1),
    default=1,
    show_default=True,
    help="Only artifacts on at least this many page sides.",
)
def summary(
    out: str,
    output_format: str,
    limit: int,
    sort: str,
    all_artifacts: bool,
    kind: str | None,
    min_pages: int,
) -> None:
    """Counts by status and rule, failed and partial files, and the artifacts that disagree.

    Read from OUT's tables (one run's, never two); nothing is parsed again.
    """
    filters = Filters(sort, all_artifacts, kind, min_pages, limit)
    try:
        result = summarize(out, filters, limit if output_format == "text" else 0)
    except (NotAnOutputError, OSError, pa.ArrowException) as error:
        fail(str(error))
    if output_format == "json":
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    elif output_format == "csv":
        _csv(result)
    else:
        _text(result, out, limit, all_artifacts)
