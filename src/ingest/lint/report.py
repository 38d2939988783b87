"""The result of a check: findings, files checked and counts (like frictionless' Report)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from ingest.page.findings import Finding, Severity

SEVERITY_RANK: dict[Severity, int] = {"warning": 1, "error": 2}


def relative_path(path: str, cwd: str) -> str:
    """``path`` as an output format shows it: relative to ``cwd`` with ``/`` separators;
    a stream name such as ``<stdin>`` as it is."""
    if path.startswith("<"):
        return path
    try:
        return os.path.relpath(os.path.abspath(path), cwd).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    """How a report orders findings: by path, line, column, then code."""
    return (finding.path, finding.line, finding.column, finding.code)


class RuleCount(BaseModel):
    """How often one rule fired (``--statistics``)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    count: int


class Report(BaseModel):
    """What `ingest.check` returns and every output format renders.

    ``findings`` are sorted by (path, line, column, code); ``files`` are the
    pages checked, in order; ``baselined`` counts findings a baseline excused.
    """

    model_config = ConfigDict(frozen=True)

    findings: list[Finding]
    files: list[str]
    baselined: int = 0
    baseline_used: bool = False
    known: list[Finding] = []
    """The findings a baseline excused (SARIF reports them as `unchanged`)."""
    fixed: list[Finding] = []
    """Baselined findings of the checked pages that no longer occur, as recorded (line 1)."""

    @property
    def valid(self) -> bool:
        """True when there is no finding at all."""
        return not self.findings

    @property
    def stats(self) -> dict[str, int]:
        """Counts: files, findings, errors, warnings, baselined."""
        severities = Counter(f.severity for f in self.findings)
        return {
            "files": len(self.files),
            "findings": len(self.findings),
            "errors": severities["error"],
            "warnings": severities["warning"],
            "baselined": self.baselined,
        }

    def failed(self, fail_on: Severity = "error") -> bool:
        """True when a finding is at least as severe as ``fail_on`` (what exit 1 means)."""
        threshold = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)

    def flatten(self, spec: Sequence[str] = ("path", "line", "code")) -> list[list[Any]]:
        """Each finding as a list of the fields named in ``spec``: terse test assertions."""
        return [[getattr(finding, name) for name in spec] for finding in self.findings]

    def counts(self) -> list[RuleCount]:
        """Findings per rule, most frequent first (then by code)."""
        tally = Counter(f.code for f in self.findings)
        first = {f.code: f for f in reversed(self.findings)}
        return [
            RuleCount(code=code, name=first[code].name, severity=first[code].severity, count=n)
            for code, n in sorted(tally.items(), key=lambda item: (-item[1], item[0]))
        ]
