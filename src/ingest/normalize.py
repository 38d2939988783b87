"""Pages in, Arrow tables out: the normalizer, pure and cheap.

Each page becomes one row of ``pages`` plus its rows of ``features``,
``capabilities`` and ``claims``; a page that could not be parsed becomes a
``failed`` row of ``pages`` and a row of ``errors``. Rows are kept as plain
tuples and turned into Arrow columns in one go (``zip(*rows)``), which is
several times faster than building a dict per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from ingest.batch_drift import drift_from_pages
from ingest.errors import ParseError
from ingest.findings import Finding
from ingest.models import SCHEMA_VERSION, Page, ScoreClaim
from ingest.rules import check_page, parse_error_finding
from ingest.schemas import SCHEMAS, TABLES, ingest_version

Row = tuple[Any, ...]

DETAIL_TABLES = ("features", "capabilities", "claims")
"""Tables whose first two columns, page_id and source_path, are those of the page a row is from."""

_FACT_ROWS = {"type": 0, "unfragilerank": 1, "pricing": 2, "capabilities": 3}
"""The feature rows the ``pages`` table lifts out, by case-folded name."""


class TableRows:
    """The rows of every output table, accumulated page by page as tuples.

    ``add_page`` / ``add_failure`` take one input each; ``to_tables`` builds
    the Arrow tables and ``clear`` starts over (a writer flushes a row group
    every few hundred pages, so memory stays bounded).
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.ends: dict[str, list[int]] = {name: [] for name in DETAIL_TABLES}
        """For each detail table, its row count after each page: which rows are whose."""
        self.versions = (SCHEMA_VERSION, ingest_version())

    @property
    def page_count(self) -> int:
        return len(self.rows["pages"])

    def clear(self) -> None:
        for rows in self.rows.values():
            rows.clear()
        for ends in self.ends.values():
            ends.clear()

    def _page_done(self) -> None:
        for name, ends in self.ends.items():
            ends.append(len(self.rows[name]))

    def add_page(self, page: Page, findings: Sequence[Finding] = ()) -> str:
        """Add a parsed page and its findings; returns its status (``ok`` or ``partial``)."""
        pid = page.page_id
        path = page.source
        status = "ok" if page.complete else "partial"
        facts: list[Any] = [None] * 4
        lines: list[int | None] = [None] * 4
        features = self.rows["features"]
        subject_a, subject_b = page.subject_a, page.subject_b
        for row in page.table.rows:
            line = row.line
            name = row.name
            features.append((subject_a, "a", name, row.raw_a, row.value_a, line))
            features.append((subject_b, "b", name, row.raw_b, row.value_b, line))
            slot = _FACT_ROWS.get(name.casefold())
            if slot is not None and lines[slot] is None:
                facts[slot] = row
                lines[slot] = line
        type_row, rank_row, pricing_row, capabilities_row = facts
        listed, more = self._add_capabilities(page)
        summary = page.summary
        verdict = page.verdict
        self._add_claims(page)
        self.rows["pages"].append(
            (
                pid,
                path,
                status,
                page.title,
                subject_a,
                subject_b,
                type_row.raw_a if type_row else None,
                type_row.raw_b if type_row else None,
                rank_row.value_a if rank_row else None,
                rank_row.value_b if rank_row else None,
                pricing_row.raw_a if pricing_row else None,
                pricing_row.raw_b if pricing_row else None,
                _count(capabilities_row.value_a) if capabilities_row else None,
                _count(capabilities_row.value_b) if capabilities_row else None,
                listed["a"],
                listed["b"],
                more["a"],
                more["b"],
                _winner(summary.claim if summary else None),
                _winner(verdict.claim if verdict else None),
                page.complete,
                lines[1],
                lines[2],
                lines[3],
                len(findings),
                *self.versions,
            )
        )
        self._page_done()
        self.add_findings(findings)
        return status

    def _add_capabilities(self, page: Page) -> tuple[dict[str, int | None], dict[str, int | None]]:
        """Capability rows; returns the listed and `+k more` counts per side."""
        listed: dict[str, int | None] = {"a": None, "b": None}
        more: dict[str, int | None] = {"a": None, "b": None}
        rows = self.rows["capabilities"]
        for section in page.sections:
            side = section.side
            subject = page.subject(side) if side is not None else section.heading
            for ordinal, cap in enumerate(section.capabilities, start=1):
                rows.append(
                    (
                        subject,
                        side,
                        ordinal,
                        cap.title,
                        cap.description,
                        cap.unique,
                        cap.vs_alternatives,
                        cap.line,
                    )
                )
            if side is not None:
                listed[side] = (listed[side] or 0) + len(section.capabilities)
                if section.more is not None:
                    more[side] = (more[side] or 0) + section.more
        return listed, more

    def _add_claims(self, page: Page) -> None:
        rows = self.rows["claims"]
        if page.summary is not None and page.summary.claim is not None:
            rows.append(_score_row("summary", page.summary.claim))
        verdict = page.verdict
        if verdict is None:
            return
        if verdict.claim is not None:
            rows.append(_score_row("verdict", verdict.claim))
        for lead in verdict.leads:
            rows.append(
                (
                    "verdict",
                    "lead",
                    lead.subject,
                    lead.side,
                    lead.feature,
                    lead.phrase,
                    None,
                    None,
                    None,
                    lead.line,
                    lead.column,
                )
            )
        free = verdict.free_tier
        if free is not None:
            rows.append(
                (
                    "verdict",
                    "free_tier",
                    free.subject,
                    free.side,
                    None,
                    None,
                    None,
                    None,
                    None,
                    free.line,
                    free.column,
                )
            )

    def add_failure(
        self,
        error: ParseError,
        source_path: str | None = None,
        page_id: str | None = None,
        findings: Sequence[Finding] = (),
    ) -> str:
        """Add an input that could not be read or parsed: a ``failed`` page and its error."""
        path = source_path if source_path is not None else error.path
        self.rows["pages"].append(
            (
                page_id,
                path,
                "failed",
                *([None] * 21),
                len(findings),
                *self.versions,
            )
        )
        self._page_done()
        self.rows["errors"].append(
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
        self.rows["findings"].extend(map(finding_row, findings))

    def to_tables(self) -> dict[str, pa.Table]:
        """Every table, typed by its schema (empty tables included)."""
        pages = rows_to_table(self.rows["pages"], SCHEMAS["pages"])
        tables = {"pages": pages}
        for name, ends in self.ends.items():
            # The page columns of a detail table are taken from `pages` in one
            # go instead of being repeated in every row tuple.
            ends_at = np.asarray(ends, dtype=np.int64)
            counts = ends_at - np.concatenate(([0], ends_at[:-1]))
            owner = pa.array(np.repeat(np.arange(len(ends), dtype=np.int64), counts))
            page_columns = [pages["page_id"].take(owner), pages["source_path"].take(owner)]
            tables[name] = rows_to_table(self.rows[name], SCHEMAS[name], page_columns)
        for name in ("errors", "findings"):
            tables[name] = rows_to_table(self.rows[name], SCHEMAS[name])
        return tables


def rows_to_table(
    rows: Sequence[Row], schema: pa.Schema, first: Sequence[pa.ChunkedArray] = ()
) -> pa.Table:
    """Tuples of the columns after ``first`` -> a table of exactly ``schema``."""
    if not rows:
        return schema.empty_table()
    fields = list(schema)[len(first) :]
    columns = zip(*rows, strict=True)
    arrays = [
        pa.array(column, type=field.type) for column, field in zip(columns, fields, strict=True)
    ]
    return pa.Table.from_arrays([*first, *arrays], schema=schema)


def to_arrow(pages: Iterable[Page | ParseError], *, check: bool = True) -> dict[str, pa.Table]:
    """Pages (and the errors of inputs that failed) -> every output table.

    The same tables a batch run writes: a :class:`ParseError` in ``pages``
    becomes a ``failed`` row located by its ``path``; with ``check`` the page
    rules and the batch's drift rule fill the ``findings`` table.
    """
    rows = TableRows()
    for item in pages:
        if isinstance(item, ParseError):
            rows.add_failure(item, findings=[parse_error_finding(item)] if check else ())
        else:
            rows.add_page(item, check_page(item) if check else ())
    tables = rows.to_tables()
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


def _count(value: float | None) -> int | None:
    return None if value is None else int(value)


def _winner(claim: ScoreClaim | None) -> str | None:
    return None if claim is None else claim.winner


def _score_row(sentence: str, claim: ScoreClaim) -> Row:
    return (
        sentence,
        "winner",
        claim.winner,
        claim.winner_side,
        None,
        None,
        claim.winner_score,
        claim.loser,
        claim.loser_score,
        claim.line,
        claim.column,
    )
