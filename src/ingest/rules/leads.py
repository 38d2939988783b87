"""The lead rules, IG201-IG203: the verdict's `P leads on d` / `Q is stronger on d`.

A lead must be backed by the displayed values of the table row it names
(IG201), not claimed on a displayed tie (IG202), and no component one side is
displayed higher on may go without its lead (IG203).
"""

from __future__ import annotations

from types import MappingProxyType

from ingest.page.format import COMPONENTS, Side
from ingest.page.records import LeadClaim
from ingest.rules.context import PageContext, cell, other_side
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import Rule

LEAD_CONTRADICTED = Rule(
    code="IG201",
    name="lead-contradicted",
    severity="error",
    fix="unsafe",
    fix_why="The lead sentences are rebuilt from the displayed values (a contradicted lead\n"
    "goes to the side shown higher; a lead the table cannot back is dropped): the\n"
    "displayed components are rounded, and hidden values might prove the author right.",
    summary='"P leads on d" / "Q is stronger on d" where the other side\'s displayed d is higher',
    template="'{claim}' is contradicted: the table's {feature} is {own} for {subject} vs "
    "{other} for {other_subject}",
    alternates=MappingProxyType(
        {
            "unknown": "'{claim}' cannot be backed: the table has no '{feature}' row with "
            "a number for both subjects",
        }
    ),
    what="Checks every `P leads on d` / `Q is stronger on d` of the verdict against the\n"
    "displayed values of the table row d names (case-insensitive). A lead on a\n"
    "feature the table does not show, or shows without a number for both subjects,\n"
    "is reported here too: nothing on the page supports it.",
    why="A lead the table contradicts tells readers the opposite of the data.",
    example="rorshark-vit-base leads on quality, while FLUX.1 Pro is stronger on ecosystem.\n"
    "...\n| Quality | 0 | 1 |\n| Ecosystem | 1 | 0 |",
    instead="rorshark-vit-base leads on ecosystem, while FLUX.1 Pro is stronger on quality.",
)

LEAD_ON_TIE = Rule(
    code="IG202",
    name="lead-on-tie",
    severity="warning",
    fix="unsafe",
    fix_why="The lead sentences are rebuilt from the displayed values (the tied dimension is\n"
    "dropped): the displayed components are rounded, and the hidden values might\n"
    "back the lead.",
    summary="a lead is claimed where the displayed values are equal (rounded values cannot "
    "confirm it)",
    template="'{claim}' is not confirmed: the table's {feature} is {own} for both, and "
    "displayed values are rounded",
    what="Reports a lead on a feature whose displayed values are equal.",
    why="Components are shown rounded to 0/1 (the underlying values are 0-1 fractions),\n"
    "so a displayed tie can neither prove nor disprove the lead: the page asks readers\n"
    "to trust a difference it does not show.",
    example="FLUX.1 Pro is stronger on adoption and quality.\n...\n| Adoption | 1 | 1 |",
    instead="FLUX.1 Pro is stronger on quality.",
)

LEAD_OMITTED = Rule(
    code="IG203",
    name="lead-omitted",
    severity="warning",
    fix="unsafe",
    fix_why="The lead sentences are rebuilt from the displayed values (the omitted lead is\n"
    "added): the displayed components are rounded, so the difference may be smaller\n"
    "than it looks, and the wording of the verdict changes.",
    summary="among Adoption, Quality, Ecosystem, Match Graph, one side is displayed higher and "
    "the verdict gives it no lead",
    template="the verdict gives {subject} no lead on {feature}, but the table's {feature} is "
    "{own} for {subject} vs {other} for {other_subject}",
    what="For each of Adoption, Quality, Ecosystem and Match Graph where one subject is\n"
    "displayed higher, checks that the verdict gives that subject a lead on it.",
    why="A verdict that lists some leads reads as complete; leaving one out favours the\n"
    "other subject.",
    example="FLUX.1 Pro is stronger on quality.\n...\n| Ecosystem | 1 | 0 |",
    instead="rorshark-vit-base leads on ecosystem, while FLUX.1 Pro is stronger on quality.",
)

_COMPONENT_KEYS = tuple(name.casefold() for name in COMPONENTS)


def _lead_quote(text: str, lead: LeadClaim) -> str:
    """`FLUX.1 Pro is stronger on adoption`: the lead as the verdict words it."""
    start = lead.column - 1
    written = text[start : start + len(lead.feature)]
    dimension = written if written.casefold() == lead.feature.casefold() else lead.feature
    return f"{lead.subject} {lead.phrase} {dimension}"


def check_leads(ctx: PageContext) -> None:
    """IG201 (contradicted or unsupported lead), IG202 (lead on a tie), IG203 (omitted lead)."""
    verdict = ctx.page.verdict
    if verdict is None:
        return
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
        if row is None:
            own = other = None
        else:  # the values inline, not through value() twice (~0.2 µs a lead)
            own, other = (row.value_a, row.value_b) if side == "a" else (row.value_b, row.value_a)
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


FAMILY = RuleFamily(
    rules=(LEAD_CONTRADICTED, LEAD_ON_TIE, LEAD_OMITTED),
    checks=(PageCheck((LEAD_CONTRADICTED, LEAD_ON_TIE, LEAD_OMITTED), check_leads),),
)
