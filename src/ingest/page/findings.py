"""A finding: one broken promise of a page, located like a linter message."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]


class Finding(BaseModel):
    """What a rule reports: which rule, how bad, where, and about what.

    ``line`` and ``column`` are 1-based; the column is that of the claim inside
    its line where there is one. ``subject`` and ``feature`` name what the
    finding is about (``None`` where that does not apply).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    page_id: str | None = None
    subject: str | None = None
    feature: str | None = None
