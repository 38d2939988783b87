"""The structure rules, IG001-IG006: a page that cannot be read, is cut off, or is out of shape.

IG001 and the page errors (IG004 unexpected line, IG005 number out of range,
IG006 repeated part) are what the parser met reading the file: the checks only
turn them into findings. IG002 and IG003 look at the parsed page.
"""

from __future__ import annotations

from types import MappingProxyType

from ingest.errors import ParseError
from ingest.page.findings import Finding
from ingest.page.records import Page
from ingest.rules.context import PageContext
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import EXAMPLE_TITLE, Rule

PARSE_ERROR = Rule(
    code="IG001",
    name="parse-error",
    severity="error",
    scope="file",
    fix="none",
    fix_why="There is no page to repair: what the file should say cannot be read from it.",
    summary="the file cannot be parsed at all (location from ParseError)",
    template="cannot parse the page: {reason}",
    what="Reports a file the parser cannot read as a comparison page: empty, binary or not\n"
    "UTF-8, with no title line or no feature table (or a table without its header or\n"
    "separator). The location is where the parser stopped. A page that has its title\n"
    "and table but some line out of place is read anyway: that line is IG004.",
    why="Nothing on such a page can be checked, and a batch that silently dropped it\n"
    "would under-count: the page is a finding, not a crash.",
    example=EXAMPLE_TITLE + "FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.\n"
    "| Feature | rorshark-vit-base | FLUX.1 Pro |\n"
    "| Type | Model | Model |          <- no |---|---|---| separator",
    instead=EXAMPLE_TITLE + "FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.\n"
    "| Feature | rorshark-vit-base | FLUX.1 Pro |\n|---|---|---|\n| Type | Model | Model |",
)

TRUNCATED_PAGE = Rule(
    code="IG002",
    name="truncated-page",
    severity="warning",
    fix="none",
    fix_why="The missing verdict cannot be recreated from the part of the page that is left.",
    summary="the page stops before its verdict",
    template="the page stops after line {last_line} before its verdict: "
    "its leads, free tier and capability counts cannot be checked",
    what="Reports a page that ends before its `Verdict` paragraph (the scraper cut it\n"
    "off, usually in the middle of a capability). The location is its last line.",
    why="The verdict carries most of the claims the validator checks; a cut page\n"
    "passes those checks only because they cannot run.",
    example="...\nFLUX.1 Pro Capabilities\n"
    "Generates high-fidelity photorealistic images from natural language prompts ...\n"
    "<end of file>",
    instead="...\n+5 more capabilities\nVerdict\n"
    "FLUX.1 Pro scores higher at 58/100 vs rorshark-vit-base at 42/100. ...",
)

MALFORMED_ROW = Rule(
    code="IG003",
    name="malformed-row",
    severity="warning",
    fix="none",
    fix_why="The repair would be in the table, which `--fix` never rewrites, and which cell\n"
    "is missing or extra is a guess.",
    summary="a table row had to be re-joined from several lines, or has the wrong number of cells",
    template="table row '{feature}' was re-joined from several lines",
    alternates=MappingProxyType(
        {
            "cells": "table row '{feature}' has {cells} cells, not 3 (feature, {subject_a}, "
            "{subject_b})",
            "both": "table row '{feature}' was re-joined from several lines and has {cells} "
            "cells, not 3",
        }
    ),
    what="Reports a feature-table row the scraper broke over several lines (the parser\n"
    "joins it back), or a row without exactly three cells.",
    why="A re-joined row is a guess; a row with a missing or extra cell may put a value\n"
    "under the wrong subject. Either way its values deserve a second look.",
    example="| Quality | 0 |\n| 1 |",
    instead="| Quality | 0 | 1 |",
)

