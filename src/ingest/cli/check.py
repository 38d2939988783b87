"""``ingest check``: over ``ingest.lint`` and ``ingest.rules`` (``ingest rules``: rule_docs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from ingest.cli._common import EXIT_FINDINGS, EXIT_RUN_FAILED, fail
from ingest.cli._options import choice_option, file_option, glob_option, input_limits, jobs_option
from ingest.cli._selection import make_selection, selection_options
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
    render,
    render_statistics,
)
from ingest.lint.checker import FileRules, check_records
from ingest.lint.ci_formats import append_step_summary
from ingest.lint.config import ConfigFinder, docs_url_problem, find_config, load_config_file
from ingest.lint.formats import WITH_FIXES, Format, summary_line
from ingest.page.findings import Finding, Severity
from ingest.rules import UnknownRuleError, select_codes

if TYPE_CHECKING:
    from ingest.page.models import Page


def _selection(option: str, codes: tuple[str, ...]) -> list[str]:
    """Validate the codes of one option, so that the error names it."""
    try:
        select_codes(codes or None)
    except UnknownRuleError as error:
        fail(f"{option}: {error}")
    return list(codes)


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@choice_option("--format", "fmt", choices=FORMATS, default="text", help="Output format.")
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
@file_option("--baseline", help="Report only findings not recorded in FILE.")
@file_option("--write-baseline", help="Record today's findings in FILE (and exit 0).")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@jobs_option("Worker processes [default: all cores].")
@input_limits("IG001 findings", "an IG001 finding")
@glob_option(metavar="PATTERN")
@selection_options
@file_option(
    "--config",
    "config_file",
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
def check_command(**options: Any) -> None:
    """Check the verdicts of the pages under PATH... against their own numbers.

    Folders are walked recursively (not .git, .venv, hidden folders, nor what
    .gitignore ignores). Exit 0 when no finding reaches --fail-on, 1 when one
    does, 2 for a usage or configuration error. Each file's nearest ingest.toml
    or pyproject.toml with [tool.ingest] sets its select, ignore and severity
    (the one above the paths' common folder sets fail-on and excludes). `-`
    reads a page from stdin; `--fix -` prints the fixed page on stdout.
    """
    _check(CheckArgs(**options))


@dataclass(frozen=True)
class CheckArgs:
    """The options of one ``ingest check``, as click parsed them."""

    paths: tuple[str, ...]
    fmt: Format
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Severity | None
    exit_zero: bool
    baseline: str | None
    write_baseline: str | None
    statistics: bool
    jobs: int | None
    max_bytes: int
    timeout_per_file: float
    follow_symlinks: bool
    pattern: str = DEFAULT_GLOB
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    no_respect_gitignore: bool = False
    config_file: str | None = None
    isolated: bool = False
    quiet: bool = False
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    exit_non_zero_on_fix: bool = False
    docs_url: str | None = None

    @property
    def stdin(self) -> bool:
        """PATH is `-`: one page read from stdin."""
        return self.paths == (STDIN,)

    @property
    def source(self) -> str:
        """The name of the page on stdin."""
        return self.stdin_filename or STDIN

    @property
    def fixing(self) -> tuple[bool, bool, bool, bool]:
        return (self.fix, self.diff, self.unsafe_fixes, self.show_fixes)


class _Plan(NamedTuple):
    """What the settings and options decide before the check runs."""

    config: CheckConfig
    selection: Selection
    rules: RunRules
    default: FileRules
    enabled: Enabled


def _check(args: CheckArgs) -> None:
    _usage_errors(args)
    plan = _plan(args)
    items: list[str] | list[Page | ParseError]
    if args.stdin:
        data = read_stdin(args.source, args.max_bytes)
        repair = _repair_stdin(data, args.source, plan.default.enabled, args.fixing)
        items = [stdin_page(data if repair is None else fixed_bytes(data, repair), args.source)]
    else:
        limits = (args.max_bytes, args.follow_symlinks, args.pattern, plan.selection)
        repair = _repair(args.paths, plan.enabled, args.fixing, limits)
        items = list(args.paths)
    report = _run(args, items, plan)
    if not report.files:
        fail(f"no page files ({args.pattern}) under {', '.join(args.paths)}")
    if args.write_baseline is not None and args.baseline is not None:
        _prune_baseline(report, args.write_baseline)  # then report the new findings, as usual
    elif args.write_baseline is not None:
        _write_baseline(report, args.write_baseline)
        return
    _print_report(args, report, plan)
    if repair is not None:
        if repair.changed and not args.quiet:
            click.echo(fix_summary(repair, would=False), err=True)
        if repair.problems:
            raise SystemExit(EXIT_RUN_FAILED)
        if args.exit_non_zero_on_fix and repair.changed:
            raise SystemExit(EXIT_FINDINGS)
    if not args.exit_zero and report.failed(args.fail_on or plan.config.fail_on):
        raise SystemExit(EXIT_FINDINGS)


def _usage_errors(args: CheckArgs) -> None:
    problem = docs_url_problem(args.docs_url)
    if problem is not None:
        fail(f"--docs-url: {problem}")
    if STDIN in args.paths and not args.stdin:
        fail("`-` (stdin) cannot be given with other paths")
    if args.statistics and args.fmt not in ("text", "json"):
        fail("--statistics works with --format text or json")


def _plan(args: CheckArgs) -> _Plan:
    config = _settings(
        args.paths, args.config_file, args.isolated, args.source if args.stdin else None
    )
    selection = make_selection(
        args.exclude,
        args.extend_exclude,
        args.no_respect_gitignore,
        configured_exclude=config.exclude,
        configured_extend=config.extend_exclude,
        configured_gitignore=config.respect_gitignore,
    )
    single = config if args.isolated or args.config_file is not None or args.stdin else None
    rules = RunRules(
        _selection("--select", args.select), _selection("--ignore", args.ignore), single
    )
    default = rules.of(config)
    enabled: Enabled = rules.enabled_for if rules.per_file else default.enabled
    return _Plan(config, selection, rules, default, enabled)


def _run(
    args: CheckArgs, items: list[str] | list[Page | ParseError], plan: _Plan
) -> Report[Finding]:
    rules = plan.rules
    try:
        return check_records(
            items,
            plan.default.enabled,
            severity=plan.default.severity,
            baseline=args.baseline,
            jobs=args.jobs,
            progress=None,
            max_bytes=args.max_bytes,
            timeout_per_file=args.timeout_per_file,
            follow_symlinks=args.follow_symlinks,
            pattern=args.pattern,
            selection=plan.selection,
            rules_for=rules.for_file if rules.per_file else None,
        )
    except (InputError, BaselineError, ConfigError) as error:
        fail(str(error))


def _write_baseline(report: Report[Finding], target: str) -> None:
    try:
        Baseline.from_findings(report.findings).write(target)
    except BaselineError as error:
        fail(str(error))
    count = len(report.findings)
    click.echo(f"ingest: wrote {count} finding{'s' * (count != 1)} to {target}", err=True)


def _print_report(args: CheckArgs, report: Report[Finding], plan: _Plan) -> None:
    """The report in ``--format`` (stdout; stderr for `--fix -`), and GitHub's job summary."""
    fmt, config = args.fmt, plan.config
    hints = None
    if fmt in WITH_FIXES and not args.statistics and not args.stdin:
        hints = collect_suggestions(
            args.paths,
            plan.enabled,
            unsafe=args.unsafe_fixes,
            max_bytes=args.max_bytes,
            follow_symlinks=args.follow_symlinks,
            wanted={f.path for f in report.findings},
            pattern=args.pattern,
            selection=plan.selection,
        )
    checked = plan.rules.used() if plan.rules.per_file else plan.default.enabled
    output = (
        render_statistics(report, fmt)
        if args.statistics
        else render(
            report,
            fmt,
            hints=hints,
            fail_on=args.fail_on or config.fail_on,
            rules=checked,
            docs_url=args.docs_url or config.docs_url,
        )
    )
    if args.quiet and fmt == "text":
        output = "".join(output.splitlines(keepends=True)[:-1])  # the findings, no summary
    click.echo(output, nl=False, err=args.stdin and args.fix)  # `--fix -`: stdout is the page
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and step_summary:
        try:
            append_step_summary(report, summary_line(report), step_summary)
        except OSError as error:
            fail(f"{step_summary}: cannot append the job summary ({error.strerror})")


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


def _prune_baseline(report: Report[Finding], target: str) -> None:
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
