"""The linter: ``ingest.check`` over pages, files or folders, its settings, baselines and formats.

- :func:`check` checks pages, files or folders and returns a :class:`Report`;
- :func:`load_config` reads ``[tool.ingest]`` (:class:`CheckConfig`);
- :class:`Baseline` records today's findings, to report only new ones later;
- :data:`FORMATS` and :func:`render` turn a report into text, JSON, SARIF, ...;
- :mod:`ingest.lint.repair` fixes what can be fixed (``--fix``).
"""

from __future__ import annotations

from ingest.lint.baseline import Baseline, BaselineError
from ingest.lint.checker import check
from ingest.lint.config import CheckConfig, ConfigError, load_config
from ingest.lint.formats import FORMATS, render, render_statistics
from ingest.lint.report import Report

__all__ = [
    "FORMATS",
    "Baseline",
    "BaselineError",
    "CheckConfig",
    "ConfigError",
    "Report",
    "check",
    "load_config",
    "render",
    "render_statistics",
]