UNEXPECTED_LINE = Rule(
    code="IG004",
    name="unexpected-line",
    severity="error",
    scope="file",
    fix="none",
    fix_why="The skipped line may be content out of place: deleting it loses text, moving it\n"
    "is a guess.",
    summary="a line the page grammar does not expect where it stands; the parser skipped it "
    "and kept the rest of the page",
    template="{message}",
    what="Reports a line that has no place where it stands: a table row among the\n"
    "capabilities, a `Unique:` line with no description above it, a second\n"
    "`+k more capabilities`, a line that is not a row inside the feature table.\n"
    "The parser skips it (and the lines after it up to the next one it can read:\n"
    "a heading, `Verdict`, the next capability), records what was expected there,\n"
    "and keeps every other part of the page, which is `partial`. One finding per\n"
    "skipped run, in line order; at most 50 a page, then one `... and N more`.",
    why="One stray line used to fail the whole page (IG001): every fact lost, every\n"
    "other finding hidden. A skipped line is a fact that was not read, so it is\n"
    "reported, never dropped in silence.",
    example="...\nvs alternatives: Outperforms ResNet-50 ...\n"
    "| Quality | 1 | 0 |          <- a table row among the capabilities\n"
    "Converts input images into a sequence of patch embeddings ...",
    instead="...\nvs alternatives: Outperforms ResNet-50 ...\n"
    "Converts input images into a sequence of patch embeddings ...",
)

NUMBER_OUT_OF_RANGE = Rule(
    code="IG005",
    name="number-out-of-range",
    severity="error",
    scope="file",
    fix="none",
    fix_why="The right value is not on the page.",
    summary="a number on the page does not fit its column: a score outside 0-100, an infinite "
    "cell, a count outside 0-2147483647 (the value is left empty)",
    template="{message}",
    what="Reports a number the parser read but cannot keep: a quoted score outside\n"
    "0-100 (`99999999999/100`), a table cell that is infinite or not a number\n"
    "(`1e309 decomposed`), a capability count or `+k more` outside 0-2147483647.\n"
    "The value is left empty (null in the dataset) and the page is `partial`.",
    why="A value that does not fit would either crash the batch or be silently wrapped\n"
    "or rounded; an empty value with a finding keeps the rest of the page and says why.",
    example="| Capabilities | 1e309 decomposed | 4 decomposed |",
    instead="| Capabilities | 6 decomposed | 4 decomposed |",
)

REPEATED_PART = Rule(
    code="IG006",
    name="repeated-part",
    severity="error",
    scope="file",
    fix="none",
    fix_why="Which copy of the repeated part is right is the author's call.",
    summary="a part a page has once (its title, its table, the Verdict heading) appears again "
    "after the verdict",
    template="{message}",
    what="Reports a page whose verdict is followed by a second `Verdict` heading, its\n"
    "title line again, or table rows: two pages concatenated, or a scraper that\n"
    "repeated a block. The first page is kept; the page is `partial`.",
    why="Whatever follows the verdict is read as the page trailer, so a second page (or a\n"
    "verdict paragraph that is only the word `Verdict`) would pass as a clean page.",
    example="...\nVerdict\nVerdict\nrorshark-vit-base scores higher at 42/100 vs FLUX.1 Pro ...",
    instead="...\nVerdict\nrorshark-vit-base scores higher at 42/100 vs FLUX.1 Pro ...",
)

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


def report_page_errors(ctx: PageContext) -> None:
    """IG004, IG005, IG006: one finding per error the parser recorded on the page."""
    for error in ctx.page.errors:
        rule = _PAGE_ERROR_RULES.get(error.code, PARSE_ERROR)
        ctx.report(rule, error.line, error.column, message=error.message, reason=error.message)


def check_truncated(ctx: PageContext) -> None:
    """IG002: the page stops before its verdict (reported at its last line)."""
    if not ctx.page.complete:
        last = _last_line(ctx.page)
        ctx.report(TRUNCATED_PAGE, last, last_line=last)


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


def check_rows(ctx: PageContext) -> None:
    """IG003: a table row broken over several lines, or without exactly three cells."""
    page = ctx.page
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


FAMILY = RuleFamily(
    rules=(
        PARSE_ERROR,
        TRUNCATED_PAGE,
        MALFORMED_ROW,
        UNEXPECTED_LINE,
        NUMBER_OUT_OF_RANGE,
        REPEATED_PART,
    ),
    checks=(
        PageCheck(
            (PARSE_ERROR, UNEXPECTED_LINE, NUMBER_OUT_OF_RANGE, REPEATED_PART), report_page_errors
        ),
        PageCheck((TRUNCATED_PAGE,), check_truncated),
        PageCheck((MALFORMED_ROW,), check_rows),
    ),
)
