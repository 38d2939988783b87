"""The page-level rules, IG001-IG401: one parsed page in, its findings out.

Every claim is checked against the page's own table, following FORMAT.md
"What the numbers promise". Findings point at the claim (its line, and the
column where the quoted text starts); omissions and counts point at the
verdict line or the table row they are about.
"""

from __future__ import annotations

from ingest.errors import ParseError
from ingest.page import models
from ingest.page.findings import Finding
from ingest.page.models import CAPABILITIES_ROW, COMPONENTS, PRICING_ROW, RANK_ROW, SIDES, Side
from ingest.page.records import LeadClaim, Page, ScoreClaim, from_model
from ingest.rules.catalogue import (
    CAPABILITY_COUNT,
    FREE_TIER,
    LEAD_CONTRADICTED,
    LEAD_OMITTED,
    LEAD_ON_TIE,
    MALFORMED_ROW,
    NUMBER_OUT_OF_RANGE,
    PARSE_ERROR,
    REPEATED_PART,
    SCORE_MISMATCH,
    TRUNCATED_PAGE,
    UNEXPECTED_LINE,
    WINNER_CONTRADICTED,
    WINNER_ON_TIE,
)
from ingest.rules.context import PageContext, cell, other_side, value
from ingest.rules.subjects import check_subjects

_RANK_KEY = RANK_ROW.casefold()
_COMPONENT_KEYS = tuple(name.casefold() for name in COMPONENTS)
_HIGHER_AT = " higher at "
FREE_PRICE = "free"
"""A Pricing cell that offers a free tier (compared case-folded)."""
_PAGE_ERROR_RULES = {
    rule.code: rule for rule in (UNEXPECTED_LINE, NUMBER_OUT_OF_RANGE, REPEATED_PART)
}
"""The rule of each page error code; any other code is reported as a parse error (IG001)."""


def parse_error_finding(error: ParseError) -> Finding:
    """The IG001 finding for a page that cannot be parsed, where the parser stopped."""
    reason = error.message + (f" (expected {error.expected})" if error.expected else "")
    return PARSE_ERROR.finding(
        path=error.path or "<text>", line=error.line, column=error.column, reason=reason
    )


def check_page(page: models.Page | Page, path: str | None = None) -> list[Finding]:
    """All page-level findings (IG002-IG401, and one per page error) of one page, in line order.

    ``page`` is a model or its record (see :mod:`ingest.page.records`); ``path``
    names the page in the findings (default: ``page.source``). Cheap enough
    to run on every page of a batch: no I/O, a few dict lookups.
    """
    page = from_model(page)
    ctx = PageContext(page, path if path is not None else (page.source or "<text>"))
    for error in page.errors:
        rule = _PAGE_ERROR_RULES.get(error.code, PARSE_ERROR)
        ctx.report(rule, error.line, error.column, message=error.message, reason=error.message)
    _check_structure(ctx)
    check_subjects(ctx)
    if page.summary is not None and page.summary.claim is not None:
        _check_scores(ctx, page.summary.claim, page.summary.text, "the summary")
    verdict = page.verdict
    if verdict is not None:
        if verdict.claim is not None:
            _check_scores(ctx, verdict.claim, verdict.text, "the verdict")
        _check_leads(ctx)
        _check_free_tier(ctx)
    if page.complete:
        _check_capabilities(ctx)
    ctx.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return ctx.findings


def _check_structure(ctx: PageContext) -> None:
    """IG002 (cut-off page) and IG003 (rows broken over lines or with the wrong cell count)."""
    page = ctx.page
    if not page.complete:
        last = _last_line(page)
        ctx.report(TRUNCATED_PAGE, last, last_line=last)
    for row in page.table.rows:
        if not row.rejoined and row.cells == 3:
            continue
        variant = None if row.cells == 3 else ("both" if row.rejoined else "cells")
        ctx.report(
            MALFORMED_ROW,
            row.line,
            feature=row.name,
            variant=variant,
            cells=row.cells,
            subject_a=page.subject_a,
            subject_b=page.subject_b,
        )


def _last_line(page: Page) -> int:
    """The last line the page has content on (pages are cut off at the end)."""
    last = max([page.title_line, page.table.line, *(row.line for row in page.table.rows)])
    if page.summary is not None:
        last = max(last, page.summary.line)
    for section in page.sections:
        last = max(last, section.line, section.more_line or 0)
        for capability in section.capabilities:
            end = capability.line + (capability.unique is not None)
            last = max(last, end + (capability.vs_alternatives is not None))
    if page.verdict is not None:
        last = max(last, page.verdict.line)
    return last


def _check_scores(ctx: PageContext, claim: ScoreClaim, text: str, where: str) -> None:
    """IG102 (quoted score is not the table's), IG103 (winner ranks lower), IG104 (tie)."""
    winner, loser = claim.winner_side, claim.loser_side
    rank = ctx.rows.get(_RANK_KEY)
    if winner is None or loser is None or winner == loser or rank is None:
        return  # IG101 covers names that are not the two subjects
    winner_rank, loser_rank = value(rank, winner), value(rank, loser)
    start = claim.column - 1
    loser_at = text.find(f" vs {claim.loser} at ", start + len(claim.winner)) + 4
    score_at = loser_at + len(claim.loser) + len(" at ")
    if winner_rank is not None and winner_rank != claim.winner_score:
        winner_at = text.find(_HIGHER_AT, start + len(claim.winner)) + len(_HIGHER_AT)
        _score_mismatch(ctx, claim, where, winner, claim.winner_score, winner_at + 1)
    if loser_rank is not None and loser_rank != claim.loser_score:
        _score_mismatch(ctx, claim, where, loser, claim.loser_score, score_at + 1)
    if winner_rank is None or loser_rank is None or winner_rank > loser_rank:
        return
    end = text.find("/100.", score_at)
    quote = text[start : end + len("/100.")] if end >= 0 else text[start:]
    if winner_rank == loser_rank:
        ctx.report(
            WINNER_ON_TIE,
            claim.line,
            claim.column,
            subject=ctx.name(winner),
            feature=rank.name,
            claim=quote,
            winner=claim.winner,
            rank=cell(rank, winner),
        )
        return
    ctx.report(
        WINNER_CONTRADICTED,
        claim.line,
        claim.column,
        subject=ctx.name(winner),
        feature=rank.name,
        claim=quote,
        winner=claim.winner,
        loser=claim.loser,
        winner_rank=cell(rank, winner),
        loser_rank=cell(rank, loser),
    )


