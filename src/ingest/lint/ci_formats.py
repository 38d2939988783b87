"""The formats CI systems read besides SARIF and JUnit: GitLab Code Quality, JSON lines, and
the Markdown summary of a GitHub Actions job (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import Any

from ingest.lint.baseline import fingerprint
from ingest.lint.report import AnyReport, relative_path

_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def render_gitlab(report: AnyReport, cwd: str | None = None) -> list[dict[str, Any]]:
    """GitLab Code Quality issues (the `codequality` report artifact): one per finding, its
    ``fingerprint`` stable when lines move (what it is about, and its rank among equals)."""
    base = cwd if cwd is not None else os.getcwd()
    seen: Counter[str] = Counter()
    issues: list[dict[str, Any]] = []
    for finding in report.findings:
        key = fingerprint(finding)
        seen[key] += 1
        issues.append(
            {
                "description": f"{finding.code} {finding.message}",
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest(),
                "severity": _GITLAB_SEVERITY[finding.severity],
                "location": {
                    "path": relative_path(finding.path, base),
                    "lines": {"begin": finding.line},
                },
            }
        )
    return issues


def render_json_lines(report: AnyReport) -> str:
    """One finding object per line (the fields of ``--format json``), nothing else."""
    return "".join(
        json.dumps(finding.model_dump(mode="json"), ensure_ascii=True) + "\n"
        for finding in report.findings
    )


def _cell(text: str) -> str:
    """Markdown table cell text: no line break, no `|`, no markup from the page."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>|#" else c for c in text)
    return " ".join(escaped.split())


def step_summary(report: AnyReport, headline: str) -> str:
    """The Markdown a GitHub Actions job shows on its summary page: the headline and the
    findings per rule, as a table."""
    lines = ["## ingest check", "", headline, ""]
    counts = report.counts()
    if counts:
        lines += ["| rule | name | severity | findings |", "|---|---|---|---:|"]
        lines += [f"| {c.code} | {c.name} | {c.severity} | {c.count} |" for c in counts]
        lines.append("")
    return "\n".join(lines) + "\n"


def append_step_summary(report: AnyReport, headline: str, path: str) -> None:
    """Append :func:`step_summary` to the file ``$GITHUB_STEP_SUMMARY`` names."""
    with open(path, "a", encoding="utf-8") as out:
        out.write(step_summary(report, _cell(headline)))
