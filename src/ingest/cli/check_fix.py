"""`ingest check --fix / --diff / --show-fixes`: the repair half of the check command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import click

from ingest.cli._common import EXIT_FINDINGS, EXIT_RUN_FAILED
from ingest.jobs.discover import DEFAULT_GLOB, Selection, find_inputs
from ingest.lint.formats import one_line
from ingest.parse.reader import printable_path
from ingest.rules.registry import RULES

if TYPE_CHECKING:
    from ingest.lint.repair.files import FileFix, PageHints

Enabled = frozenset[str] | Callable[[str], frozenset[str]]
"""The rules to fix: the same for every file, or each file's own (its nearest settings)."""


def _rules(enabled: Enabled, path: str) -> frozenset[str]:
    return enabled if isinstance(enabled, frozenset) else enabled(path)


class FixRun(NamedTuple):
    """What a `--fix` or `--diff` pass did: the files it changed, and what went wrong."""

    changed: list[FileFix]
    problems: list[str]

    @property
    def fixes(self) -> int:
        return sum(len(f.fixes) for f in self.changed)


def _pages(
    paths: Sequence[str], pattern: str, follow_symlinks: bool, selection: Selection | None
) -> list[str]:
    inputs = find_inputs(paths, pattern, follow_symlinks=follow_symlinks, selection=selection)
    return [path for path in inputs.files if path not in inputs.outside]


def run_fixes(
    paths: Sequence[str],
    enabled: Enabled,
    *,
    unsafe: bool,
    write: bool,
    max_bytes: int,
    follow_symlinks: bool,
    pattern: str = DEFAULT_GLOB,
    selection: Selection | None = None,
) -> FixRun:
    """Fix every page under ``paths`` (written back when ``write``)."""
    from ingest.lint.repair.files import FixFileError, fix_file  # here: a check without fixes

    changed: list[FileFix] = []
    problems: list[str] = []
    for path in _pages(paths, pattern, follow_symlinks, selection):
        try:
            done = fix_file(
                path, _rules(enabled, path), unsafe=unsafe, max_bytes=max_bytes, write=write
            )
        except FixFileError as error:
            problems.append(str(error))
            continue
        if done is not None and done.fixes:
            changed.append(done)
    return FixRun(changed, problems)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def show_fixes(run: FixRun) -> None:
    """`--show-fixes`: each fix on one line, `path:line: CODE name: what was written`."""
    for done in run.changed:
        shown = printable_path(done.path)
        for applied in done.fixes:
            names = ", ".join(f"{code} {RULES[code].name}" for code in applied.codes)
            click.echo(
                one_line(f"{shown}:{applied.line}: {names}: {applied.description}"), err=True
            )


def fix_summary(run: FixRun, would: bool) -> str:
    """`Fixed 3 findings in 2 files.` / `Would fix 3 findings in 2 files.`"""
    verb = "Would fix" if would else "Fixed"
    return f"{verb} {_plural(run.fixes, 'finding')} in {_plural(len(run.changed), 'file')}."


def collect_suggestions(
    paths: Sequence[str],
    enabled: Enabled,
    *,
    unsafe: bool,
    max_bytes: int,
    follow_symlinks: bool,
    wanted: set[str],
    pattern: str = DEFAULT_GLOB,
    selection: Selection | None = None,
) -> dict[str, PageHints]:
    """The fix suggestions of each page (by its printable path) that has findings (``wanted``)."""
    from ingest.lint.repair.files import file_suggestions  # here: SARIF and rdjson only

    found: dict[str, PageHints] = {}
    for path in _pages(paths, pattern, follow_symlinks, selection):
        shown = printable_path(path)
        if shown in wanted:
            found[shown] = file_suggestions(
                path, _rules(enabled, path), unsafe=unsafe, max_bytes=max_bytes
            )
    return found


def report_fixes(run: FixRun, diff: bool, show: bool) -> FixRun:
    """Print the problems and (`--show-fixes`) the fixes; `--diff` prints the diff and exits."""
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
