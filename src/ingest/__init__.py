"""ingest: AI-tool comparison pages in, typed models, Arrow tables and lint findings out.

Every public name but the version and the errors is imported on first use:
``import ingest`` is cheap, ``ingest.parse_file`` loads the parser and
pydantic, and the batch half (``ingest``, ``to_arrow``, ``load``,
``Manifest``) loads pyarrow, so that each command loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ingest._version import __version__
from ingest.errors import IngestError, ParseError

if TYPE_CHECKING:
    from ingest.batch.run import ingest
    from ingest.dataset.diff import Diff, diff
    from ingest.dataset.duck import connect
    from ingest.dataset.manifest import Manifest
    from ingest.dataset.normalize import to_arrow
    from ingest.dataset.read import load
    from ingest.htmlreport import report
    from ingest.lint import Report, check
    from ingest.lint.repair import FixResult, fix
    from ingest.page.models import (
        Capability,
        CapabilitySection,
        FeatureRow,
        FeatureTable,
        Finding,
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
    from ingest.rules import RULES
    from ingest.rules.api import check_page

_MODELS = (
    "Capability",
    "CapabilitySection",
    "FeatureRow",
    "FeatureTable",
    "Finding",
    "FreeTierClaim",
    "LeadClaim",
    "Page",
    "PageError",
    "ScoreClaim",
    "Summary",
    "Verdict",
)

_LAZY = {
    **dict.fromkeys(_MODELS, "ingest.page.models"),
    **dict.fromkeys(("parse_bytes", "parse_file", "parse_text"), "ingest.parse.api"),
    "RULES": "ingest.rules",
    "check_page": "ingest.rules.api",
    "render": "ingest.parse.render",
    "Report": "ingest.lint",
    "check": "ingest.lint",
    "FixResult": "ingest.lint.repair",
    "fix": "ingest.lint.repair",
    "ingest": "ingest.batch.run",
    "load": "ingest.dataset.read",
    "connect": "ingest.dataset.duck",
    "diff": "ingest.dataset.diff",
    "Diff": "ingest.dataset.diff",
    "Manifest": "ingest.dataset.manifest",
    "to_arrow": "ingest.dataset.normalize",
    "report": "ingest.htmlreport",
}
"""Where each public name lives: imported on first use (PEP 562), so that ``import ingest``
loads neither pydantic nor the parser, the linter or pyarrow until a name asks for them."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
