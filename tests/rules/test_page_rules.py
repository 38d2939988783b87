"""Page rules beyond the fixtures: where they point, what they skip, and their edge cases.

Each test makes one small edit to a repaired (fully consistent) corpus page.
"""

from __future__ import annotations

from typing import Any

import pytest

import ingest
from ingest.rules import check_page, parse_error_finding
from tests.rules.paths import CONSISTENT, CONSISTENT_TIE, PAGE_002

VERDICT = (
    "FLUX.1 Pro scores higher at 58/100 vs rorshark-vit-base at 42/100. rorshark-vit-base leads "
    "on ecosystem, while FLUX.1 Pro is stronger on quality."
)


def _edit(old: str, new: str, page: str = "consistent") -> str:
    text = (CONSISTENT if page == "consistent" else CONSISTENT_TIE).read_text("utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _findings(text: str) -> list[list[Any]]:
    page = ingest.parse_text(text, source="page.txt")
    return [[f.code, f.line, f.column, f.subject, f.feature] for f in check_page(page)]


def test_consistent_page_has_no_findings() -> None:
    assert _findings(CONSISTENT.read_text("utf-8")) == []


def test_title_naming_another_subject_points_at_that_name() -> None:
    text = _edit("rorshark-vit-base vs FLUX.1 Pro\n", "rorshark-vit-base vs FLUX.1 Dev\n")
    assert _findings(text) == [["IG101", 1, 22, "FLUX.1 Dev", None]]


def test_title_with_subjects_swapped_still_names_both() -> None:
    text = _edit("rorshark-vit-base vs FLUX.1 Pro\n", "FLUX.1 Pro vs rorshark-vit-base\n")
    assert _findings(text) == []


def test_title_naming_neither_subject_reports_both_names() -> None:
    text = _edit("rorshark-vit-base vs FLUX.1 Pro\n", "ViT vs FLUX\n")
    assert _findings(text) == [["IG101", 1, 1, "ViT", None], ["IG101", 1, 8, "FLUX", None]]


def test_title_names_compare_ignoring_case_and_blanks() -> None:
    text = _edit("rorshark-vit-base vs FLUX.1 Pro\n", "Rorshark-ViT-Base vs flux.1  pro\n")
    assert _findings(text) == []


def test_summary_naming_an_unknown_loser_points_at_the_loser() -> None:
    text = _edit("vs rorshark-vit-base at 42/100. Capability", "vs rorshark at 42/100. Capability")
    assert _findings(text) == [["IG101", 2, 38, "rorshark", None]]


def test_verdict_naming_an_unknown_winner_is_a_subject_mismatch_not_a_score_finding() -> None:
    text = _edit(VERDICT, VERDICT.replace("FLUX.1 Pro scores", "FLUX Pro scores"))
    assert _findings(text) == [["IG101", 60, 1, "FLUX Pro", None]]


def test_claim_naming_one_subject_twice_is_reported_once() -> None:
    text = _edit(
        "FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.",
        "FLUX.1 Pro ranks higher at 58/100 vs FLUX.1 Pro at 42/100.",
    )
    findings = _findings(text)
    assert findings == [["IG101", 2, 38, "FLUX.1 Pro", None]]


def test_lead_for_an_unknown_subject_is_reported_at_the_subject_once() -> None:
    text = _edit(VERDICT, VERDICT.replace("while FLUX.1 Pro is", "while Flux is"))
    # The quality lead now belongs to nobody, so FLUX.1 Pro's quality lead is omitted too.
    assert _findings(text) == [
        ["IG203", 60, 1, "FLUX.1 Pro", "Quality"],
        ["IG101", 60, 112, "Flux", None],
    ]


def test_free_tier_for_an_unknown_subject_is_a_subject_mismatch() -> None:
    text = _edit(VERDICT, VERDICT + " Flux also has a free tier, making it more accessible.")
    assert _findings(text) == [["IG101", 60, 147, "Flux", None]]


def test_second_heading_naming_the_first_subject_again_leaves_the_other_unlisted() -> None:
    text = _edit("\nFLUX.1 Pro Capabilities\n", "\nrorshark-vit-base Capabilities\n")
    page = ingest.parse_text(text, source="page.txt")
    findings = check_page(page)
    assert [[f.code, f.line, f.subject] for f in findings] == [
        ["IG401", 12, "FLUX.1 Pro"],
        ["IG101", 33, "rorshark-vit-base"],
    ]
    assert findings[0].message == (
        "the table says '13 decomposed' for FLUX.1 Pro, but the page lists 0 + 0 more = 0"
    )
    assert findings[1].message == (
        "the heading 'rorshark-vit-base Capabilities' names 'rorshark-vit-base' again (its "
        "section is at line 14); the table header compares 'rorshark-vit-base' with 'FLUX.1 Pro'"
    )


def test_table_header_naming_one_subject_twice() -> None:
    text = _edit(
        "| Feature | rorshark-vit-base | FLUX.1 Pro |", "| Feature | FLUX.1 Pro | FLUX.1 Pro |"
    )
    codes = [f[:3] for f in _findings(text)]
    assert ["IG101", 3, 1] in codes


def test_winner_on_tie_is_not_also_a_contradicted_winner() -> None:
    text = _edit("| UnfragileRank | 42/100 | 58/100 |", "| UnfragileRank | 58/100 | 58/100 |")
    assert _findings(text) == [
        ["IG104", 2, 1, "FLUX.1 Pro", "UnfragileRank"],
        ["IG102", 2, 59, "rorshark-vit-base", "UnfragileRank"],
        ["IG104", 60, 1, "FLUX.1 Pro", "UnfragileRank"],
        ["IG102", 60, 60, "rorshark-vit-base", "UnfragileRank"],
    ]


def test_winner_contradicted_by_the_table_quotes_both_ranks() -> None:
    text = _edit("| UnfragileRank | 42/100 | 58/100 |", "| UnfragileRank | 60/100 | 58/100 |")
    page = ingest.parse_text(text, source="page.txt")
    winners = [f for f in check_page(page) if f.code == "IG103"]
    assert [(f.line, f.column) for f in winners] == [(2, 1), (60, 1)]
    assert winners[0].message == (
        "'FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.' names FLUX.1 Pro "
        "the winner, but the table's UnfragileRank is 58/100 for FLUX.1 Pro vs 60/100 for "
        "rorshark-vit-base"
    )


def test_page_002_names_a_winner_on_a_tie_in_summary_and_verdict() -> None:
    findings = check_page(ingest.parse_file(PAGE_002))
    ties = [(f.line, f.column, f.subject) for f in findings if f.code == "IG104"]
    assert ties == [(2, 1, "rorshark-vit-base"), (47, 1, "rorshark-vit-base")]
    assert "IG103" not in {f.code for f in findings}


def test_lead_contradicted_names_both_values() -> None:
    text = _edit(VERDICT, VERDICT.replace("leads on ecosystem", "leads on quality"))
    page = ingest.parse_text(text, source="page.txt")
    findings = check_page(page)
    assert [(f.code, f.column, f.subject, f.feature) for f in findings] == [
        ("IG203", 1, "rorshark-vit-base", "Ecosystem"),
        ("IG201", 95, "rorshark-vit-base", "Quality"),
    ]
    assert findings[1].message == (
        "'rorshark-vit-base leads on quality' is contradicted: the table's Quality is 0 for "
        "rorshark-vit-base vs 1 for FLUX.1 Pro"
    )


def test_lead_on_a_row_without_numbers_cannot_be_backed() -> None:
    text = _edit(VERDICT, VERDICT.replace("stronger on quality", "stronger on pricing"))
    assert _findings(text) == [
        ["IG203", 60, 1, "FLUX.1 Pro", "Quality"],
        ["IG201", 60, 138, "FLUX.1 Pro", "Pricing"],
    ]


def test_omitted_lead_is_reported_at_the_verdict_for_each_component() -> None:
    text = _edit(VERDICT, "FLUX.1 Pro scores higher at 58/100 vs rorshark-vit-base at 42/100.")
    assert _findings(text) == [
        ["IG203", 60, 1, "FLUX.1 Pro", "Quality"],
        ["IG203", 60, 1, "rorshark-vit-base", "Ecosystem"],
    ]


def test_omission_ignores_rows_that_are_not_score_components() -> None:
    text = _edit("| Times Matched | 0 | 0 |", "| Times Matched | 3 | 0 |")
    assert _findings(text) == []


def test_free_tier_needs_the_subject_free() -> None:
    text = _edit("| Pricing | Free | Paid |", "| Pricing | Paid | Paid |", page="tie")
    page = ingest.parse_text(text, source="page.txt")
    [finding] = check_page(page)
    assert (finding.code, finding.line, finding.column) == ("IG301", 47, 52)
    assert finding.message == (
        "'rorshark-vit-base also has a free tier' does not hold: the table's Pricing is Paid "
        "for rorshark-vit-base and Paid for Stable Diffusion"
    )


def test_free_tier_without_a_pricing_row_cannot_be_backed() -> None:
    text = _edit("| Pricing | Free | Paid |\n", "", page="tie")
    assert _findings(text) == [["IG301", 46, 52, "rorshark-vit-base", "Pricing"]]


def test_capability_count_is_not_checked_on_a_cut_off_page() -> None:
    text = CONSISTENT.read_text("utf-8").split("Verdict\n")[0]
    text = text.replace("+5 more capabilities", "+4 more capabilities")
    assert _findings(text) == [["IG002", 58, 1, None, None]]


def test_malformed_row_with_a_missing_cell() -> None:
    text = _edit("| Times Matched | 0 | 0 |", "| Times Matched | 0 |")
    page = ingest.parse_text(text, source="page.txt")
    [finding] = check_page(page)
    assert (finding.code, finding.line, finding.feature) == ("IG003", 13, "Times Matched")
    assert finding.message == (
        "table row 'Times Matched' has 2 cells, not 3 (feature, rorshark-vit-base, FLUX.1 Pro)"
    )


def test_findings_carry_the_page_id_and_the_given_path() -> None:
    page = ingest.parse_file(PAGE_002)
    findings = check_page(page, "elsewhere/002.txt")
    assert {f.path for f in findings} == {"elsewhere/002.txt"}
    assert {f.page_id for f in findings} == {page.page_id}
    assert {f.path for f in check_page(page)} == {str(PAGE_002)}


def test_findings_are_in_line_then_column_order() -> None:
    findings = check_page(ingest.parse_file(PAGE_002))
    assert [(f.line, f.column) for f in findings] == [(2, 1), (47, 1), (47, 163)]


def test_parse_error_finding_keeps_location_and_what_was_expected() -> None:
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_text("a vs b\n| Feature | a | b |\n| x | 1 | 2 |\n", source="bad.txt")
    finding = parse_error_finding(caught.value)
    assert finding.model_dump() == {
        "code": "IG001",
        "name": "parse-error",
        "severity": "error",
        "path": "bad.txt",
        "line": 3,
        "column": 1,
        "message": "cannot parse the page: the table header is not followed by its separator "
        "(expected '|---|---|---|')",
        "page_id": None,
        "subject": None,
        "feature": None,
    }
