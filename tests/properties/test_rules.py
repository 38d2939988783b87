"""Metamorphic rule properties: consistent pages are clean, and a page with one broken
promise is reported for exactly that promise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest
from ingest.rules import check_page
from ingest.testing import (
    PAGE_RULES,
    Unbreakable,
    break_rule,
    breakable_rules,
    broken_pages,
    consistent_pages,
)
from tests.properties.paths import PAGE_002

pytestmark = pytest.mark.property

per_rule = settings(max_examples=max(10, settings().max_examples // 4))
"""Each rule gets a quarter of the profile's examples: eleven rules, three properties."""


@given(consistent_pages())
def test_a_consistent_page_has_no_findings(page: ingest.Page) -> None:
    assert check_page(page) == []


@given(st.lists(consistent_pages(), min_size=1, max_size=3))
def test_the_check_api_finds_nothing_on_consistent_pages(pages: list[ingest.Page]) -> None:
    # Pages of one draw may share a name with different figures: that is drift.
    assert [f.code for f in ingest.check(pages).findings if f.code != "IG501"] == []


@pytest.mark.parametrize("code", PAGE_RULES)
@per_rule
@given(data=st.data())
def test_a_broken_page_is_reported_for_exactly_that_rule(code: str, data: st.DataObject) -> None:
    _, broken = data.draw(broken_pages(code))
    assert [f.code for f in check_page(broken)] == [code]


@pytest.mark.parametrize("code", PAGE_RULES)
@per_rule
@given(data=st.data())
def test_a_broken_page_survives_render_and_parse(code: str, data: st.DataObject) -> None:
    _, broken = data.draw(broken_pages(code))
    assert ingest.parse_text(ingest.render(broken)) == broken


@pytest.mark.parametrize("code", PAGE_RULES)
@per_rule
@given(data=st.data())
def test_breaking_a_rule_keeps_every_artifact_fact(code: str, data: st.DataObject) -> None:
    page, broken = data.draw(broken_pages(code))
    facts = ("Type", "UnfragileRank", "Pricing", "Capabilities")
    for name in facts:
        before, after = page.table.row(name), broken.table.row(name)
        assert (before and (before.raw_a, before.raw_b)) == (after and (after.raw_a, after.raw_b))


@given(consistent_pages(tie=False))
def test_every_rule_but_winner_on_tie_breaks_a_page_with_ranks_that_differ(
    page: ingest.Page,
) -> None:
    assert breakable_rules(page) == tuple(code for code in PAGE_RULES if code != "IG104")


@given(consistent_pages(tie=True))
def test_every_rule_but_the_score_rules_breaks_a_page_with_tied_ranks(page: ingest.Page) -> None:
    assert breakable_rules(page) == tuple(c for c in PAGE_RULES if c not in ("IG102", "IG103"))


def test_a_score_mismatch_cannot_be_injected_on_tied_ranks() -> None:
    page = ingest.parse_file(PAGE_002)
    with pytest.raises(Unbreakable, match=r"^the ranks are tied$"):
        break_rule(page, "IG102")


def test_an_unknown_rule_code_is_refused() -> None:
    page = ingest.parse_file(PAGE_002)
    with pytest.raises(ValueError, match="no page-level rule 'IG999'"):
        break_rule(page, "IG999")