def _score_mismatch(
    ctx: PageContext, claim: ScoreClaim, where: str, side: Side, quoted: int, column: int
) -> None:
    rank = ctx.rows[_RANK_KEY]
    ctx.report(
        SCORE_MISMATCH,
        claim.line,
        column,
        subject=ctx.name(side),
        feature=rank.name,
        where=where,
        quoted=quoted,
        rank=cell(rank, side),
    )


def _lead_quote(text: str, lead: LeadClaim) -> str:
    """`FLUX.1 Pro is stronger on adoption`: the lead as the verdict words it."""
    start = lead.column - 1
    written = text[start : start + len(lead.feature)]
    dimension = written if written.casefold() == lead.feature.casefold() else lead.feature
    return f"{lead.subject} {lead.phrase} {dimension}"


def _check_leads(ctx: PageContext) -> None:
    """IG201 (contradicted or unsupported lead), IG202 (lead on a tie), IG203 (omitted lead)."""
    verdict = ctx.page.verdict
    assert verdict is not None
    claimed: set[tuple[Side, str]] = set()
    for lead in verdict.leads:
        side = lead.side
        if side is None:
            continue  # IG101 covers a lead for neither subject
        key = lead.feature.casefold()
        if (side, key) in claimed:
            continue
        claimed.add((side, key))
        row = ctx.rows.get(key)
        own = None if row is None else value(row, side)
        other = None if row is None else value(row, other_side(side))
        if row is None or own is None or other is None:
            ctx.report(
                LEAD_CONTRADICTED,
                lead.line,
                lead.column,
                subject=ctx.name(side),
                feature=lead.feature if row is None else row.name,
                variant="unknown",
                claim=_lead_quote(verdict.text, lead),
            )
        elif other >= own:
            ctx.report(
                LEAD_CONTRADICTED if other > own else LEAD_ON_TIE,
                lead.line,
                lead.column,
                subject=ctx.name(side),
                feature=row.name,
                claim=_lead_quote(verdict.text, lead),
                own=cell(row, side),
                other=cell(row, other_side(side)),
                other_subject=ctx.name(other_side(side)),
            )
    if verdict.text:
        _check_omitted_leads(ctx, claimed)


def _check_omitted_leads(ctx: PageContext, claimed: set[tuple[Side, str]]) -> None:
    verdict = ctx.page.verdict
    assert verdict is not None
    for key in _COMPONENT_KEYS:
        row = ctx.rows.get(key)
        if row is None:
            continue
        a, b = row.value_a, row.value_b
        if a is None or b is None or a == b:
            continue
        higher: Side = "a" if a > b else "b"
        if (higher, key) in claimed:
            continue
        ctx.report(
            LEAD_OMITTED,
            verdict.line,
            subject=ctx.name(higher),
            feature=row.name,
            own=cell(row, higher),
            other=cell(row, other_side(higher)),
            other_subject=ctx.name(other_side(higher)),
        )


def _check_free_tier(ctx: PageContext) -> None:
    """IG301: `R also has a free tier` needs R Free and the other subject not Free."""
    verdict = ctx.page.verdict
    free = verdict.free_tier if verdict is not None else None
    if free is None or free.side is None:
        return
    quote = f"{free.subject} also has a free tier"
    row = ctx.row(PRICING_ROW)
    if row is None:
        ctx.report(
            FREE_TIER,
            free.line,
            free.column,
            subject=ctx.name(free.side),
            feature=PRICING_ROW,
            variant="no-row",
            claim=quote,
        )
        return
    own, other = cell(row, free.side), cell(row, other_side(free.side))
    if own.casefold() == FREE_PRICE and other.casefold() != FREE_PRICE:
        return
    ctx.report(
        FREE_TIER,
        free.line,
        free.column,
        subject=ctx.name(free.side),
        feature=row.name,
        claim=quote,
        own=own,
        other=other,
        other_subject=ctx.name(other_side(free.side)),
    )


def _check_capabilities(ctx: PageContext) -> None:
    """IG401: `n decomposed` equals the listed capabilities plus `+k more`, per subject."""
    row = ctx.row(CAPABILITIES_ROW)
    if row is None:
        return
    for side in SIDES:
        declared = value(row, side)
        if declared is None:
            continue
        section = ctx.section(side)
        listed = len(section.capabilities) if section is not None else 0
        more = (section.more or 0) if section is not None else 0
        if declared == listed + more:
            continue
        ctx.report(
            CAPABILITY_COUNT,
            row.line,
            subject=ctx.name(side),
            feature=row.name,
            declared=cell(row, side),
            listed=listed,
            more=more,
            total=listed + more,
        )
