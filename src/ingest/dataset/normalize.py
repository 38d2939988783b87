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
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from ingest.dataset.artifacts import artifacts_table
from ingest.dataset.cell_table import typed_columns
from ingest.dataset.drift import drift_from_pages
from ingest.dataset.keys import file_ids
from ingest.dataset.schemas import SCHEMAS, ingest_version
from ingest.dataset.subjects import subjects_table
from ingest.errors import ParseError
from ingest.page import models
from ingest.page.findings import Finding
from ingest.page.models import SCHEMA_VERSION, Side
from ingest.page.records import Capability, FeatureRow, Page, ScoreClaim, from_model
from ingest.rules import check_page, parse_error_finding
from ingest.rules.context import rows_by_name

Row = tuple[Any, ...]
Index = npt.NDArray[np.int64]

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
        self.sections: list[tuple[str | None, Side | None, int]] = []
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
        return Mark(*map(len, self._lists()))

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
        for error in page.errors:
            self.errors.append(
                (
                    page.page_id,
                    page.source,
                    error.line,
                    error.column,
                    error.message,
                    None,
                    error.text,
                )
            )
        rows = page.table.rows
        self.features += rows
        by_name = rows_by_name(rows)
        kind, rank, pricing = (
            by_name.get("type"),
            by_name.get("unfragilerank"),
            by_name.get("pricing"),
        )
        declared = by_name.get("capabilities")
        price = by_name.get("starting price")
        listed, more = self._add_capabilities(page)
        summary = page.summary
        verdict = page.verdict
        self._add_claims(page)
        self.pages.append(
            (
                page.page_id,
                page.source,
                status,
                page.title,
                page.subject_a,
                page.subject_b,
                kind.raw_a if kind else None,
                kind.raw_b if kind else None,
                rank.value_a if rank else None,
                rank.value_b if rank else None,
                pricing.raw_a if pricing else None,
                pricing.raw_b if pricing else None,
                _count(declared.value_a) if declared else None,
                _count(declared.value_b) if declared else None,
                *listed,
                *more,
                _winner(summary.claim if summary else None),
                _winner(verdict.claim if verdict else None),
                page.complete,
                rank.line if rank else None,
                pricing.line if pricing else None,
                declared.line if declared else None,
                len(findings),
                *self.versions,
                summary.text if summary else None,
                verdict.text if verdict else None,
                list(verdict.unparsed) if verdict else None,
                price.raw_a if price else None,
                price.raw_b if price else None,
                self.as_of,
            )
        )
        self._page_done()
        self.add_findings(findings)
        return status

    def _add_capabilities(self, page: Page) -> tuple[list[int | None], list[int | None]]:
        """Hand over the capabilities; returns the listed and `+k more` counts of a and b."""
        listed: list[int | None] = [None, None]
        more: list[int | None] = [None, None]
        for section in page.sections:
            side = section.side
            capabilities = section.capabilities
            if capabilities:
                subject = section.heading
                if side is not None:
                    subject = page.subject_a if side == "a" else page.subject_b
                self.capabilities += capabilities
                self.sections.append((subject, side, len(capabilities)))
            if side is not None:
                at = 0 if side == "a" else 1
                listed[at] = (listed[at] or 0) + len(capabilities)
                if section.more is not None:
                    more[at] = (more[at] or 0) + section.more
        return listed, more

    def _add_claims(self, page: Page) -> None:
        rows = self.claims
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
        owners = {name: _owners(ends) for name, ends in self.ends.items()}
        return {
            "pages": pages,
            "subjects": subjects_table(pages, self.findings, SCHEMAS["subjects"]),
            "artifacts": SCHEMAS["artifacts"].empty_table(),  # batch-wide: see to_arrow
            "features": self._features_table(pages, owners["features"]),
            "capabilities": self._capabilities_table(pages, owners["capabilities"]),
            "claims": rows_to_table(
                self.claims, SCHEMAS["claims"], _page_columns(pages, owners["claims"])
            ),
            "errors": rows_to_table(self.errors, SCHEMAS["errors"]),
            "findings": rows_to_table(self.findings, SCHEMAS["findings"]),
        }

    def _features_table(self, pages: pa.Table, owner: Index) -> pa.Table:
        """Two rows per table row, a then b; subject, side and feature taken, not repeated."""
        schema = SCHEMAS["features"]
        count = len(self.features)
        if not count:
            return schema.empty_table()
        names, raw_a, raw_b, value_a, value_b, lines = list(zip(*self.features, strict=True))[:6]
        each = np.repeat(np.arange(count, dtype=np.int64), 2)  # row i -> output 2i and 2i+1
        b_side = np.tile(np.array([0, 1], dtype=np.int64), count)
        interleave = each + b_side * count  # a cells first, then b cells
        pair_owner = np.repeat(owner, 2)
        subjects = pa.chunked_array(pages["subject_a"].chunks + pages["subject_b"].chunks)
        raw = pa.concat_arrays([pa.array(raw_a, pa.string()), pa.array(raw_b, pa.string())])
        value = pa.concat_arrays(
            [pa.array(value_a, pa.float64()), pa.array(value_b, pa.float64())]
        ).take(interleave)
        columns = [
            *_page_columns(pages, pair_owner),
            subjects.take(pair_owner + b_side * pages.num_rows),
            pa.array(["a", "b"], pa.string()).take(b_side),
            pa.array(names, pa.string()).take(each),
            raw.take(interleave),
            *typed_columns(raw.take(interleave), value),
            pa.array(lines, pa.int32()).take(each),
        ]
        return pa.Table.from_arrays(columns, schema=schema)

    def _capabilities_table(self, pages: pa.Table, owner: Index) -> pa.Table:
        """One row per capability; subject, side and ordinal taken from its section."""
        schema = SCHEMAS["capabilities"]
        if not self.capabilities:
            return schema.empty_table()
        subjects, sides, sizes = zip(*self.sections, strict=True)
        section_of = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        starts = np.cumsum(sizes, dtype=np.int64) - np.asarray(sizes, dtype=np.int64)
        ordinal = np.arange(len(section_of), dtype=np.int64) - starts[section_of] + 1
        titles, descriptions, unique, vs_alternatives, lines = zip(*self.capabilities, strict=True)
        columns = [
            *_page_columns(pages, owner),
            pa.array(subjects, pa.string()).take(section_of),
            pa.array(sides, pa.string()).take(section_of),
            pa.array(ordinal, pa.int32()),
            pa.array(titles, pa.string()),
            pa.array(descriptions, pa.string()),
            pa.array(unique, pa.string()),
            pa.array(vs_alternatives, pa.string()),
            pa.array(lines, pa.int32()),
        ]
        return pa.Table.from_arrays(columns, schema=schema)


