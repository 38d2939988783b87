"""`ingest.check`: pages or paths in, a :class:`Report` out, files checked in parallel.

Each worker parses its chunk of files, runs the page rules and returns the
findings plus the small per-artifact facts; drift (IG501) is computed once
over the whole batch at the end. Selection, severity overrides and the
baseline apply last, so every rule always runs the same way.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from ingest.errors import ParseError
from ingest.jobs.discover import DEFAULT_GLOB, Selection, find_inputs
from ingest.jobs.page_guard import (
    DEFAULT_TIMEOUT,
    PageTimeout,
    TimeBudget,
    check_timeout,
    internal_error,
)
from ingest.jobs.pool import chunked, map_chunks, resolve_jobs
from ingest.jobs.progress import progress_bar
from ingest.lint.baseline import Baseline
from ingest.lint.report import Report, sort_key
from ingest.page.findings import Finding, Severity
from ingest.page.models import Page
from ingest.parse.api import parse_file_record
from ingest.parse.reader import DEFAULT_MAX_BYTES, outside_error, printable_path
from ingest.rules.drift import ArtifactFacts, drift_findings
from ingest.rules.page_rules import check_page, parse_error_finding
from ingest.rules.registry import get_rule, select_codes

PathOrPage = str | os.PathLike[str] | Page | ParseError
"""What :func:`check` takes: files or folders, parsed pages, or the errors of pages that did
not parse (each an IG001 finding, as in a run)."""


class FileRules(NamedTuple):
    """The rules one file is checked with: the codes enabled and the severity overrides."""

    enabled: frozenset[str]
    severity: Mapping[str, Severity]


RulesFor = Callable[[str], FileRules]
"""The rules of each file, by the path it was found under (``check(..., rules_for=...)``)."""

INLINE_FILES = 256
"""Up to this many files are checked in the calling process (a pool costs more)."""


class _Checked(NamedTuple):
    files: int
    findings: list[Finding]
    facts: list[ArtifactFacts]


def check_files(
    paths: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 0,
    outside: Collection[str] = frozenset(),
) -> _Checked:
    """Parse and check each file; a file that cannot be parsed is an IG001 finding.

    So is a file over ``max_bytes``, a FIFO or device (never blocked on), a file
    that takes more than ``timeout`` seconds (0: no limit), and a file the parser
    or a rule fails on unexpectedly (our bug): one bad page must not stop a CI
    run, and the finding asks for a report. A path in ``outside`` (a symlink
    leaving the inputs) is an IG001 finding without being read.
    """
    findings: list[Finding] = []
    facts: list[ArtifactFacts] = []
    with TimeBudget(timeout) as budget:
        for path in paths:
            shown = printable_path(path)
            if path in outside:  # never opened: nothing of it reaches the findings
                findings.append(parse_error_finding(outside_error(shown)))
                continue
            try:
                try:
                    budget.start()
                    page = parse_file_record(path, max_bytes=max_bytes, recover=True)
                    page_findings = check_page(page, shown)
                    page_facts = ArtifactFacts.from_page(page, shown)
                finally:
                    budget.stop()
            except ParseError as error:
                findings.append(parse_error_finding(error))
                continue
            except PageTimeout as timeout_error:
                findings.append(parse_error_finding(ParseError(str(timeout_error), path=shown)))
                continue
            except Exception as exc:  # our bug must not sink a CI run: report the page
                findings.append(parse_error_finding(internal_error(exc, shown)))
                continue
            findings += page_findings
            facts += page_facts
    return _Checked(len(paths), findings, facts)


def _page_path(page: Page) -> str:
    return page.source if page.source is not None else f"<page {page.page_id[:12]}>"


def _split(
    paths_or_pages: PathOrPage | Iterable[PathOrPage],
) -> tuple[list[Page | ParseError], list[str]]:
    items: Iterable[PathOrPage]
    if isinstance(paths_or_pages, str | os.PathLike | Page | ParseError):
        items = [paths_or_pages]
    else:
        items = paths_or_pages
    pages: list[Page | ParseError] = []
    paths: list[str] = []
    for item in items:
        if isinstance(item, Page | ParseError):
            pages.append(item)
        else:
            paths.append(os.fspath(item))
    return pages, paths


def _given(item: Page | ParseError) -> tuple[str, list[Finding], list[ArtifactFacts]]:
    """The name, findings and facts of a page given parsed (or as the error of its parse)."""
    if isinstance(item, ParseError):
        name = item.path or "<text>"
        return name, [parse_error_finding(item)], []
    name = _page_path(item)
    return name, check_page(item, name), ArtifactFacts.from_page(item, name)


def _selected(
    findings: list[Finding], default: FileRules, by_path: Mapping[str, FileRules]
) -> list[Finding]:
    """The findings each file's rules enable (``by_path``, else ``default``), with their
    severity overrides applied."""
    kept: list[Finding] = []
    for finding in findings:
        rules = by_path.get(finding.path, default)
        if finding.code not in rules.enabled:
            continue
        level = rules.severity.get(finding.code)
        kept.append(finding if level is None else finding.model_copy(update={"severity": level}))
    return kept


def _severities(overrides: Mapping[str, Severity] | None) -> dict[str, Severity]:
    if not overrides:
        return {}
    return {get_rule(code).code: level for code, level in overrides.items()}


def check(
    paths_or_pages: PathOrPage | Iterable[PathOrPage],
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    *,
    severity: Mapping[str, Severity] | None = None,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    pattern: str = DEFAULT_GLOB,
    progress: bool | None = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_per_file: float = DEFAULT_TIMEOUT,
    follow_symlinks: bool = False,
    selection: Selection | None = None,
    rules_for: RulesFor | None = None,
) -> Report:
    """Check pages (parsed :class:`Page` objects, files, or folders walked recursively).

    ``select``/``ignore`` take rule codes or prefixes (``"IG2"``); ``severity``
    overrides a rule's default (``{"IG203": "error"}``); ``baseline`` (a
    :class:`Baseline` or a baseline file) drops the findings it records.
    ``jobs`` worker processes check the files (default: every core); files
    over ``max_bytes`` are IG001 findings without being read, and so are files
    that take more than ``timeout_per_file`` seconds (0: no limit; enforced
    where files are checked in a process's main thread). A file reached
    through a symlink that leaves the input folders is an IG001 finding
    "symlink outside the inputs", never read, unless ``follow_symlinks``. ``selection``
    says which files a folder walk takes (default: not `.git`, `.venv`, hidden folders,
    nor what `.gitignore` ignores; see :class:`ingest.jobs.discover.Selection`).
    ``rules_for`` gives the rules of each file found (by its path as found, e.g. from
    the nearest settings file, :class:`ingest.lint.config.ConfigFinder`), in place of
    ``select``/``ignore``/``severity``, which still apply to the pages given parsed.
    A :class:`ParseError` among the items is that page's IG001 finding.
    Raises ``UnknownRuleError`` for an unknown code, ``InputError`` for a
    missing path, ``BaselineError`` for an unusable baseline (all ValueError), and
    ``ValueError`` for a ``timeout_per_file`` outside 0 to 86,400 seconds.
    """
    check_timeout(timeout_per_file)
    enabled = select_codes(select, ignore)
    levels = _severities(severity)
    if baseline is not None and not isinstance(baseline, Baseline):
        baseline = Baseline.load(baseline)
    pages, paths = _split(paths_or_pages)
    inputs = (
        find_inputs(paths, pattern, follow_symlinks=follow_symlinks, selection=selection)
        if paths
        else None
    )
    files = inputs.files if inputs is not None else []
    outside = inputs.outside if inputs is not None else frozenset()
    findings: list[Finding] = []
    facts: list[ArtifactFacts] = []
    names: list[str] = []
    for item in pages:
        name, found, page_facts = _given(item)
        names.append(name)
        findings += found
        facts += page_facts
    for checked in _check_in_parallel(files, jobs, progress, max_bytes, timeout_per_file, outside):
        findings += checked.findings
        facts += checked.facts
    if "IG501" in enabled or rules_for is not None:
        findings += drift_findings(facts)
    # every file's rules, even a clean file's: a bad settings file is an error either way
    by_path = {printable_path(f): rules_for(f) for f in files} if rules_for is not None else {}
    findings = _selected(findings, FileRules(enabled, levels), by_path)
    findings.sort(key=sort_key)
    names += [printable_path(f) for f in files]
    if baseline is None:
        return Report(findings=findings, files=names)
    matched = baseline.match(findings)
    return Report(
        findings=matched.new,
        files=names,
        baselined=len(matched.unchanged),
        known=matched.unchanged,
        baseline_used=True,
        fixed=[entry.as_finding() for entry in matched.fixed(names)],
    )


def _check_in_parallel(
    files: list[str],
    jobs: int | None,
    progress: bool | None,
    max_bytes: int,
    timeout: float,
    outside: frozenset[str] = frozenset(),
) -> list[_Checked]:
    if not files:
        return []
    workers = resolve_jobs(jobs)
    size = len(files)
    if size > INLINE_FILES and workers > 1:
        size = max(64, min(512, math.ceil(len(files) / (workers * 8))))
    results: list[_Checked] = []
    with progress_bar(len(files), "check", enabled=progress) as advance:
        work = functools.partial(check_files, max_bytes=max_bytes, timeout=timeout, outside=outside)
        for checked in map_chunks(work, chunked(files, size), workers):
            results.append(checked)
            advance(checked.files)
    return results
