"""IG101 subject-mismatch: every part of a page names the table header's two subjects.

The table header is authoritative (names may contain ` vs `, so the title
alone is ambiguous). A name that resolves to neither subject, or the same
subject named for both sides, is reported where the name starts.
"""

from __future__ import annotations

import itertools
from types import MappingProxyType

from ingest.page.format import Side
from ingest.page.records import ScoreClaim
from ingest.parse.claims import resolve, same_name
from ingest.rules.context import PageContext
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import EXAMPLE_TITLE, Rule

SUBJECT_MISMATCH = Rule(
    code="IG101",
    name="subject-mismatch",
    severity="error",
    fix="none",
    fix_why="A name that is neither subject may be a typo or text pasted from another page;\n"
    "replacing it could put a claim on the wrong subject.",
    summary="title, table header, section headings, summary and verdict do not name the same "
    "two subjects",
    template="{where} names '{name}', which is neither '{subject_a}' nor '{subject_b}' "
    "(the table header)",
    alternates=MappingProxyType(
        {
            "twice": "{where} names '{name}' twice; the table header compares '{subject_a}' "
            "with '{subject_b}'",
            "again": "{where} names '{name}' again (its section is at line {first_line}); "
            "the table header compares '{subject_a}' with '{subject_b}'",
        }
    ),
    what="Checks that the title, the section headings, the summary and the verdict (its\n"
    "score sentence, leads and free tier) name the two subjects of the table header,\n"
    "which is authoritative, and that no subject is named for both sides.",
    why="A claim about a subject that is not on the page cannot be checked against the\n"
    "table, and usually means text was pasted from another page.",
    example=EXAMPLE_TITLE + "...\nFLUX.1 Dev Capabilities",
    instead=EXAMPLE_TITLE + "...\nFLUX.1 Pro Capabilities",
)

_VS = " vs "
_FEW = 4


def check_subjects(ctx: PageContext) -> None:
    """Report IG101 for the header, title, headings, score sentences, leads and free tier."""
    page = ctx.page
    a, b = page.subject_a, page.subject_b
    if same_name(a, b):
        _report(ctx, page.table.line, 1, "the table header", b, "twice")
    _check_title(ctx)
    first_heading: dict[Side, int] = {}
    for section in page.sections:
        if section.heading is None:
            continue
        side = resolve(section.heading, a, b)
        if side is not None and side not in first_heading:
            first_heading[side] = section.line
            continue
        where = f"the heading '{section.heading} Capabilities'"
        if side is None:
            _report(ctx, section.line, 1, where, section.heading)
        else:
            _report(ctx, section.line, 1, where, section.heading, "again", first_heading[side])
    if page.summary is not None and page.summary.claim is not None:
        _check_score_claim(ctx, page.summary.claim, page.summary.text, "the summary")
    verdict = page.verdict
    if verdict is None:
        return
    if verdict.claim is not None:
        _check_score_claim(ctx, verdict.claim, verdict.text, "the verdict")
    reported: set[tuple[str, str]] = set()
    for lead in verdict.leads:
        if lead.side is not None or (lead.subject, lead.phrase) in reported:
            continue
        reported.add((lead.subject, lead.phrase))
        at = verdict.text.rfind(f"{lead.subject} {lead.phrase} ", 0, lead.column - 1)
        where = f"the verdict's '{lead.phrase}'"
        _report(ctx, lead.line, at + 1 if at >= 0 else lead.column, where, lead.subject)
    free = verdict.free_tier
    if free is not None and free.side is None:
        _report(ctx, free.line, free.column, "the verdict's free tier", free.subject)


def _vs_positions(title: str) -> list[int]:
    """Every index where ` vs ` starts, overlapping ones included (`Foo vs vs Bar`)."""
    positions: list[int] = []
    at = title.find(_VS)
    while at != -1:
        positions.append(at)
        at = title.find(_VS, at + 1)
    return positions


def _check_title(ctx: PageContext) -> None:
    """The title must read `A vs B` (or `B vs A`) for some split at one of its ` vs `."""
    page = ctx.page
    a, b = page.subject_a, page.subject_b
    title = page.title
    if a != b and title in (f"{a}{_VS}{b}", f"{b}{_VS}{a}"):
        return  # the usual title: its split at len(a) or len(b) names both (~2 µs a page)
    positions = _vs_positions(title)
    if not positions:
        _report(ctx, page.title_line, 1, "the title", title)
        return
    guesses: list[tuple[int, str, str | None]] = []
    # With many ` vs `, only a split whose halves weigh what a subject weighs can name
    # it: resolving every half would cost the title's length once per ` vs `.
    weights = _weights(title) if len(positions) > _FEW else None
    names = {_weight(a), _weight(b)} if weights is not None else set()
    for at in positions:
        cut = at + len(_VS)
        left_side = right_side = None
        if weights is None or weights[at] in names:
            left_side = resolve(title[:at], a, b)
        if weights is None or weights[-1] - weights[cut] in names:
            right_side = resolve(title[cut:], a, b)
        if left_side is not None and right_side is not None and left_side != right_side:
            return
        if left_side is not None and right_side is None:
            guesses.append((cut + 1, title[cut:], None))
        elif left_side is None and right_side is not None:
            guesses.append((1, title[:at], None))
        elif left_side is not None:
            guesses.append((cut + 1, title[cut:], "twice"))
    if guesses:
        column, name, variant = guesses[0]
        _report(ctx, page.title_line, column, "the title", name, variant)
        return
    at = positions[0]
    left, right = title[:at], title[at + len(_VS) :]
    _report(ctx, page.title_line, 1, "the title", left)
    _report(ctx, page.title_line, at + len(_VS) + 1, "the title", right)


def _weight(name: str) -> int:
    """The length of a name's case-folded text without blanks: what :func:`resolve` compares."""
    return sum(len(char.casefold()) for char in name if not char.isspace())


def _weights(title: str) -> list[int]:
    """``weights[i]`` is :func:`_weight` of ``title[:i]``."""
    return [0, *itertools.accumulate(0 if c.isspace() else len(c.casefold()) for c in title)]


def _check_score_claim(ctx: PageContext, claim: ScoreClaim, text: str, where: str) -> None:
    if claim.winner_side is None:
        _report(ctx, claim.line, claim.column, where, claim.winner)
    if claim.loser_side is None or claim.loser_side == claim.winner_side:
        at = text.find(f"{_VS}{claim.loser} at ", claim.column - 1 + len(claim.winner))
        column = at + len(_VS) + 1 if at >= 0 else claim.column
        variant = None if claim.loser_side is None else "twice"
        _report(ctx, claim.line, column, where, claim.loser, variant)


def _report(
    ctx: PageContext,
    line: int,
    column: int,
    where: str,
    name: str,
    variant: str | None = None,
    first_line: int | None = None,
) -> None:
    ctx.report(
        SUBJECT_MISMATCH,
        line,
        column,
        subject=name,
        variant=variant,
        where=where,
        name=name,
        subject_a=ctx.page.subject_a,
        subject_b=ctx.page.subject_b,
        first_line=first_line,
    )


FAMILY = RuleFamily(
    rules=(SUBJECT_MISMATCH,), checks=(PageCheck((SUBJECT_MISMATCH,), check_subjects),)
)
