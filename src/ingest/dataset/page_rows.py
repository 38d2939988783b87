"""One parsed page's rows: its ``pages`` tuple, its ``claims`` and ``errors`` rows.

The parts of :meth:`ingest.dataset.normalize.TableRows.add_page` that read a
page record. Every function here runs once per page of a batch, so each reads
the record's fields directly and builds plain tuples, in the order of the
table's schema (``file_id`` left out: it is made from ``source_path`` at
flush time, see :func:`ingest.dataset.arrow_tables.rows_to_table`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ingest.page.format import Side
from ingest.page.records import Capability, Page, ScoreClaim
from ingest.rules.context import rows_by_name

Row = tuple[Any, ...]

Section = tuple[str | None, Side | None, int]
"""A capability section with capabilities: its subject, side and size."""


def error_rows(page: Page) -> list[Row]:
    """One ``errors`` row per page error (a number out of range, a repeated part...)."""
    return [
        (page.page_id, page.source, error.line, error.column, error.message, None, error.text)
        for error in page.errors
    ]


def add_sections(
    page: Page, capabilities: list[Capability], sections: list[Section]
) -> tuple[int | None, int | None, int | None, int | None]:
    """Append the page's capabilities and sections; returns the listed counts of a and b
    and their `+k more` counts."""
    listed_a = listed_b = more_a = more_b = None
    for section in page.sections:
        side = section.side
        found = section.capabilities
        if found:
            subject = section.heading
            if side is not None:
                subject = page.subject_a if side == "a" else page.subject_b
            capabilities += found
            sections.append((subject, side, len(found)))
        if side == "a":
            listed_a = (listed_a or 0) + len(found)
            if section.more is not None:
                more_a = (more_a or 0) + section.more
        elif side == "b":
            listed_b = (listed_b or 0) + len(found)
            if section.more is not None:
                more_b = (more_b or 0) + section.more
    return listed_a, listed_b, more_a, more_b


def page_row(
    page: Page,
    status: str,
    counts: tuple[int | None, int | None, int | None, int | None],
    n_findings: int,
    versions: tuple[str, str],
    as_of: date | None,
) -> Row:
    """The page's ``pages`` row (``counts``: what :func:`add_sections` returned)."""
    by_name = rows_by_name(page.table.rows)  # the rules' dict, when they just read the page
    kind = by_name.get("type")
    rank = by_name.get("unfragilerank")
    pricing = by_name.get("pricing")
    declared = by_name.get("capabilities")
    price = by_name.get("starting price")
    summary = page.summary
    verdict = page.verdict
    return (
        page.page_id,
        page.source,
        status,
        page.title,
        page.subject_a,
        page.subject_b,
        *((kind.raw_a, kind.raw_b) if kind else (None, None)),
        *((rank.value_a, rank.value_b) if rank else (None, None)),
        *((pricing.raw_a, pricing.raw_b) if pricing else (None, None)),
        *((_count(declared.value_a), _count(declared.value_b)) if declared else (None, None)),
        *counts,
        _winner(summary.claim) if summary else None,
        _winner(verdict.claim) if verdict else None,
        page.complete,
        rank.line if rank else None,
        pricing.line if pricing else None,
        declared.line if declared else None,
        n_findings,
        *versions,
        summary.text if summary else None,
        verdict.text if verdict else None,
        list(verdict.unparsed) if verdict else None,
        *((price.raw_a, price.raw_b) if price else (None, None)),
        as_of,
    )


def claim_rows(page: Page) -> list[Row]:
    """The page's ``claims`` rows: the summary's score, then the verdict's score, leads
    and free tier."""
    rows: list[Row] = []
    summary = page.summary
    if summary is not None and summary.claim is not None:
        rows.append(_score_row("summary", summary.claim))
    verdict = page.verdict
    if verdict is None:
        return rows
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
        row = ("verdict", "free_tier", free.subject, free.side, None, None, None, None, None)
        rows.append((*row, free.line, free.column))
    return rows


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
