"""Pages in, Arrow tables out: the normalizer, pure and cheap.

Each page becomes one row of ``pages`` plus its rows of ``features``,
``capabilities`` and ``claims`` (and two of ``subjects``, made from its
``pages`` row: :mod:`ingest.dataset.subjects`); a page that could not be parsed
becomes a ``failed`` row of ``pages`` and a row of ``errors``. ``artifacts``
is batch-wide, built at the end of a run (:mod:`ingest.dataset.artifacts`).

It runs on every page of a batch, so it does as little per page as it can:
a page adds one tuple to ``pages`` and hands over its table rows and
capabilities as the records the parser built; columns that repeat per row
(the page, the subject, the side, the ordinal) are never written row by row
but made at flush time with Arrow ``take`` from the page or section they come
from. Every other column becomes Arrow in one ``pa.array`` call per flush.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import pyarrow as pa

from ingest.dataset.arrow_tables import (
    Index,
    capabilities_table,
    features_table,
    owners,
    page_columns,
    rows_to_table,
)
from ingest.dataset.artifacts import artifacts_table
from ingest.dataset.drift import drift_from_pages
from ingest.dataset.page_rows import Section, add_sections, claim_rows, error_rows, page_row
from ingest.dataset.schemas import SCHEMAS, ingest_version
from ingest.dataset.subjects import subjects_table
from ingest.errors import ParseError
from ingest.page.findings import Finding
from ingest.page.format import SCHEMA_VERSION
from ingest.page.records import Capability, FeatureRow, Page, from_model
from ingest.rules import check_page, parse_error_finding

if TYPE_CHECKING:
    from ingest.page import models

Row = tuple[Any, ...]

_FAILED_FACTS = (None,) * 21
"""The columns of a ``failed`` page between its status and ``n_findings``."""
_FAILED_TEXTS = (None,) * 5
"""The columns of a ``failed`` page after the versions (texts and starting prices)."""


class Mark(NamedTuple):
    """The length of each of :class:`TableRows`' row lists at one moment."""

    pages: int
    features: int
    capabilities: int
    sections: int
    claims: int
    errors: int
    findings: int


