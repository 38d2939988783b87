"""ingest: AI-tool comparison pages in, typed models, Arrow tables and lint findings out.

The batch half of the API (``ingest``, ``to_arrow``, ``load``, ``Manifest``)
needs pyarrow and is imported on first use, so that ``ingest show`` and
``ingest check`` start without loading it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ingest._version import __version__
from ingest.errors import IngestError, ParseError
from ingest.lint import Report, check
from ingest.lint.repair import FixResult, fix
from ingest.page.models import (
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
from ingest.parse.api import parse_bytes, parse_file, parse_text
from ingest.parse.render import render
from ingest.rules import RULES, Finding, check_page

if TYPE_CHECKING:
    from ingest.batch.run import ingest
    from ingest.dataset.diff import Diff, diff
    from ingest.dataset.duck import connect
    from ingest.dataset.manifest import Manifest
    from ingest.dataset.normalize import to_arrow
    from ingest.dataset.read import load
    from ingest.htmlreport import report


_LAZY = {
    "ingest": "ingest.batch.run",
    "load": "ingest.dataset.read",
    "connect": "ingest.dataset.duck",
    "diff": "ingest.dataset.diff",
    "Diff": "ingest.dataset.diff",
    "Manifest": "ingest.dataset.manifest",
    "to_arrow": "ingest.dataset.normalize",
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
    "IngestError",
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
