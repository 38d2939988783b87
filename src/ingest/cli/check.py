"""``ingest check``, ``ingest rules`` and ``ingest rule``: thin wrappers over ``ingest.rules``."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from ingest.cli._common import EXIT_FINDINGS, EXIT_RUN_FAILED, fail
from ingest.cli._timeout import timeout_option
from ingest.cli.check_fix import FixRun, collect_suggestions, fix_summary, run_fixes, show_fixes
from ingest.discover import DEFAULT_GLOB, InputError
from ingest.findings import Severity
from ingest.reader import DEFAULT_MAX_BYTES
from ingest.rules import (
    FORMATS,
    Baseline,
    BaselineError,
    ConfigError,
    Report,
    UnknownRuleError,
    check,
    get_rule,
    load_config,
    render,
    render_statistics,
    select_codes,
)
from ingest.rules.catalogue import CATALOGUE
from ingest.rules.ci_formats import append_step_summary
from ingest.rules.formats import WITH_FIXES, Format, one_line, summary_line


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
@click.option("--fix", is_flag=True, help="Repair the findings that have a safe fix, in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or suggest) the unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List each fix applied (on stderr).")
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a fix was applied, even if clean."
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
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    show_fixes: bool = False,
    exit_non_zero_on_fix: bool = False,
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
    if statistics and fmt not in ("text", "json"):
        fail("--statistics works with --format text or json")
    chosen = _selection("--select", select) or config.select
    ignored = [*config.ignore, *_selection("--ignore", ignore)]
    repair = _repair(
        paths,
        select_codes(chosen, ignored),
        fix,
        diff,
        unsafe_fixes,
        show_fixes,
        (
            max_bytes,
            follow_symlinks,
        ),
    )
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
    if write_baseline is not None and baseline is not None:
        _prune_baseline(report, write_baseline)  # then report the new findings, as usual
    elif write_baseline is not None:
        try:
            Baseline.from_findings(report.findings).write(write_baseline)
        except BaselineError as error:
            fail(str(error))
        count = len(report.findings)
        click.echo(
            f"ingest: wrote {count} finding{'s' * (count != 1)} to {write_baseline}", err=True
        )
        return
    hints = None
    if fmt in WITH_FIXES and not statistics:
        hints = collect_suggestions(
            paths,
            select_codes(chosen, ignored),
            unsafe=unsafe_fixes,
            max_bytes=max_bytes,
            follow_symlinks=follow_symlinks,
            wanted={f.path for f in report.findings},
        )
    output = (
        render_statistics(report, fmt)
        if statistics
        else render(
            report,
            fmt,
            hints=hints,
            fail_on=fail_on or config.fail_on,
            rules=select_codes(chosen, ignored),
        )
    )
    click.echo(output, nl=False)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and step_summary:
        try:
            append_step_summary(report, summary_line(report), step_summary)
        except OSError as error:
            fail(f"{step_summary}: cannot append the job summary ({error.strerror})")
    if repair is not None:
        if repair.changed:
            click.echo(fix_summary(repair, would=False), err=True)
        if repair.problems:
            raise SystemExit(EXIT_RUN_FAILED)
        if exit_non_zero_on_fix and repair.changed:
            raise SystemExit(EXIT_FINDINGS)
    if not exit_zero and report.failed(fail_on or config.fail_on):
        raise SystemExit(EXIT_FINDINGS)


def _prune_baseline(report: Report, target: str) -> None:
    """`--baseline OLD --write-baseline NEW`: NEW keeps the recorded findings that still occur
    (the fixed ones are pruned, the new ones are not added)."""
    try:
        Baseline.from_findings(report.known).write(target)
    except BaselineError as error:
        fail(str(error))
    pruned, kept = len(report.fixed), len(report.known)
    click.echo(
        f"ingest: pruned {pruned} fixed finding{'s' * (pruned != 1)}, kept {kept} in {target}",
        err=True,
    )


def _repair(
    paths: tuple[str, ...],
    enabled: frozenset[str],
    fix: bool,
    diff: bool,
    unsafe: bool,
    show: bool,
    limits: tuple[int, bool],
) -> FixRun | None:
    """`--fix` (write, then the check reports what is left) or `--diff` (print, exit here)."""
    if not (fix or diff):
        return None
    max_bytes, follow_symlinks = limits
    try:
        run = run_fixes(
            paths,
            enabled,
            unsafe=unsafe,
            write=not diff,
            max_bytes=max_bytes,
            follow_symlinks=follow_symlinks,
        )
    except InputError as error:
        fail(str(error))
    for problem in run.problems:
        click.echo(f"ingest: error: {one_line(problem)}", err=True)
    if show:
        show_fixes(run)
    if not diff:
        return run
    for done in run.changed:
        click.echo(done.diff(), nl=False)
    click.echo(fix_summary(run, would=True), err=True)
    if run.problems:
        raise SystemExit(EXIT_RUN_FAILED)
    raise SystemExit(EXIT_FINDINGS if run.changed else 0)


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