class TableRows:
    """The rows of every output table, accumulated page by page.

    ``add_page`` / ``add_failure`` take one input each; ``to_tables`` builds
    the Arrow tables and ``clear`` starts over (a writer flushes a row group
    every few hundred pages, so memory stays bounded).
    """

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of
        """The crawl's date, in every ``pages`` row (None: not recorded)."""
        self.versions = (SCHEMA_VERSION, ingest_version())
        self.pages: list[Row] = []
        self.features: list[FeatureRow] = []
        self.capabilities: list[Capability] = []
        self.sections: list[Section] = []
        """Per capability section with capabilities: its subject, side and size."""
        self.claims: list[Row] = []
        self.errors: list[Row] = []
        self.findings: list[Row] = []
        self.ends: dict[str, list[int]] = {"features": [], "capabilities": [], "claims": []}
        """For each detail table, its row count after each page: which rows are whose."""

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def clear(self) -> None:
        for rows in (self.pages, self.features, self.capabilities, self.sections):
            rows.clear()
        for rows in (self.claims, self.errors, self.findings):
            rows.clear()
        for ends in self.ends.values():
            ends.clear()

    def mark(self) -> Mark:
        """How many rows each list holds now: where :meth:`rollback` and :meth:`between` cut."""
        return tuple.__new__(Mark, map(len, self._lists()))  # as Mark(...), cheaper

    def rollback(self, mark: Mark) -> None:
        """Drop every row added since ``mark`` (a page that failed half-way through)."""
        for rows, size in zip(self._lists(), mark, strict=True):
            del rows[size:]
        for ends in self.ends.values():
            del ends[mark.pages :]

    def between(self, start: Mark, stop: Mark) -> TableRows:
        """A new :class:`TableRows` holding the rows added between two marks (one page's)."""
        part = TableRows(self.as_of)
        for mine, theirs, begin, end in zip(self._lists(), part._lists(), start, stop, strict=True):
            theirs += mine[begin:end]
        for name, ends in self.ends.items():
            offset = getattr(start, name)
            part.ends[name] = [at - offset for at in ends[start.pages : stop.pages]]
        return part

    def _lists(self) -> tuple[list[Any], ...]:
        """Every row list, in the order of :class:`Mark`'s fields."""
        return (
            self.pages,
            self.features,
            self.capabilities,
            self.sections,
            self.claims,
            self.errors,
            self.findings,
        )

    def _page_done(self) -> None:
        ends = self.ends
        ends["features"].append(len(self.features))
        ends["capabilities"].append(len(self.capabilities))
        ends["claims"].append(len(self.claims))

    def add_page(self, page: models.Page | Page, findings: Sequence[Finding] = ()) -> str:
        """Add a parsed page (model or record) and its findings; returns its status.

        The status is ``ok``, or ``partial`` for a page cut off before its verdict or
        with page errors (a number out of range, a repeated part: one ``errors`` row each).
        """
        page = from_model(page)
        status = "ok" if page.complete and not page.errors else "partial"
        if page.errors:
            self.errors += error_rows(page)
        self.features += page.table.rows
        counts = add_sections(page, self.capabilities, self.sections)
        self._add_claims(page)
        self.pages.append(page_row(page, status, counts, len(findings), self.versions, self.as_of))
        self._page_done()
        if findings:
            self.findings += map(finding_row, findings)
        return status

    def _add_claims(self, page: Page) -> None:
        self.claims += claim_rows(page)

    def add_failure(
        self,
        error: ParseError,
        source_path: str | None = None,
        page_id: str | None = None,
        findings: Sequence[Finding] = (),
    ) -> str:
        """Add an input that could not be read or parsed: a ``failed`` page and its error."""
        path = source_path if source_path is not None else error.path
        self.pages.append(
            (
                page_id,
                path,
                "failed",
                *_FAILED_FACTS,
                len(findings),
                *self.versions,
                *_FAILED_TEXTS,
                self.as_of,
            )
        )
        self._page_done()
        self.errors.append(
            (
                page_id,
                path,
                error.line,
                error.column,
                error.message,
                error.expected or None,
                error.text or None,
            )
        )
        self.add_findings(findings)
        return "failed"

    def add_findings(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(map(finding_row, findings))

    def to_tables(self) -> dict[str, pa.Table]:
        """Every table, typed by its schema (empty tables included)."""
        pages = rows_to_table(self.pages, SCHEMAS["pages"])
        owner = {name: owners(ends) for name, ends in self.ends.items()}
        features = features_table(self.features, pages, owner["features"], SCHEMAS["features"])
        capabilities = self._capabilities_table(pages, owner["capabilities"])
        claims = page_columns(pages, owner["claims"])
        return {
            "pages": pages,
            "subjects": subjects_table(pages, self.findings, SCHEMAS["subjects"]),
            "artifacts": SCHEMAS["artifacts"].empty_table(),  # batch-wide: see to_arrow
            "features": features,
            "capabilities": capabilities,
            "claims": rows_to_table(self.claims, SCHEMAS["claims"], claims),
            "errors": rows_to_table(self.errors, SCHEMAS["errors"]),
            "findings": rows_to_table(self.findings, SCHEMAS["findings"]),
        }

    def _capabilities_table(self, pages: pa.Table, owner: Index) -> pa.Table:
        schema = SCHEMAS["capabilities"]
        return capabilities_table(self.capabilities, self.sections, pages, owner, schema)


def to_arrow(
    pages: Iterable[models.Page | Page | ParseError],
    *,
    check: bool = True,
    artifact_key: str = "name-type",
) -> dict[str, pa.Table]:
    """Pages (and the errors of inputs that failed) -> every output table.

    The same tables a batch run writes: a :class:`ParseError` in ``pages``
    becomes a ``failed`` row located by its ``path``; with ``check`` the page
    rules and the batch's drift rule fill the ``findings`` table; ``artifacts``
    is keyed by ``artifact_key`` (``name-type`` or ``filename-slug``, see
    :mod:`ingest.dataset.artifacts`).
    """
    rows = TableRows()
    for item in pages:
        if isinstance(item, ParseError):
            rows.add_failure(item, findings=[parse_error_finding(item)] if check else ())
        else:
            page = from_model(item)  # once, not once by the rules and once here
            rows.add_page(page, check_page(page) if check else ())
    tables = rows.to_tables()
    tables["artifacts"] = artifacts_table(tables["subjects"], SCHEMAS["artifacts"], artifact_key)
    if check:
        drift = drift_from_pages(tables["pages"])
        if drift:
            tables["findings"] = pa.concat_tables([tables["findings"], findings_table(drift)])
    return tables


def finding_row(f: Finding) -> Row:
    """A :class:`Finding` as a row of the ``findings`` table."""
    return (
        f.code,
        f.name,
        f.severity,
        f.path,
        f.line,
        f.column,
        f.message,
        f.page_id,
        f.subject,
        f.feature,
    )


def findings_table(findings: Iterable[Finding]) -> pa.Table:
    return rows_to_table([finding_row(f) for f in findings], SCHEMAS["findings"])
