"""ingest: AI-tool comparison pages in, typed models, Arrow tables and lint findings out."""

from __future__ import annotations

from ingest.errors import ParseError
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
from ingest.parser import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

__all__ = [
    "Capability",
    "CapabilitySection",
    "FeatureRow",
    "FeatureTable",
    "FreeTierClaim",
    "LeadClaim",
    "Page",
    "ParseError",
    "ScoreClaim",
    "Summary",
    "Verdict",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
