"""ingest: AI-tool comparison pages in, typed models, Arrow tables and lint findings out.

The batch half of the API (``ingest``, ``to_arrow``, ``load``, ``Manifest``)
needs pyarrow and is imported on first use, so that ``ingest show`` and
``ingest check`` start without loading it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ingest.errors import ParseError
from ingest.models import (
    Capability,
    CapabilitySection,
    FeatureRow,
    FeatureTable,
    FreeTierClaim,
    LeadClaim,
    Page,
    PageError,
    ScoreClaim,
    Summary,
    Verdict,
)
from ingest.parser import parse_bytes, parse_file, parse_text
from ingest.render import render
from ingest.repair import FixResult, fix
from ingest.rules import RULES, Finding, Report, check, check_page

if TYPE_CHECKING:
    from ingest.batch import ingest
    from ingest.crawl_diff import Diff, diff
    from ingest.dataset import load
    from ingest.duck import connect
    from ingest.htmlreport import report
    from ingest.manifest import Manifest
    from ingest.normalize import to_arrow

__version__ = "0.1.0"

_LAZY = {
    "ingest": "ingest.batch",
    "load": "ingest.dataset",
    "connect": "ingest.duck",
    "diff": "ingest.crawl_diff",
    "Diff": "ingest.crawl_diff",
    "Manifest": "ingest.manifest",
    "to_arrow": "ingest.normalize",
    "report": "ingest.htmlreport",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "RULES",
    "Capability",
    "CapabilitySection",
    "Diff",
    "FeatureRow",
    "FeatureTable",
    "Finding",
    "FixResult",
    "FreeTierClaim",
    "LeadClaim",
    "Manifest",
    "Page",
    "PageError",
    "ParseError",
    "Report",
    "ScoreClaim",
    "Summary",
    "Verdict",
    "__version__",
    "check",
    "check_page",
    "connect",
    "diff",
    "fix",
    "ingest",
    "load",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
    "report",
    "to_arrow",
]
