"""The rule catalogue: every rule `ingest check` knows, with its doc.

The README's rule table, `ingest rules`, `ingest rule CODE` and the SARIF
`tool.driver.rules` are all generated from this one tuple.
"""

from __future__ import annotations

from types import MappingProxyType

from ingest.rules.rule import Rule

_TOP = "rorshark-vit-base vs FLUX.1 Pro\n"

PARSE_ERROR = Rule(
    code="IG001",
    name="parse-error",
    severity="error",
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
    example=_TOP + "FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.\n"
    "| Feature | rorshark-vit-base | FLUX.1 Pro |\n"
    "| Type | Model | Model |          <- no |---|---|---| separator",
    instead=_TOP + "FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.\n"
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
    example=_TOP + "...\nFLUX.1 Dev Capabilities",
    instead=_TOP + "...\nFLUX.1 Pro Capabilities",
)

SCORE_MISMATCH = Rule(
    code="IG102",
    name="score-mismatch",
    severity="error",
    fix="safe",
    fix_why="The table decides the sentence: the quoted score becomes the table's\n"
    "UnfragileRank (scores are displayed as they are quoted, n/100).",
    summary="a score quoted in the summary or verdict differs from that subject's UnfragileRank",
    template="{where} quotes {quoted}/100 for {subject}, but the table's {feature} is {rank}",
    what="Compares each score the summary and the verdict quote (`at 58/100`) with that\n"
    "subject's UnfragileRank row in the table.",
    why="The quoted score is what readers remember; when it is not the table's, one of\n"
    "the two is stale.",
    example="FLUX.1 Pro ranks higher at 60/100 vs rorshark-vit-base at 42/100.\n"
    "...\n| UnfragileRank | 42/100 | 58/100 |",
    instead="FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.",
)

WINNER_CONTRADICTED = Rule(
    code="IG103",
    name="winner-contradicted",
    severity="error",
    fix="safe",
    fix_why="The table decides the sentence: winner and loser change places, each quoted\n"
    "with the table's UnfragileRank.",
    summary="the named winner has the lower UnfragileRank",
    template="'{claim}' names {winner} the winner, but the table's {feature} is {winner_rank} "
    "for {winner} vs {loser_rank} for {loser}",
    what="Checks that the subject the summary or the verdict says `ranks higher` /\n"
    "`scores higher` has the higher UnfragileRank in the table. Equal scores are\n"
    "IG104's, not this rule's (one finding per claim, never both).",
    why="The winner is the one claim every reader takes away; naming the loser inverts\n"
    "the page's conclusion.",
    example="rorshark-vit-base scores higher at 42/100 vs FLUX.1 Pro at 58/100.\n"
    "...\n| UnfragileRank | 42/100 | 58/100 |",
    instead="FLUX.1 Pro scores higher at 58/100 vs rorshark-vit-base at 42/100.",
)

WINNER_ON_TIE = Rule(
    code="IG104",
    name="winner-on-tie",
    severity="error",
    fix="unsafe",
    fix_why="The displayed ranks are rounded, so the page's hidden values might prove the\n"
    "author right: the fix drops the winner sentence (a summary left empty becomes\n"
    "`Side-by-side comparison to help you choose.`), which changes what the page says.",
    summary="a winner is named although the scores are equal",
    template="'{claim}' names {winner} the winner, but the table's {feature} is {rank} for both",
    what="Reports a summary or verdict that names a winner when both subjects have the\n"
    "same UnfragileRank (one finding per claim).",
    why="Equal displayed scores name no winner: the sentence asserts an order the data\n"
    "does not have.",
    example="rorshark-vit-base ranks higher at 42/100 vs Stable Diffusion at 42/100.\n"
    "...\n| UnfragileRank | 42/100 | 42/100 |",
    instead="Side-by-side comparison to help you choose.\n"
    "(and a verdict without a `scores higher` sentence)",
)

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

ARTIFACT_DRIFT = Rule(
    code="IG501",
    name="artifact-drift",
    severity="warning",
    fix="none",
    fix_why="Which page's figures are stale cannot be read from the pages.",
    summary="across the checked batch, one artifact (same name and type) shows different "
    "UnfragileRank, pricing or capability count on different pages; one finding per page, "
    "naming the other pages",
    template="{subject} ({type}) differs across pages: {differences}",
    what="Across all pages checked together, groups the artifacts by name and Type and\n"
    "reports, on each page, the UnfragileRank, Pricing or Capabilities it shows that\n"
    "other pages contradict (one finding per artifact and page, at the first\n"
    "differing row, naming up to three other pages).",
    why="Pages are snapshots taken at different times: an analyst joining them needs to\n"
    "know which figures are stale.",
    example="a.txt: | UnfragileRank | 42/100 | 58/100 |\n"
    "b.txt: | UnfragileRank | 51/100 | 60/100 |      (FLUX.1 Pro on both)",
    instead="the same | UnfragileRank | ... | 58/100 | for FLUX.1 Pro on every page",
)

CATALOGUE: tuple[Rule, ...] = (
    PARSE_ERROR,
    TRUNCATED_PAGE,
    MALFORMED_ROW,
    UNEXPECTED_LINE,
    NUMBER_OUT_OF_RANGE,
    REPEATED_PART,
    SUBJECT_MISMATCH,
    SCORE_MISMATCH,
    WINNER_CONTRADICTED,
    WINNER_ON_TIE,
    LEAD_CONTRADICTED,
    LEAD_ON_TIE,
    LEAD_OMITTED,
    FREE_TIER,
    CAPABILITY_COUNT,
    ARTIFACT_DRIFT,
)
"""Every rule, in code order."""
