"""``check_page``: the enabled page checks on one parsed page, its findings in line order."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ingest.page.findings import Finding
from ingest.page.records import Page, from_model
from ingest.rules.catalogue import PAGE_CHECKS
from ingest.rules.context import PageContext
from ingest.rules.family import PageCheck

if TYPE_CHECKING:
    from ingest.page import models


def check_page(
    page: models.Page | Page, path: str | None = None, *, enabled: frozenset[str] | None = None
) -> list[Finding]:
    """All page-level findings (IG002-IG401, and one per page error) of one page, in line order.

    ``page`` is a model or its record (see :mod:`ingest.page.records`); ``path``
    names the page in the findings (default: ``page.source``). ``enabled`` is
    the codes to report (default: all): only the checks that report one of them
    run, and they report only those. Cheap enough to run on every page of a
    batch: no I/O, a few dict lookups, and the findings are records (no pydantic;
    ``ingest.check_page``, :func:`ingest.rules.api.check_page`, returns models).
    """
    page = from_model(page)
    ctx = PageContext(page, path if path is not None else (page.source or "<text>"), enabled)
    for check in PAGE_CHECKS if enabled is None else checks_for(frozenset(enabled)):
        check.run(ctx)
    if len(ctx.findings) > 1:  # most pages have none: no sort key to build
        ctx.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return ctx.findings


@functools.lru_cache(maxsize=64)
def checks_for(enabled: frozenset[str]) -> tuple[PageCheck, ...]:
    """The page checks that report at least one of the ``enabled`` codes, in run order."""
    return tuple(check for check in PAGE_CHECKS if not check.codes.isdisjoint(enabled))
