"""ingest: AI-tool comparison pages in, typed models, Arrow tables and lint findings out."""

from __future__ import annotations

from ingest.batch import ingest
from ingest.errors import ParseError
from ingest.load import load
from ingest.manifest import Manifest
from ingest.models import (
    Capability,
    CapabilitySection,
    FeatureRow,
    FeatureTable,
    FreeTierClaim,
    LeadClaim,
    Page,
    ScoreClaim,
    Summary,
    Verdict,
)
from ingest.normalize import to_arrow
from ingest.parser import parse_bytes, parse_file, parse_text
from ingest.render import render
from ingest.rules import RULES, Finding, Report, check, check_page

__version__ = "0.1.0"

__all__ = [
    "RULES",
    "Capability",
    "CapabilitySection",
    "FeatureRow",
    "FeatureTable",
    "Finding",
    "FreeTierClaim",
    "LeadClaim",
    "Manifest",
    "Page",
    "ParseError",
    "Report",
    "ScoreClaim",
    "Summary",
    "Verdict",
    "__version__",
    "check",
    "check_page",
    "ingest",
    "load",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
    "to_arrow",
]
