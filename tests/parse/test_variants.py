"""One test per page variant of FORMAT.md, each a corpus page edited into that shape."""

from __future__ import annotations

import ingest
from tests.parse.paths import FIXTURES, PAGE_000


def test_side_by_side_page_has_free_text_summary_and_headless_first_section() -> None:
    page = ingest.parse_file(FIXTURES / "side_by_side.txt")
    assert page.summary is not None
    assert page.summary.text == "Side-by-side comparison to help you choose."
    assert page.summary.claim is None
    first, second = page.sections
    assert (first.heading, first.side, first.listed, first.line) == (None, "a", 6, 14)
    assert (second.heading, second.side, second.listed) == ("Stable Diffusion", "b", 4)


def test_rows_broken_over_lines_are_rejoined_and_flagged() -> None:
    page = ingest.parse_file(FIXTURES / "split_rows.txt")
    quality = page.table.row("Quality")
    ecosystem = page.table.row("Ecosystem")
    assert quality is not None and ecosystem is not None
    assert (quality.raw_a, quality.raw_b, quality.line, quality.rejoined) == ("0", "0", 8, True)
    assert (ecosystem.raw_a, ecosystem.raw_b, ecosystem.line, ecosystem.rejoined) == (
        "1",
        "0",
        10,
        True,
    )
    assert [row.name for row in page.table.rows] == [
        "Type",
        "UnfragileRank",
        "Adoption",
        "Quality",
        "Ecosystem",
        "Match Graph",
        "Pricing",
        "Capabilities",
        "Times Matched",
    ]
    assert page.sections[0].line == 17


def test_extra_rows_are_kept_with_em_dash_as_missing_and_prices_as_numbers() -> None:
    page = ingest.parse_file(FIXTURES / "extra_rows.txt")
    start = page.table.row("Starting Price")
    prompt = page.table.row("Prompt Price")
    assert start is not None and prompt is not None
    assert (start.raw_a, start.raw_b, start.value_a, start.value_b) == (
        None,
        "$1.25/1M tokens",
        None,
        1.25,
    )
    assert (prompt.raw_a, prompt.value_a, prompt.raw_b) == (
        "$5.00e-7 per prompt token",
        5e-07,
        None,
    )
    assert len(page.table.rows) == 11


def test_capabilities_without_unique_lines_and_with_a_title_line() -> None:
    page = ingest.parse_file(FIXTURES / "no_unique_and_title.txt")
    plain, vs_only, titled, last = page.sections[1].capabilities
    assert (plain.unique, plain.vs_alternatives, plain.line) == (None, None, 34)
    assert plain.description.startswith("Stable Diffusion utilizes a latent diffusion model")
    assert vs_only.unique is None
    assert vs_only.vs_alternatives is not None
    assert vs_only.vs_alternatives.startswith("More flexible than traditional inpainting")
    assert (titled.title, titled.line) == ("Style transfer", 38)
    assert titled.description.startswith("Stable Diffusion can perform style transfer")
    assert last.title is None
    assert page.sections[1].listed == 4


def test_names_that_are_prefixes_of_each_other_resolve_to_the_right_subject() -> None:
    page = ingest.parse_file(FIXTURES / "prefix_names.txt")
    assert (page.subject_a, page.subject_b) == ("Perplexity", "Perplexity AI")
    assert [(s.heading, s.side) for s in page.sections] == [
        ("Perplexity", "a"),
        ("Perplexity AI", "b"),
    ]
    verdict = page.verdict
    assert verdict is not None and verdict.claim is not None
    assert (verdict.claim.winner_side, verdict.claim.loser_side) == ("a", "b")
    assert [(lead.subject, lead.side) for lead in verdict.leads] == [
        ("Perplexity", "a"),
        ("Perplexity", "a"),
        ("Perplexity AI", "b"),
    ]


def test_punctuated_names_with_vs_inside_come_from_the_table_header() -> None:
    page = ingest.parse_file(FIXTURES / "punctuated_names.txt")
    a, b = "@scope/VS Code vs Cursor: v2.0 [beta]", "Ünïcode – Tool 3.5+ (pro), ![x"
    assert (page.subject_a, page.subject_b) == (a, b)
    assert page.title == f"{a} vs {b}"
    assert page.summary is not None and page.summary.claim is not None
    assert (page.summary.claim.winner, page.summary.claim.loser) == (a, b)
    verdict = page.verdict
    assert verdict is not None and verdict.free_tier is not None
    assert verdict.free_tier.side == "a"
    assert verdict.leads[-1].subject == b
    assert verdict.leads[-1].feature == "Quality"
    assert verdict.unparsed == ()


def test_page_cut_after_line_26_is_incomplete_with_table_and_early_capabilities() -> None:
    text = "".join(PAGE_000.read_text("utf-8").splitlines(keepends=True)[:26])
    page = ingest.parse_text(text, source="cut.txt")
    assert page.complete is False
    assert page.verdict is None
    assert len(page.table.rows) == 9
    assert page.table.row("Times Matched") is not None
    (section,) = page.sections
    assert [c.line for c in section.capabilities] == [15, 18, 21, 24]
    assert all(c.unique and c.vs_alternatives for c in section.capabilities)


def test_page_cut_inside_a_capability_keeps_the_partial_capability() -> None:
    text = "".join(PAGE_000.read_text("utf-8").splitlines(keepends=True)[:25])
    page = ingest.parse_text(text)
    last = page.sections[0].capabilities[-1]
    assert (page.complete, last.line, last.vs_alternatives) == (False, 24, None)
    assert last.unique is not None


def test_page_cut_in_the_middle_of_a_line_still_parses() -> None:
    text = PAGE_000.read_text("utf-8")
    page = ingest.parse_text(text[: text.index("Converts input images") + 40])
    assert page.complete is False
    assert (
        page.sections[0].capabilities[-1].description == "Converts input images into a sequence of"
    )


def test_page_stopping_right_after_the_verdict_heading_is_incomplete() -> None:
    lines = PAGE_000.read_text("utf-8").splitlines(keepends=True)
    page = ingest.parse_text("".join(lines[:59]))
    assert page.verdict is not None
    assert (page.verdict.text, page.verdict.heading_line, page.complete) == ("", 59, False)
