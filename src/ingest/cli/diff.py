"""``ingest diff OLD_OUT NEW_OUT``: what changed between two crawls, as a change feed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pyarrow as pa
import pyarrow.parquet as pq

from ingest.cli._common import EXIT_RUN_FAILED, fail
from ingest.cli._options import choice_option, format_option
from ingest.dataset.diff import KEY_BY, Diff, diff
from ingest.dataset.manifest import NotAnOutputError
from ingest.lint.formats import one_line

CHANGES_FILE = "changes.parquet"


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return one_line(str(value))


def _text(result: Diff) -> None:
    rows = result.rows()
    for index, row in enumerate(rows):
        key = one_line(row["page_key"])
        entity, change = row["entity"], row["change_type"]
        if entity == "page":
            click.echo(f"{'+' if change == 'insert' else '-'} page {key}")
        elif entity == "finding":
            sign = "+" if change == "insert" else "-"
            what = "new" if change == "insert" else "fixed"
            click.echo(f"{sign} finding {key}: {row['code']} ({what}) {one_line(row['message'])}")
        elif change in ("insert", "delete"):
            sign = "+" if change == "insert" else "-"
            click.echo(f"{sign} {key} {row['side']}: {_shown(row['subject'])}")
        elif change == "update_postimage":
            before = rows[index - 1]
            moves = ", ".join(
                f"{name} {_shown(before[name])} -> {_shown(row[name])}" for name in row["changed"]
            )
            click.echo(f"~ {key} {row['side']} {_shown(row['subject'])}: {moves}")
    counts = result.counts()
    click.echo(
        f"{counts['pages_added']} pages added, {counts['pages_removed']} removed, "
        f"{counts['subjects_changed']} page sides changed; "
        f"{counts['findings_new']} findings new, {counts['findings_fixed']} fixed"
    )


def _parquet(result: Diff, folder: str | None) -> None:
    if folder is None:
        fail("--format parquet needs -o DIR (the folder to write changes.parquet into)")
    target = Path(folder)
    if target.exists() and not target.is_dir():
        fail(f"{folder}: not a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
        temporary = target / f".{CHANGES_FILE}.{os.getpid()}"
        pq.write_table(result.changes, temporary)
        os.replace(temporary, target / CHANGES_FILE)
    except OSError as error:
        fail(f"{folder}: cannot write {CHANGES_FILE} ({error.strerror or error})", EXIT_RUN_FAILED)
    click.echo(f"{result.changes.num_rows} changes -> {target / CHANGES_FILE}")


@click.command("diff")
@click.argument("old", type=click.Path(), metavar="OLD_OUT")
@click.argument("new", type=click.Path(), metavar="NEW_OUT")
@format_option(
    ("text", "json", "parquet"),
    "text: one line per change; json: the change rows; parquet: DIR/changes.parquet.",
)
@click.option(
    "-o", "--output", "folder", type=click.Path(), default=None, help="With parquet: DIR."
)
@choice_option(
    "--key",
    "key_by",
    choices=KEY_BY,
    default="path",
    help="Match pages by path relative to their input folder, or by file-name slugs.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 if anything changed (like git diff).")
def diff_command(
    old: str, new: str, output_format: str, folder: str | None, key_by: str, exit_code: bool
) -> None:
    """Pages added, removed and changed from OLD_OUT to NEW_OUT (two ingest parse outputs).

    Change types insert, delete, update_preimage and update_postimage, as in
    Delta's change feed. Exit 0, or with --exit-code 1 when anything changed;
    2 when an output cannot be read.
    """
    try:
        result = diff(old, new, key_by=key_by)
    except (NotAnOutputError, OSError, pa.ArrowException, KeyError) as error:
        fail(str(error))
    if output_format == "json":
        click.echo(
            json.dumps({"changes": result.rows(), **result.counts()}, indent=2, ensure_ascii=False)
        )
    elif output_format == "parquet":
        _parquet(result, folder)
    else:
        _text(result)
    raise SystemExit(1 if exit_code and result.changed else 0)
