"""The validator: a rule catalogue, page and batch checks, reports and their output formats.

- :func:`check` checks pages, files or folders and returns a :class:`Report`;
- :func:`check_page` runs the page rules (IG002-IG401) on one parsed page;
- :func:`parse_error_finding` turns a ``ParseError`` into its IG001 finding;
- :func:`drift_findings` compares :class:`ArtifactFacts` across a batch (IG501);
- :data:`RULES` is the catalogue by code; :func:`get_rule` looks one up.
"""

from __future__ import annotations

from ingest.findings import Finding
from ingest.rules.baseline import Baseline, BaselineError
from ingest.rules.checker import check
from ingest.rules.config import CheckConfig, ConfigError, load_config
from ingest.rules.drift import ArtifactFacts, drift_findings
from ingest.rules.formats import FORMATS, render, render_statistics
from ingest.rules.page_rules import check_page, parse_error_finding
from ingest.rules.registry import RULES, UnknownRuleError, get_rule, select_codes
from ingest.rules.report import Report
from ingest.rules.rule import Rule

__all__ = [
    "FORMATS",
    "RULES",
    "ArtifactFacts",
    "Baseline",
    "BaselineError",
    "CheckConfig",
    "ConfigError",
    "Finding",
    "Report",
    "Rule",
    "UnknownRuleError",
    "check",
    "check_page",
    "drift_findings",
    "get_rule",
    "load_config",
    "parse_error_finding",
    "render",
    "render_statistics",
    "select_codes",
]
