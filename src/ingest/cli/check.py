"""``ingest check``, ``ingest rules``, ``ingest rule``: over ``ingest.lint``, ``ingest.rules``."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from ingest.cli._common import EXIT_FINDINGS, EXIT_RUN_FAILED, fail
from ingest.cli._selection import make_selection, selection_options
from ingest.cli._timeout import timeout_option
from ingest.cli.check_fix import (
    Enabled,
    FixRun,
    collect_suggestions,
    fix_summary,
    report_fixes,
    run_fixes,
)
from ingest.cli.check_rules import RunRules
from ingest.cli.check_stdin import STDIN, fix_stdin, fixed_bytes, read_stdin, stdin_page, write_page
from ingest.errors import ParseError
from ingest.jobs.discover import DEFAULT_GLOB, InputError, Selection, common_root
from ingest.lint import (
    FORMATS,
    Baseline,
    BaselineError,
    CheckConfig,
    ConfigError,
    Report,
    check,
    render,
    render_statistics,
)
from ingest.lint.ci_formats import append_step_summary
from ingest.lint.config import ConfigFinder, docs_url_problem, find_config, load_config_file
from ingest.lint.formats import WITH_FIXES, Format, summary_line
from ingest.page.findings import Severity
from ingest.page.models import Page
from ingest.parse.reader import DEFAULT_MAX_BYTES
from ingest.rules import UnknownRuleError, get_rule, select_codes
from ingest.rules.catalogue import CATALOGUE


def _selection(option: str, codes: tuple[str, ...]) -> list[str]:
    """Validate the codes of one option, so that the error names it."""
    try:
        select_codes(codes or None)
    except UnknownRuleError as error:
        fail(f"{option}: {error}")
    return list(codes)


@click.command("check")
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
@click.option(
    "--glob",
    "pattern",
    default=DEFAULT_GLOB,
    show_default=True,
    metavar="PATTERN",
    help="Which files to take inside folders.",
)
@selection_options
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Read the settings from FILE (an ingest.toml, or a pyproject.toml's [tool.ingest]).",
)
@click.option("--isolated", is_flag=True, help="Read no settings file.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only (no summary line).")
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="The name of the page read from stdin (PATH `-`).",
)
@click.option("--fix", is_flag=True, help="Repair the findings that have a safe fix, in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or suggest) the unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List each fix applied (on stderr).")
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a fix was applied, even if clean."
)
@click.option(
    "--docs-url",
    default=None,
    metavar="URL",
    help="Where docs/rules.md is published: SARIF links each rule there (helpUri).",
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
    pattern: str = DEFAULT_GLOB,
    exclude: tuple[str, ...] = (),
    extend_exclude: tuple[str, ...] = (),
    no_respect_gitignore: bool = False,
    config_file: str | None = None,
    isolated: bool = False,
    quiet: bool = False,
    stdin_filename: str | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    show_fixes: bool = False,
    exit_non_zero_on_fix: bool = False,
    docs_url: str | None = None,
) -> None:
    """Check the verdicts of the pages under PATH... against their own numbers.

    Folders are walked recursively (not .git, .venv, hidden folders, nor what
    .gitignore ignores). Exit 0 when no finding reaches --fail-on, 1 when one
    does, 2 for a usage or configuration error. Each file's nearest ingest.toml
    or pyproject.toml with [tool.ingest] sets its select, ignore and severity
    (the one above the paths' common folder sets fail-on and excludes). `-`
    reads a page from stdin; `--fix -` prints the fixed page on stdout.
    """
    problem = docs_url_problem(docs_url)
    if problem is not None:
        fail(f"--docs-url: {problem}")
    stdin = paths == (STDIN,)
    if STDIN in paths and not stdin:
        fail("`-` (stdin) cannot be given with other paths")
    if statistics and fmt not in ("text", "json"):
        fail("--statistics works with --format text or json")
    source = stdin_filename or STDIN
    config = _settings(paths, config_file, isolated, source if stdin else None)
    selection = make_selection(
        exclude,
        extend_exclude,
        no_respect_gitignore,
        configured_exclude=config.exclude,
        configured_extend=config.extend_exclude,
        configured_gitignore=config.respect_gitignore,
    )
    single = config if isolated or config_file is not None or stdin else None
    rules = RunRules(_selection("--select", select), _selection("--ignore", ignore), single)
    default = rules.of(config)
    enabled: Enabled = rules.enabled_for if rules.per_file else default.enabled
    fixing = (fix, diff, unsafe_fixes, show_fixes)
    items: list[str] | list[Page | ParseError]
    if stdin:
        data = read_stdin(source, max_bytes)
        repair = _repair_stdin(data, source, default.enabled, fixing)
        items = [stdin_page(data if repair is None else fixed_bytes(data, repair), source)]
    else:
        limits = (max_bytes, follow_symlinks, pattern, selection)
        repair = _repair(paths, enabled, fixing, limits)
        items = list(paths)
    try:
        report = check(
            items,
            default.enabled,
            severity=default.severity,
            baseline=baseline,
            jobs=jobs,
            progress=None,
            max_bytes=max_bytes,
            timeout_per_file=timeout_per_file,
            follow_symlinks=follow_symlinks,
            pattern=pattern,
            selection=selection,
            rules_for=rules.for_file if rules.per_file else None,
        )
    except (InputError, BaselineError, ConfigError) as error:
        fail(str(error))
    checked = rules.used() if rules.per_file else default.enabled
    if not report.files:
        fail(f"no page files ({pattern}) under {', '.join(paths)}")
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
    if fmt in WITH_FIXES and not statistics and not stdin:
        hints = collect_suggestions(
            paths,
            enabled,
            unsafe=unsafe_fixes,
            max_bytes=max_bytes,
            follow_symlinks=follow_symlinks,
            wanted={f.path for f in report.findings},
            pattern=pattern,
            selection=selection,
        )
    output = (
        render_statistics(report, fmt)
        if statistics
        else render(
            report,
            fmt,
            hints=hints,
            fail_on=fail_on or config.fail_on,
            rules=checked,
            docs_url=docs_url or config.docs_url,
        )
    )
    if quiet and fmt == "text":
        output = "".join(output.splitlines(keepends=True)[:-1])  # the findings, no summary
    click.echo(output, nl=False, err=stdin and fix)  # `--fix -`: stdout is the page
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and step_summary:
        try:
            append_step_summary(report, summary_line(report), step_summary)
        except OSError as error:
            fail(f"{step_summary}: cannot append the job summary ({error.strerror})")
    if repair is not None:
        if repair.changed and not quiet:
            click.echo(fix_summary(repair, would=False), err=True)
        if repair.problems:
            raise SystemExit(EXIT_RUN_FAILED)
        if exit_non_zero_on_fix and repair.changed:
            raise SystemExit(EXIT_FINDINGS)
    if not exit_zero and report.failed(fail_on or config.fail_on):
        raise SystemExit(EXIT_FINDINGS)


def _settings(
    paths: tuple[str, ...], config_file: str | None, isolated: bool, stdin_name: str | None
) -> CheckConfig:
    """`--isolated`: none; `--config FILE`: that one; else the nearest above the common folder
    of the paths (or above ``stdin_name``, the `--stdin-filename` of a page on stdin): it
    chooses the files (excludes) and `fail-on`; each file's rules come from its own."""
    if isolated:
        return CheckConfig()
    try:
        if config_file is not None:
            return load_config_file(config_file)
        if stdin_name is not None:
            return ConfigFinder().for_file(stdin_name)
        return find_config(common_root(paths))
    except ConfigError as error:
        fail(str(error))


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
    enabled: Enabled,
    fixing: tuple[bool, bool, bool, bool],
    limits: tuple[int, bool, str, Selection],
) -> FixRun | None:
    """`--fix` (write, then the check reports what is left) or `--diff` (print, exit here)."""
    fix, diff, unsafe, show = fixing
    if not (fix or diff):
        return None
    max_bytes, follow_symlinks, pattern, selection = limits
    try:
        run = run_fixes(
            paths,
            enabled,
            unsafe=unsafe,
            write=not diff,
            max_bytes=max_bytes,
            follow_symlinks=follow_symlinks,
            pattern=pattern,
            selection=selection,
        )
    except (InputError, ConfigError) as error:
        fail(str(error))
    return report_fixes(run, diff, show)


def _repair_stdin(
    data: bytes, source: str, enabled: frozenset[str], fixing: tuple[bool, bool, bool, bool]
) -> FixRun | None:
    """`--fix -` (prints the page on stdout; the check of it goes to stderr) or `--diff -`."""
    fix, diff, unsafe, show = fixing
    if not (fix or diff):
        return None
    run = report_fixes(fix_stdin(data, source, enabled, unsafe=unsafe), diff, show)
    write_page(fixed_bytes(data, run))
    return run


@click.command()
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


@click.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one rule (by code, IG104, or name, winner-on-tie)."""
    try:
        found = get_rule(code)
    except UnknownRuleError as error:
        fail(str(error))
    click.echo(found.doc(), nl=False)
