"""The result of a check: findings, files checked and counts (like frictionless' Report)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ingest.page.findings import Finding, Severity

if TYPE_CHECKING:
    from ingest.page import models

SEVERITY_RANK: dict[Severity, int] = {"warning": 1, "error": 2}


class AnyFinding(Protocol):
    """A finding record or model: what a report and the formats read of it."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...
    @property
    def page_id(self) -> str | None: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def feature(self) -> str | None: ...
    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        """The fields by name, in order: the JSON object of ``--format json``."""
        ...


F = TypeVar("F", bound=AnyFinding, covariant=True)
"""The findings of a report: records (what ``ingest check`` renders), or models
(what ``ingest.check`` returns)."""


def relative_path(path: str, cwd: str) -> str:
    """``path`` as an output format shows it: relative to ``cwd`` with ``/`` separators;
    a stream name such as ``<stdin>`` as it is."""
    if path.startswith("<"):
        return path
    try:
        return os.path.relpath(os.path.abspath(path), cwd).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def sort_key(finding: AnyFinding) -> tuple[str, int, int, str]:
    """How a report orders findings: by path, line, column, then code."""
    return (finding.path, finding.line, finding.column, finding.code)


@dataclass(frozen=True)
class RuleCount:
    """How often one rule fired (``--statistics``)."""

    code: str
    name: str
    severity: Severity
    count: int


@dataclass(frozen=True)
class Report(Generic[F]):
    """What `ingest.check` returns and every output format renders.

    ``findings`` are sorted by (path, line, column, code); ``files`` are the
    pages checked, in order; ``baselined`` counts findings a baseline excused.
    The findings are :class:`ingest.Finding` models in what ``ingest.check``
    returns, and their records in what ``ingest check`` renders.
    """

    findings: list[F]
    files: list[str]
    baselined: int = 0
    baseline_used: bool = False
    known: list[F] = field(default_factory=list)
    """The findings a baseline excused (SARIF reports them as `unchanged`)."""
    fixed: list[F] = field(default_factory=list)
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
            RuleCount(code, first[code].name, first[code].severity, n)
            for code, n in sorted(tally.items(), key=lambda item: (-item[1], item[0]))
        ]


def report_models(report: Report[Finding]) -> Report[models.Finding]:
    """``report`` with each finding as its :class:`ingest.Finding` model (the API's boundary)."""
    from ingest.page.models import Finding as FindingModel  # here: `ingest check` never needs it

    def as_models(findings: list[Finding]) -> list[FindingModel]:
        return [FindingModel.from_record(finding) for finding in findings]

    return Report(
        findings=as_models(report.findings),
        files=report.files,
        baselined=report.baselined,
        baseline_used=report.baseline_used,
        known=as_models(report.known),
        fixed=as_models(report.fixed),
    )


AnyReport = Report[AnyFinding]
"""A report of records or of models: what the formats render."""
