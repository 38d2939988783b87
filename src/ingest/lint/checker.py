"""`ingest.check`: pages or paths in, a :class:`Report` out, files checked in parallel.

Each worker parses its chunk of files, runs the page rules each file enables and
returns the findings plus the small per-artifact facts; drift (IG501) is
computed once over the whole batch at the end. Severity overrides and the
baseline apply last (and the selection again, for the findings no page check
reports: IG001, IG501).
"""

from __future__ import annotations

import functools
import math
import os
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from ingest.errors import ParseError
from ingest.jobs.discover import DEFAULT_GLOB, Selection, find_inputs
from ingest.jobs.page_guard import (
    DEFAULT_TIMEOUT,
    PageTimeout,
    TimeBudget,
    check_timeout,
    internal_error,
)
from ingest.jobs.pool import chunked, map_tasks, resolve_jobs
from ingest.jobs.progress import progress_bar
from ingest.lint.baseline import Baseline
from ingest.lint.report import Report, report_models, sort_key
from ingest.page.findings import Finding, Severity
from ingest.parse.api import parse_file_record
from ingest.parse.reader import DEFAULT_MAX_BYTES, outside_error, printable_path
from ingest.rules.check import check_page
from ingest.rules.drift import ArtifactFacts, drift_findings
from ingest.rules.registry import get_rule, select_codes
from ingest.rules.structure import parse_error_finding

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from ingest.page import models
    from ingest.page.models import Page

PathOrPage: TypeAlias = "str | os.PathLike[str] | Page | ParseError"
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


class _Chunk(NamedTuple):
    """The files one worker checks, and the codes each enables."""

    paths: Sequence[str]
    enabled: Sequence[frozenset[str]]


class _Run(NamedTuple):
    """How the files of a run are checked: workers, progress bar, limits, drift facts."""

    jobs: int | None
    progress: bool | None
    max_bytes: int
    timeout: float
    outside: frozenset[str]
    facts: bool = True


class _Rules(NamedTuple):
    """The rules of a run: each file's by its printable path, ``default`` for the rest."""

    default: FileRules
    by_path: Mapping[str, FileRules]

    def enabled(self, name: str) -> frozenset[str]:
        return self.by_path.get(name, self.default).enabled

    def drift(self) -> bool:
        """True when some file enables IG501 (else its facts need not be collected)."""
        found = ("IG501" in rules.enabled for rules in self.by_path.values())
        return "IG501" in self.default.enabled or any(found)


def check_files(
    paths: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 0,
    outside: Collection[str] = frozenset(),
    *,
    enabled: Sequence[frozenset[str] | None] | None = None,
    facts: bool = True,
) -> _Checked:
    """Parse and check each file; a file that cannot be parsed is an IG001 finding.

    So is a file over ``max_bytes``, a FIFO or device (never blocked on), a file
    that takes more than ``timeout`` seconds (0: no limit), and a file the parser
    or a rule fails on unexpectedly (our bug): one bad page must not stop a CI
    run, and the finding asks for a report. A path in ``outside`` (a symlink
    leaving the inputs) is an IG001 finding without being read. ``enabled[i]``
    is the codes the page rules report on ``paths[i]`` (default: all); the
    artifact facts for drift are collected when ``facts`` is true.
    """
    findings: list[Finding] = []
    all_facts: list[ArtifactFacts] = []
    with TimeBudget(timeout) as budget:
        for index, path in enumerate(paths):
            shown = printable_path(path)
            if path in outside:  # never opened: nothing of it reaches the findings
                findings.append(parse_error_finding(outside_error(shown)))
                continue
            try:
                try:
                    budget.start()
                    page = parse_file_record(path, max_bytes=max_bytes, recover=True)
                    codes = None if enabled is None else enabled[index]
                    page_findings = check_page(page, shown, enabled=codes)
                    page_facts = ArtifactFacts.from_page(page, shown) if facts else []
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
            all_facts += page_facts
    return _Checked(len(paths), findings, all_facts)


def _check_chunk(
    chunk: _Chunk, max_bytes: int, timeout: float, outside: Collection[str], facts: bool
) -> _Checked:
    """:func:`check_files` on one worker's chunk."""
    return check_files(chunk.paths, max_bytes, timeout, outside, enabled=chunk.enabled, facts=facts)


def _page_path(page: Page) -> str:
    return page.source if page.source is not None else f"<page {page.page_id[:12]}>"


def _is_parsed(item: object) -> TypeIs[Page | ParseError]:
    """True for a Page model or a ParseError. The Page class is looked up only once its module
    is loaded: before that no item can be one (and ``ingest check`` never loads it)."""
    if isinstance(item, ParseError):
        return True
    models = sys.modules.get("ingest.page.models")
    return models is not None and isinstance(item, models.Page)


