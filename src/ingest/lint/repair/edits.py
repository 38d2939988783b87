"""The edits that repair one parsed page: which sentence of the summary or verdict to rewrite.

Each edit is a set of spans of one line (the summary or the verdict paragraph)
and the sentences that replace them, written by :mod:`ingest.parse.render`:

- a score sentence (IG102, IG103: safe; IG104: unsafe, the sentence goes);
- the free-tier sentence (IG301: safe, names the Free subject or goes);
- the lead sentences (IG201, IG202, IG203: unsafe, rebuilt from the displayed values).

Nothing here reads or writes files: offsets are into the line's text as the
parser read it, which :mod:`ingest.lint.repair.apply` maps back onto the raw bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ingest.page.format import COMPONENTS, PRICING_ROW, RANK_ROW, SIDES, Side
from ingest.page.records import FeatureRow, LeadClaim, Page, ScoreClaim
from ingest.parse.render import (
    NEUTRAL_SUMMARY,
    free_tier_sentence,
    lead_sentence,
    score_sentence,
)
from ingest.rules.context import PageContext, other_side, value
from ingest.rules.free_tier import FREE_PRICE


class Span(NamedTuple):
    """Characters ``start:end`` (0-based) of a line's text, replaced by ``text``."""

    start: int
    end: int
    text: str


class Edit(NamedTuple):
    """One repair on line ``line``: the codes it fixes and the spans it rewrites."""

    line: int
    codes: frozenset[str]
    spans: tuple[Span, ...]
    description: str


def page_edits(page: Page, ctx: PageContext) -> list[Edit]:
    """Every edit that would repair ``page`` (whether its rule is selected is decided later)."""
    edits: list[Edit] = []
    summary, verdict = page.summary, page.verdict
    if summary is not None and summary.claim is not None:
        edit = _score_edit(ctx, summary.claim, summary.text, "summary")
        if edit is not None:
            edits.append(edit)
    if verdict is not None and verdict.text:
        if verdict.claim is not None:
            edit = _score_edit(ctx, verdict.claim, verdict.text, "verdict")
            if edit is not None:
                edits.append(edit)
        edits += _free_tier_edit(ctx, verdict.text)
        edits += _lead_edit(ctx, verdict.text)
    return edits


def apply_spans(text: str, spans: Iterable[Span]) -> str:
    """``text`` with non-overlapping ``spans`` replaced (a later overlapping span is skipped)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    for span in reversed(kept):
        text = text[: span.start] + span.text + text[span.end :]
    return text


def overlaps(a: Iterable[Span], b: Iterable[Span]) -> bool:
    """True when a span of ``a`` overlaps one of ``b`` (insertions at one point overlap too)."""
    listed = list(b)
    return any(
        (x.start < y.end and y.start < x.end) or (x.start == y.start and x.end == y.end)
        for x in a
        for y in listed
    )


def _removal(text: str, start: int, end: int) -> Span:
    """Remove a sentence and one blank beside it (the one after it, else the one before)."""
    if end < len(text) and text[end] == " ":
        return Span(start, end + 1, "")
    if start > 0 and text[start - 1] == " ":
        return Span(start - 1, end, "")
    return Span(start, end, "")


# ---------------------------------------------------------------- scores


def score_span(text: str, claim: ScoreClaim) -> tuple[int, int, str] | None:
    """``(start, end, verb)`` of the score sentence ``claim`` was read from, if it is canonical."""
    start = claim.column - 1
    for verb in ("ranks", "scores"):
        written = score_sentence(
            claim.winner, verb, claim.winner_score, claim.loser, claim.loser_score
        )
        if text.startswith(written, start):
            return start, start + len(written), verb
    return None


def _score(ctx: PageContext, side: Side) -> int | None:
    rank = ctx.row(RANK_ROW)
    number = None if rank is None else value(rank, side)
    if number is None or not number.is_integer() or not 0 <= number <= 100:
        return None
    return int(number)


def _score_edit(ctx: PageContext, claim: ScoreClaim, text: str, where: str) -> Edit | None:
    winner, loser = claim.winner_side, claim.loser_side
    if winner is None or loser is None or winner == loser:
        return None
    found = score_span(text, claim)
    winner_rank, loser_rank = _score(ctx, winner), _score(ctx, loser)
    if found is None or winner_rank is None or loser_rank is None:
        return None
    start, end, verb = found
    line = claim.line
    if winner_rank == loser_rank:
        span = _removal(text, start, end)
        if apply_spans(text, [span]).strip() == "":
            if where != "summary":
                return None
            span = Span(0, len(text), NEUTRAL_SUMMARY)
        return Edit(line, frozenset({"IG104"}), (span,), f"{where}: winner sentence removed")
    if winner_rank > loser_rank:
        fixed = score_sentence(claim.winner, verb, winner_rank, claim.loser, loser_rank)
        code = "IG102"
    else:
        fixed = score_sentence(claim.loser, verb, loser_rank, claim.winner, winner_rank)
        code = "IG103"
    if fixed == text[start:end]:
        return None
    return Edit(line, frozenset({code}), (Span(start, end, fixed),), f"{where}: '{fixed}'")


# ---------------------------------------------------------------- free tier


def _free_tier_edit(ctx: PageContext, text: str) -> list[Edit]:
    verdict = ctx.page.verdict
    free = verdict.free_tier if verdict is not None else None
    if free is None or free.side is None:
        return []
    start = free.column - 1
    written = free_tier_sentence(free.subject)
    if not text.startswith(written, start):
        return []
    end = start + len(written)
    row = ctx.row(PRICING_ROW)
    free_sides = [] if row is None else [s for s in SIDES if _is_free(row, s)]
    if free_sides == [free.side]:
        return []
    if len(free_sides) == 1:
        fixed = free_tier_sentence(ctx.name(free_sides[0]))
        span = Span(start, end, fixed)
        description = f"verdict: '{fixed}'"
    else:
        span = _removal(text, start, end)
        description = "verdict: free-tier sentence removed"
        if apply_spans(text, [span]).strip() == "":
            return []
    return [Edit(free.line, frozenset({"IG301"}), (span,), description)]


def _is_free(row: FeatureRow, side: Side) -> bool:
    raw = row.raw_a if side == "a" else row.raw_b
    return raw is not None and raw.casefold() == FREE_PRICE


# ---------------------------------------------------------------- leads


def _lead_spans(text: str, leads: tuple[LeadClaim, ...]) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` of each lead sentence, or None if one is not in canonical form."""
    ordered = sorted(leads, key=lambda lead: lead.column)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(ordered):
        lead = ordered[index]
        phrase = f" {lead.phrase} "
        start = lead.column - 1 - len(phrase) - len(lead.subject)
        if start < 0 or not text.startswith(lead.subject + phrase, start):
            return None
        period = _sentence_end(text, lead.column - 1)
        if period == -1:
            return None
        end = period + 1
        while index < len(ordered) and ordered[index].column - 1 < end:
            index += 1
        spans.append((start, end))
    return spans


