"""The structure inside a line: cells, score sentences, leads and the free tier."""

from __future__ import annotations

import pytest

from ingest.parse.claims import cell_value, resolve, score_claim, split_cells, verdict_claims

FEATURES = {
    "adoption": "Adoption",
    "quality": "Quality",
    "ecosystem": "Ecosystem",
    "match graph": "Match Graph",
}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("42/100", 42.0),
        ("6 decomposed", 6.0),
        ("0", 0.0),
        ("$1.25/1M tokens", 1.25),
        ("$5.00e-7 per prompt token", 5e-07),
        ("1,000", 1000.0),
        ("82.4k", 82400.0),
        ("2026-09-01", None),
        ("12abc", None),
        ("Free", None),
        ("Model", None),
        (None, None),
    ],
)
def test_cell_value_is_the_number_the_cell_kind_holds(raw: str | None, value: float | None) -> None:
    assert cell_value(raw) == value


def test_split_cells_tolerates_missing_outer_pipes() -> None:
    assert split_cells("| Quality | 0 | 1 |") == ["Quality", "0", "1"]
    assert split_cells("Quality | 0 | 1") == ["Quality", "0", "1"]


def test_resolve_prefers_exact_names_then_ignores_case_and_spacing() -> None:
    assert resolve("Perplexity", "Perplexity", "Perplexity AI") == "a"
    assert resolve("Perplexity AI", "Perplexity", "Perplexity AI") == "b"
    assert resolve("perplexity  ai", "Perplexity", "Perplexity AI") == "b"
    assert resolve("Claude", "Perplexity", "Perplexity AI") is None


def test_score_claim_with_vs_inside_a_name() -> None:
    found = score_claim(
        "VS Code vs Cursor ranks higher at 61/100 vs Zed at 60/100. Tail.",
        2,
        "VS Code vs Cursor",
        "Zed",
    )
    assert found is not None
    claim, end = found
    assert (claim.winner, claim.winner_side, claim.winner_score) == (
        "VS Code vs Cursor",
        "a",
        61,
    )
    assert (claim.loser, claim.loser_side, claim.loser_score, claim.column) == (
        "Zed",
        "b",
        60,
        1,
    )
    assert end == len("VS Code vs Cursor ranks higher at 61/100 vs Zed at 60/100.")


def test_free_text_summary_has_no_score_claim() -> None:
    assert score_claim("Side-by-side comparison to help you choose.", 2, "A", "B") is None


def test_verdict_with_every_sentence_form() -> None:
    text = (
        "B scores higher at 58/100 vs A at 42/100. A leads on adoption, ecosystem and match graph,"
        " while B is stronger on quality. A also has a free tier, making it more accessible."
    )
    claim, leads, free, unparsed = verdict_claims(text, 60, "A", "B", FEATURES)
    assert claim is not None and claim.winner_side == "b"
    assert [(lead.side, lead.feature, lead.phrase) for lead in leads] == [
        ("a", "Adoption", "leads on"),
        ("a", "Ecosystem", "leads on"),
        ("a", "Match Graph", "leads on"),
        ("b", "Quality", "is stronger on"),
    ]
    for lead in leads:
        assert text[lead.column - 1 :].lower().startswith(str(lead.feature).lower())
    assert free is not None and (free.side, free.column) == ("a", text.index("A also") + 1)
    assert unparsed == []


def test_stronger_half_alone_and_unknown_sentences_are_kept() -> None:
    text = "B is stronger on quality. Both are great. A leads on speed."
    claim, leads, free, unparsed = verdict_claims(text, 9, "A", "B", FEATURES)
    assert claim is None and free is None
    assert [(lead.side, lead.feature) for lead in leads] == [("b", "Quality"), ("a", "speed")]
    assert unparsed == ["Both are great."]


def test_lead_of_a_name_the_table_does_not_have_resolves_to_no_side() -> None:
    _, leads, _, _ = verdict_claims("Claude leads on quality.", 9, "A", "B", FEATURES)
    assert [(lead.subject, lead.side) for lead in leads] == [("Claude", None)]


def test_a_name_with_a_full_stop_inside_is_not_split_as_a_sentence() -> None:
    text = "Dr. Who scores higher at 9/100 vs B at 8/100. Fine print. Dr. Who leads on quality."
    claim, leads, _, unparsed = verdict_claims(text, 9, "Dr. Who", "B", FEATURES)
    assert claim is not None and claim.winner_side == "a"
    assert [(lead.subject, lead.side) for lead in leads] == [("Dr. Who", "a")]
    assert unparsed == ["Fine print."]
