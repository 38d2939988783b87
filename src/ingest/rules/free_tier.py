"""The free-tier rule, IG301: `R also has a free tier` needs R Free and the other subject not."""

from __future__ import annotations

from types import MappingProxyType

from ingest.page.format import PRICING_ROW
from ingest.rules.context import PageContext, cell, other_side
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import Rule

FREE_TIER = Rule(
    code="IG301",
    name="free-tier",
    severity="error",
    fix="safe",
    fix_why="The Pricing row decides the sentence: it names the subject that is Free, or\n"
    "goes when neither or both are (or the table has no Pricing row).",
    summary='"R also has a free tier" while R is not Free or the other side is Free too',
    template="'{claim}' does not hold: the table's {feature} is {own} for {subject} and "
    "{other} for {other_subject}",
    alternates=MappingProxyType(
        {"no-row": "'{claim}' cannot be backed: the table has no {feature} row"}
    ),
    what="Checks `R also has a free tier`: R's Pricing must be Free and the other\n"
    "subject's must not be.",
    why="`also has a free tier` sells R as the cheaper choice; when both are free, or R\n"
    "is not, the sentence misleads.",
    example="FLUX.1 Pro also has a free tier, making it more accessible.\n"
    "...\n| Pricing | Free | Free |",
    instead="(no free-tier sentence: both subjects are Free)",
)

FREE_PRICE = "free"
"""A Pricing cell that offers a free tier (compared case-folded)."""


def check_free_tier(ctx: PageContext) -> None:
    """IG301: `R also has a free tier` needs R Free and the other subject not Free."""
    verdict = ctx.page.verdict
    free = verdict.free_tier if verdict is not None else None
    if free is None or free.side is None:
        return
    row = ctx.row(PRICING_ROW)
    if row is not None:
        own, other = cell(row, free.side), cell(row, other_side(free.side))
        if own.casefold() == FREE_PRICE and other.casefold() != FREE_PRICE:
            return  # the usual claim, all right: no quote built
    quote = f"{free.subject} also has a free tier"
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


FAMILY = RuleFamily(rules=(FREE_TIER,), checks=(PageCheck((FREE_TIER,), check_free_tier),))
