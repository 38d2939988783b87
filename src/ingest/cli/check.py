"""``ingest check``, ``ingest rules`` and ``ingest rule``: thin wrappers over ``ingest.rules``."""

from __future__ import annotations

import json
from typing import Any

import click

from ingest.cli._common import EXIT_FINDINGS, fail
from ingest.cli._timeout import timeout_option
from ingest.discover import DEFAULT_GLOB, InputError
from ingest.findings import Severity
from ingest.reader import DEFAULT_MAX_BYTES
from ingest.rules import (
    FORMATS,
    Baseline,
    BaselineError,
    ConfigError,
    UnknownRuleError,
    check,
    get_rule,
    load_config,
    render,
    render_statistics,
    select_codes,
)
from ingest.rules.catalogue import CATALOGUE
from ingest.rules.formats import Format


class OneLineErrors(click.Command):
    """A command whose usage errors are one line (`ingest: error: ...`, exit 2), like ruff's."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            fail(f"{ctx.info_name}: {error.format_message()}")


def _selection(option: str, codes: tuple[str, ...]) -> list[str]:
    """Validate the codes of one option, so that the error names it."""
    try:
        select_codes(codes or None)
    except UnknownRuleError as error:
        fail(f"{option}: {error}")
    return list(codes)


@click.command("check", cls=OneLineErrors)
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes, IG2)."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: error].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Report only findings not recorded in FILE.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Record today's findings in FILE (and exit 0).",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: all cores].",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Larger files are IG001 findings, not parsed.",
)
@timeout_option("an IG001 finding")
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read inputs whose symlinks lead outside PATH... (by default each is an IG001 finding).",
)
def check_command(
    paths: tuple[str, ...],
    fmt: Format,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: Severity | None,
    exit_zero: bool,
    baseline: str | None,
    write_baseline: str | None,
    statistics: bool,
    jobs: int | None,
    max_bytes: int,
    timeout_per_file: float,
    follow_symlinks: bool,
) -> None:
    """Check the verdicts of the pages under PATH... against their own numbers.

    Folders are walked recursively. Exit 0 when no finding reaches --fail-on,
    1 when one does, 2 for a usage or configuration error. `[tool.ingest]` in
    ./pyproject.toml sets select, ignore, fail-on and per-rule severity.
    """
    try:
        config = load_config()
    except ConfigError as error:
        fail(str(error))
    if baseline is not None and write_baseline is not None:
        fail("--baseline and --write-baseline cannot be used together")
    if statistics and fmt not in ("text", "json"):
        fail("--statistics works with --format text or json")
    chosen = _selection("--select", select) or config.select
    ignored = [*config.ignore, *_selection("--ignore", ignore)]
    try:
        report = check(
            paths,
            chosen,
            ignored,
            severity=config.severity,
            baseline=baseline,
            jobs=jobs,
            progress=None,
            max_bytes=max_bytes,
            timeout_per_file=timeout_per_file,
            follow_symlinks=follow_symlinks,
        )
    except (InputError, BaselineError) as error:
        fail(str(error))
    if not report.files:
        fail(f"no page files ({DEFAULT_GLOB}) under {', '.join(paths)}")
    if write_baseline is not None:
        try:
            Baseline.from_findings(report.findings).write(write_baseline)
        except BaselineError as error:
            fail(str(error))
        count = len(report.findings)
        click.echo(
            f"ingest: wrote {count} finding{'s' * (count != 1)} to {write_baseline}", err=True
        )
        return
    click.echo(render_statistics(report, fmt) if statistics else render(report, fmt), nl=False)
    if not exit_zero and report.failed(fail_on or config.fail_on):
        raise SystemExit(EXIT_FINDINGS)


@click.command(cls=OneLineErrors)
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def rules(as_json: bool) -> None:
    """List every rule: code, name, default severity, and when it reports a finding."""
    if as_json:
        entries: list[dict[str, Any]] = [
            {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
            for r in CATALOGUE
        ]
        click.echo(json.dumps(entries, indent=2))
        return
    width = max(len(r.name) for r in CATALOGUE)
    for r in CATALOGUE:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")


@click.command(cls=OneLineErrors)
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one rule (by code, IG104, or name, winner-on-tie)."""
    try:
        found = get_rule(code)
    except UnknownRuleError as error:
        fail(str(error))
    click.echo(found.doc(), nl=False)