def _sentence_end(text: str, start: int) -> int:
    """The first period from ``start`` that ends a sentence (a blank or the line's end follows:
    the period of `FLUX.1` does not)."""
    period = text.find(".", start)
    while period != -1 and period + 1 < len(text) and text[period + 1] != " ":
        period = text.find(".", period + 1)
    return period


def _wanted_leads(ctx: PageContext, text: str) -> list[tuple[Side, str]] | None:
    """The leads the displayed values back: the page's own that hold, then the omitted ones."""
    verdict = ctx.page.verdict
    assert verdict is not None
    wanted: list[tuple[Side, str]] = []
    keys: set[str] = set()
    for lead in sorted(verdict.leads, key=lambda lead: lead.column):
        if lead.side is None:
            return None  # IG101's: a lead for neither subject is not ours to drop
        key = lead.feature.casefold()
        row = ctx.row(lead.feature)
        own = None if row is None else value(row, lead.side)
        other = None if row is None else value(row, other_side(lead.side))
        if key in keys or own is None or other is None or own <= other:
            continue
        keys.add(key)
        start = lead.column - 1
        written = text[start : start + len(lead.feature)]
        word = written if written.casefold() == key else lead.feature.lower()
        wanted.append((lead.side, word))
    for name in COMPONENTS:
        row = ctx.row(name)
        if row is None or row.value_a is None or row.value_b is None:
            continue
        if row.value_a == row.value_b or row.name.casefold() in keys:
            continue
        keys.add(row.name.casefold())
        wanted.append(("a" if row.value_a > row.value_b else "b", row.name.lower()))
    return wanted


def _lead_edit(ctx: PageContext, text: str) -> list[Edit]:
    verdict = ctx.page.verdict
    assert verdict is not None
    spans = _lead_spans(text, verdict.leads)
    wanted = _wanted_leads(ctx, text)
    if spans is None or wanted is None:
        return []
    order: list[Side] = []
    for side, _ in wanted:
        if side not in order:
            order.append(side)
    by_side = {side: [word for s, word in wanted if s == side] for side in order}
    first = order[0] if order else None
    second = order[1] if len(order) > 1 else None
    sentence = lead_sentence(
        None if first is None else ctx.name(first),
        by_side.get(first, []) if first is not None else [],
        None if second is None else ctx.name(second),
        by_side.get(second, []) if second is not None else [],
    )
    written = [text[start:end] for start, end in spans]
    if written == ([sentence] if sentence else []):
        return []
    edits: list[Span] = []
    for index, (start, end) in enumerate(spans):
        if index == 0 and sentence:
            edits.append(Span(start, end, sentence))
        else:
            edits.append(_removal(text, start, end))
    if not spans and sentence:
        edits.append(_insertion(text, verdict.claim, sentence))
    if apply_spans(text, edits).strip() == "":
        return []
    description = f"verdict: '{sentence}'" if sentence else "verdict: lead sentences removed"
    return [Edit(verdict.line, frozenset({"IG201", "IG202", "IG203"}), tuple(edits), description)]


def _insertion(text: str, claim: ScoreClaim | None, sentence: str) -> Span:
    """Where a lead sentence goes on a verdict without one: after its score sentence, else first."""
    found = None if claim is None else score_span(text, claim)
    if found is None:
        return Span(0, 0, sentence + " ")
    end = found[1]
    return Span(end, end, " " + sentence)