def _owners(ends: list[int]) -> Index:
    """Row -> index of its page, from each page's running row count."""
    ends_at = np.asarray(ends, dtype=np.int64)
    counts = np.diff(ends_at, prepend=0)
    return np.repeat(np.arange(len(ends_at), dtype=np.int64), counts)


def _page_columns(pages: pa.Table, owner: Index) -> list[pa.ChunkedArray]:
    """page_id, source_path and file_id of each row's page."""
    return [pages[name].take(owner) for name in ("page_id", "source_path", "file_id")]


def rows_to_table(
    rows: Sequence[Row], schema: pa.Schema, first: Sequence[pa.ChunkedArray] = ()
) -> pa.Table:
    """Tuples of the columns after ``first`` -> a table of exactly ``schema``.

    The rows leave out ``file_id`` (unless ``first`` holds it): it is made here
    from the ``source_path`` column.
    """
    if not rows:
        return schema.empty_table()
    fields = [f for f in list(schema)[len(first) :] if f.name != "file_id"]
    columns = zip(*rows, strict=True)
    arrays = [
        pa.array(column, type=field.type) for column, field in zip(columns, fields, strict=True)
    ]
    names = [f.name for f in list(schema)[len(first) :] if f.name != "file_id"]
    if "file_id" in schema.names and len(first) <= schema.get_field_index("file_id"):
        at = names.index("source_path") + 1
        arrays.insert(at, file_ids(arrays[at - 1]))
    return pa.Table.from_arrays([*first, *arrays], schema=schema)


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
            rows.add_page(item, check_page(item) if check else ())
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
