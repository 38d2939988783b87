"""Repairing pages: ``fix(page)`` and ``ingest check --fix`` (see :mod:`ingest.repair.apply`)."""

from __future__ import annotations

from ingest.repair.apply import AppliedFix, FixResult, Suggestion, fix, fix_text, suggestions

__all__ = ["AppliedFix", "FixResult", "Suggestion", "fix", "fix_text", "suggestions"]