def _is_one(value: PathOrPage | Iterable[PathOrPage]) -> TypeIs[PathOrPage]:
    return isinstance(value, str | os.PathLike) or _is_parsed(value)


def _split(
    paths_or_pages: PathOrPage | Iterable[PathOrPage],
) -> tuple[list[Page | ParseError], list[str]]:
    items = [paths_or_pages] if _is_one(paths_or_pages) else paths_or_pages
    pages: list[Page | ParseError] = []
    paths: list[str] = []
    for item in items:
        if _is_parsed(item):
            pages.append(item)
        else:
            paths.append(os.fspath(item))
    return pages, paths


def _given_name(item: Page | ParseError) -> str:
    return item.path or "<text>" if isinstance(item, ParseError) else _page_path(item)


def _check_given(
    items: list[Page | ParseError], enabled_of: Callable[[str], frozenset[str]]
) -> _Checked:
    """The findings and facts of the pages given parsed (or as the error of their parse)."""
    findings: list[Finding] = []
    facts: list[ArtifactFacts] = []
    for item in items:
        name = _given_name(item)
        if isinstance(item, ParseError):
            findings.append(parse_error_finding(item))
            continue
        findings += check_page(item, name, enabled=enabled_of(name))
        facts += ArtifactFacts.from_page(item, name)
    return _Checked(len(items), findings, facts)


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
        kept.append(finding if level is None else finding._replace(severity=level))
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
) -> Report[models.Finding]:
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
    report = check_records(
        paths_or_pages,
        select,
        ignore,
        severity=severity,
        baseline=baseline,
        jobs=jobs,
        pattern=pattern,
        progress=progress,
        max_bytes=max_bytes,
        timeout_per_file=timeout_per_file,
        follow_symlinks=follow_symlinks,
        selection=selection,
        rules_for=rules_for,
    )
    return report_models(report)


def check_records(
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
) -> Report[Finding]:
    """:func:`check`, its findings as records (:class:`ingest.page.findings.Finding`, no
    pydantic): what ``ingest check`` renders."""
    check_timeout(timeout_per_file)
    default = FileRules(select_codes(select, ignore), _severities(severity))
    if baseline is not None and not isinstance(baseline, Baseline):
        baseline = Baseline.load(baseline)
    pages, paths = _split(paths_or_pages)
    inputs = (
        find_inputs(paths, pattern, follow_symlinks=follow_symlinks, selection=selection)
        if paths
        else None
    )
    files = list(inputs.files) if inputs is not None else []
    shown = [printable_path(f) for f in files]
    # every file's rules, even a clean file's: a bad settings file is an error either way
    by_path = dict(zip(shown, map(rules_for, files), strict=True)) if rules_for is not None else {}
    run = _Run(
        jobs,
        progress,
        max_bytes,
        timeout_per_file,
        inputs.outside if inputs is not None else frozenset(),
    )
    findings = _findings(pages, files, shown, _Rules(default, by_path), run)
    return _report(findings, [*map(_given_name, pages), *shown], baseline)


def _findings(
    pages: list[Page | ParseError], files: list[str], shown: list[str], rules: _Rules, run: _Run
) -> list[Finding]:
    """The findings of the pages given and of ``files`` (named ``shown``), each checked
    with its rules, drift included, sorted."""
    drift = rules.drift()
    checked = [_check_given(pages, rules.enabled)]
    enabled = [rules.enabled(name) for name in shown]
    checked += _check_in_parallel(_Chunk(files, enabled), run._replace(facts=drift))
    findings = [finding for part in checked for finding in part.findings]
    if drift:
        findings += drift_findings(fact for part in checked for fact in part.facts)
    findings = _selected(findings, rules.default, rules.by_path)
    findings.sort(key=sort_key)
    return findings


def _report(
    findings: list[Finding], names: list[str], baseline: Baseline | None
) -> Report[Finding]:
    """The report of a run: its findings, less those ``baseline`` records."""
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


def _check_in_parallel(files: _Chunk, run: _Run) -> list[_Checked]:
    if not files.paths:
        return []
    workers = resolve_jobs(run.jobs)
    count = len(files.paths)
    size = count
    if size > INLINE_FILES and workers > 1:
        size = max(64, min(512, math.ceil(count / (workers * 8))))
    chunks = [
        _Chunk(paths, enabled)
        for paths, enabled in zip(
            chunked(files.paths, size), chunked(files.enabled, size), strict=True
        )
    ]
    results: list[_Checked] = []
    with progress_bar(count, "check", enabled=run.progress) as advance:
        work = functools.partial(
            _check_chunk,
            max_bytes=run.max_bytes,
            timeout=run.timeout,
            outside=run.outside,
            facts=run.facts,
        )
        for checked in map_tasks(work, chunks, workers):
            results.append(checked)
            advance(checked.files)
    return results
