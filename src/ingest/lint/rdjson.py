"""reviewdog's rdjson (Reviewdog Diagnostic Format, JSON): findings and the fixes that go with them.

A review bot (``reviewdog -f=rdjson``) posts each diagnostic on a pull request
and offers its ``suggestions`` as changes to commit. Columns are 1-based UTF-8
byte offsets, as the format has them, computed from the page's line where the
page could be read again (otherwise the finding's code-point column is kept).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ingest.lint.report import AnyReport, relative_path
from ingest.lint.sarif import Hints, fixes_for

_SEVERITY = {"error": "ERROR", "warning": "WARNING"}


def _byte_column(lines: Sequence[str], line: int, column: int) -> int:
    """1-based code-point ``column`` of ``line`` as a 1-based UTF-8 byte column."""
    if not 1 <= line <= len(lines):
        return column
    return len(lines[line - 1][: column - 1].encode("utf-8")) + 1


def _position(lines: Sequence[str], line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": _byte_column(lines, line, column)}


def render_rdjson(
    report: AnyReport, cwd: str | None = None, hints: Hints | None = None
) -> dict[str, Any]:
    """The rdjson document of ``report`` (paths relative to ``cwd``), with ``hints``' fixes."""
    base = cwd if cwd is not None else os.getcwd()
    diagnostics: list[dict[str, Any]] = []
    for finding in report.findings:
        page = hints.get(finding.path) if hints is not None else None
        lines: Sequence[str] = page.lines if page is not None else ()
        path = relative_path(finding.path, base)
        diagnostic: dict[str, Any] = {
            "message": finding.message,
            "location": {
                "path": path,
                "range": {"start": _position(lines, finding.line, finding.column)},
            },
            "severity": _SEVERITY[finding.severity],
            "code": {"value": finding.code},
        }
        suggestions = [
            {
                "range": {
                    "start": _position(lines, fix.line, start + 1),
                    "end": _position(lines, fix.line, end + 1),
                },
                "text": text,
            }
            for fix in fixes_for(hints, finding.path, finding.line, finding.code)
            for start, end, text in fix.spans
        ]
        if suggestions:
            diagnostic["suggestions"] = suggestions
        diagnostics.append(diagnostic)
    return {"source": {"name": "ingest"}, "diagnostics": diagnostics}
