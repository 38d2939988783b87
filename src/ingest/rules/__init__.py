"""The rules: the catalogue, and the checks that take one page (or a batch's facts) to findings.

Pure: a page in, findings out; no files, no processes (that is :mod:`ingest.lint`).
Each rule family (:mod:`~ingest.rules.structure`, :mod:`~ingest.rules.subjects`,
:mod:`~ingest.rules.scores`, :mod:`~ingest.rules.leads`, :mod:`~ingest.rules.free_tier`,
:mod:`~ingest.rules.capabilities`, :mod:`~ingest.rules.drift`) holds its rules beside
the checks that report them; :mod:`~ingest.rules.catalogue` lists the families.

- :func:`check_page` runs the page rules (IG002-IG401) on one parsed page, or only
  the enabled ones;
- :func:`parse_error_finding` turns a ``ParseError`` into its IG001 finding;
- :func:`drift_findings` compares :class:`ArtifactFacts` across a batch (IG501);
- :data:`CATALOGUE` is every rule in code order, :data:`RULES` the same by code;
  :func:`get_rule` looks one up.

Findings are :class:`~ingest.page.findings.Finding` records (named tuples, no pydantic);
``ingest.check_page`` (:mod:`ingest.rules.api`) returns the public models instead.
"""

from __future__ import annotations

from ingest.page.findings import Finding
from ingest.rules.catalogue import CATALOGUE
from ingest.rules.check import check_page
from ingest.rules.drift import ArtifactFacts, drift_findings
from ingest.rules.registry import RULES, UnknownRuleError, get_rule, select_codes
from ingest.rules.rule import Rule
from ingest.rules.structure import parse_error_finding

__all__ = [
    "CATALOGUE",
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
