"""The rules: the catalogue, and the checks that take one page (or a batch's facts) to findings.

Pure: a page in, findings out; no files, no processes (that is :mod:`ingest.lint`).

- :func:`check_page` runs the page rules (IG002-IG401) on one parsed page;
- :func:`parse_error_finding` turns a ``ParseError`` into its IG001 finding;
- :func:`drift_findings` compares :class:`ArtifactFacts` across a batch (IG501);
- :data:`RULES` is the catalogue by code; :func:`get_rule` looks one up.
"""

from __future__ import annotations

from ingest.page.findings import Finding
from ingest.rules.drift import ArtifactFacts, drift_findings
from ingest.rules.page_rules import check_page, parse_error_finding
from ingest.rules.registry import RULES, UnknownRuleError, get_rule, select_codes
from ingest.rules.rule import Rule

__all__ = [
    "RULES",
    "ArtifactFacts",
    "Finding",
    "Rule",
    "UnknownRuleError",
    "check_page",
    "drift_findings",
    "get_rule",
    "parse_error_finding",
    "select_codes",
]
