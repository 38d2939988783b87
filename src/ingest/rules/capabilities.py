"""The capability-count rule, IG401: `n decomposed` is what the page lists, per subject."""

from __future__ import annotations

from ingest.page.format import CAPABILITIES_ROW, SIDES
from ingest.rules.context import PageContext, cell, value
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import Rule

CAPABILITY_COUNT = Rule(
    code="IG401",
    name="capability-count",
    severity="error",
    fix="none",
    fix_why="The count and the listing live in the table and the `+k more` line, which\n"
    "`--fix` never rewrites, and which of the two is wrong cannot be read from the page.",
    summary='on a complete page, "n decomposed" differs from listed + "+k more"',
    template="the table says '{declared}' for {subject}, but the page lists {listed} + {more} "
    "more = {total}",
    what="On a complete page, checks each subject's `n decomposed` (the Capabilities row)\n"
    "against the capabilities listed under its heading plus its `+k more`.",
    why="The count is the page's measure of breadth; when the listing disagrees, either\n"
    "the count or the listing is wrong.",
    example="| Capabilities | 6 decomposed | 13 decomposed |\n...\n"
    "FLUX.1 Pro Capabilities\n(8 capabilities)\n+4 more capabilities",
    instead="+5 more capabilities",
)


_CAPABILITIES_KEY = CAPABILITIES_ROW.casefold()
"""``ctx.row(CAPABILITIES_ROW)``'s key, folded once, not once a page."""


def check_capabilities(ctx: PageContext) -> None:
    """IG401, on a complete page: `n decomposed` is the listed capabilities plus `+k more`."""
    if not ctx.page.complete:
        return
    row = ctx.rows.get(_CAPABILITIES_KEY)
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


FAMILY = RuleFamily(
    rules=(CAPABILITY_COUNT,), checks=(PageCheck((CAPABILITY_COUNT,), check_capabilities),)
)
