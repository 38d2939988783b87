"""A finding: one broken promise of a page, located like a linter message (no pydantic).

:class:`Finding` is the record the rules build and the linter, the formats and
the batch read; the public, validated model with the same fields is
:class:`ingest.page.models.Finding` (``ingest.Finding``).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    """What a rule reports: which rule, how bad, where, and about what.

    ``line`` and ``column`` are 1-based; the column is that of the claim inside
    its line where there is one. ``subject`` and ``feature`` name what the
    finding is about (``None`` where that does not apply). The fields, in
    order, are those of :class:`ingest.page.models.Finding`.
    """

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

    def model_dump(self, *, mode: str = "python") -> dict[str, str | int | None]:
        """The fields by name, as the model's ``model_dump`` gives them (every value is
        already JSON, so ``mode`` changes nothing): code written against
        ``ingest.Finding`` keeps working on the records ``ingest.rules`` returns."""
        return self._asdict()
