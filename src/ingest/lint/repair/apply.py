"""``fix(page)``: a page's text with the fixable findings repaired, every other byte kept.

Only the summary line and the verdict paragraph are rewritten, and on them only
the sentences an edit names (:mod:`ingest.lint.repair.edits`); line endings, a BOM,
trailing blanks and the text after the verdict stay as they were. Fixing runs
in passes (parse, check, edit) until nothing fixable is left, at most
:data:`MAX_PASSES` times, so a fixed page re-checks without the fixed codes
and fixing it again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, NamedTuple

from ingest.errors import ParseError
from ingest.lint.repair.edits import Edit, Span, apply_spans, overlaps, page_edits
from ingest.lint.report import F
from ingest.page.findings import Finding
from ingest.page.records import Page
from ingest.parse.api import decode, parse_record
from ingest.parse.render import render
from ingest.rules.check import check_page
from ingest.rules.context import PageContext
from ingest.rules.registry import RULES, select_codes

if TYPE_CHECKING:
    from ingest.page import models

MAX_PASSES = 4
LINE_END = re.compile(r"(\r\n|\r|\n)")
"""The line ends the parser knows; splitting on them (and only them) keeps every other byte."""


class AppliedFix(NamedTuple):
    """One repair: the codes it fixed, the line it rewrote, and what it wrote."""

    codes: tuple[str, ...]
    line: int
    unsafe: bool
    description: str


class Suggestion(NamedTuple):
    """An edit of the page as it is (for SARIF and rdjson): spans of line ``line``."""

    line: int
    codes: frozenset[str]
    spans: tuple[Span, ...]
    description: str
    unsafe: bool


class FixResult(NamedTuple, Generic[F]):
    """What :func:`fix` returns: the fixed text, the fixes applied, the findings left
    (:class:`ingest.Finding` models; their records from :func:`fix_text`)."""

    text: str
    fixes: tuple[AppliedFix, ...]
    findings: tuple[F, ...]

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def fix(
    page: models.Page | str | bytes,
    *,
    unsafe: bool = False,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    source: str | None = None,
) -> FixResult[models.Finding]:
    """Repair ``page`` (a model, whose text is ``render(page)``, or a page's text or bytes).

    Safe fixes always apply, unsafe ones with ``unsafe=True``; ``select`` /
    ``ignore`` choose the rules as for :func:`ingest.check`. Raises
    ``ParseError`` for text that is not a page, ``UnknownRuleError`` for an
    unknown code.
    """
    if isinstance(page, bytes):
        decode(page, source)  # the same refusals as the parser (binary, not UTF-8, UTF-16)
        text = page.decode("utf-8")  # keeps a BOM, so that encoding gives the same bytes
    elif isinstance(page, str):
        text = page
    else:
        text = render(page)
        source = source if source is not None else page.source
    fixed = fix_text(text, source, select_codes(select, ignore), unsafe=unsafe)
    from ingest.page.models import Finding as FindingModel  # here: `ingest check --fix` needs none

    findings = tuple(FindingModel.from_record(finding) for finding in fixed.findings)
    return FixResult(fixed.text, fixed.fixes, findings)


def allowed(codes: Iterable[str], unsafe: bool) -> bool:
    """True when every one of ``codes`` has a fix ``--fix`` may apply."""
    fixes = [RULES[code].fix for code in codes]
    return bool(fixes) and all(f == "safe" or (unsafe and f == "unsafe") for f in fixes)


def _is_unsafe(codes: Iterable[str]) -> bool:
    return any(RULES[code].fix == "unsafe" for code in codes)


def _parse(text: str, source: str | None) -> Page:
    return parse_record(text.encode("utf-8"), source, recover=True)


def _chosen(
    page: Page, path: str, enabled: frozenset[str], unsafe: bool
) -> tuple[list[Finding], list[tuple[Edit, tuple[str, ...]]]]:
    """The findings of ``page`` and the edits that fix some of them, with the codes they fix."""
    findings = check_page(page, path, enabled=enabled)
    present = {f.code for f in findings}
    chosen: list[tuple[Edit, tuple[str, ...]]] = []
    for edit in page_edits(page, PageContext(page, path)):
        codes = tuple(sorted(edit.codes & present))
        if allowed(codes, unsafe):
            chosen.append((edit, codes))
    return findings, chosen


def suggestions(
    text: str, source: str | None, enabled: frozenset[str], *, unsafe: bool = False
) -> list[Suggestion]:
    """The edits a first pass of :func:`fix_text` would make, on the lines as they are."""
    try:
        page = _parse(text, source)
    except ParseError:
        return []
    lines = LINE_END.split(text)[::2]
    _, chosen = _chosen(page, source or "<text>", enabled, unsafe)
    return [
        Suggestion(edit.line, frozenset(codes), edit.spans, edit.description, _is_unsafe(codes))
        for edit, codes in chosen
        if _maps(lines, edit.line, page)
    ]


def _line_text(page: Page, line: int) -> str | None:
    """The parser's text of the summary or verdict line ``line``."""
    if page.summary is not None and page.summary.line == line:
        return page.summary.text
    if page.verdict is not None and page.verdict.line == line:
        return page.verdict.text
    return None


def _maps(lines: list[str], line: int, page: Page) -> bool:
    """True when the raw line starts with the parser's text of it (offsets carry over)."""
    parsed = _line_text(page, line)
    if parsed is None or not 1 < line <= len(lines) or "\n" in parsed:
        return False
    return lines[line - 1].startswith(parsed)


def fix_text(
    text: str, source: str | None, enabled: frozenset[str], *, unsafe: bool = False
) -> FixResult[Finding]:
    """:func:`fix` on ``text``, with the rules ``enabled`` (:func:`ingest.rules.select_codes`)."""
    path = source or "<text>"
    applied: list[AppliedFix] = []
    page = _parse(text, source)
    findings, chosen = _chosen(page, path, enabled, unsafe)
    for _ in range(MAX_PASSES):
        if not chosen:
            break
        parts = LINE_END.split(text)
        lines = parts[::2]
        before = len(applied)
        by_line: dict[int, list[Span]] = {}
        for edit, codes in chosen:
            if not _maps(lines, edit.line, page):
                continue
            taken = by_line.setdefault(edit.line, [])
            if overlaps(edit.spans, taken):
                continue
            taken.extend(edit.spans)
            applied.append(AppliedFix(codes, edit.line, _is_unsafe(codes), edit.description))
        if not by_line:
            break
        for line, spans in by_line.items():
            parts[2 * (line - 1)] = apply_spans(lines[line - 1], spans)
        try:
            fixed = _parse("".join(parts), source)
        except ParseError:  # never expected: a fix that breaks the page is not applied
            del applied[before:]
            break
        text, page = "".join(parts), fixed
        findings, chosen = _chosen(page, path, enabled, unsafe)
    return FixResult(text, tuple(applied), tuple(findings))
