"""Repairing pages: ``fix(page)`` and ``ingest check --fix`` (:mod:`ingest.lint.repair.apply`)."""

from __future__ import annotations

from ingest.lint.repair.apply import AppliedFix, FixResult, Suggestion, fix, fix_text, suggestions

__all__ = ["AppliedFix", "FixResult", "Suggestion", "fix", "fix_text", "suggestions"]
