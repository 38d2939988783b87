"""The rules as ``ingest`` exports them: findings as validated :class:`ingest.Finding` models.

:func:`ingest.rules.check_page` returns the finding records the linter and the
batch work on (no pydantic on their hot paths); :func:`check_page` here is the
same check with each finding turned into its model at the API's boundary.
"""

from __future__ import annotations

from ingest.page import models
from ingest.page.records import Page
from ingest.rules import check


def check_page(
    page: models.Page | Page, path: str | None = None, *, enabled: frozenset[str] | None = None
) -> list[models.Finding]:
    """:func:`ingest.rules.check_page`, its findings as :class:`ingest.Finding` models.

    ``page`` is a model or its record; ``path`` names the page in the findings
    (default: ``page.source``); ``enabled`` is the codes to report (default: all).
    """
    found = check.check_page(page, path, enabled=enabled)
    return [models.Finding.from_record(finding) for finding in found]
