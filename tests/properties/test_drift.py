"""Batch drift (IG501): an artifact shown with two different figures on two pages is
reported on both pages, and an artifact shown the same way everywhere is not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ingest
from ingest.parse.claims import same_name
from ingest.synth import Artifact, assemble, draw_pair, generate_page
from ingest.testing import HypothesisDraw

pytestmark = pytest.mark.property


@st.composite
def two_pages_sharing(draw: st.DrawFn, change: str | None) -> tuple[ingest.Page, ingest.Page]:
    """Two consistent pages on which one artifact appears; ``change`` is the figure the
    second page shows differently (``rank``, ``pricing``, ``capabilities``) or None."""
    choices = HypothesisDraw(draw)
    shared, first_other = draw_pair(choices)
    _, second_other = draw_pair(choices)
    if same_name(second_other.name, first_other.name):
        second_other = first_other
    if same_name(second_other.name, shared.name):
        second_other = replace(second_other, name=second_other.name + " (other)")
    changed = shared
    if change == "rank":
        changed = replace(shared, rank=(shared.rank + draw(st.integers(1, 100))) % 101)
    elif change == "pricing":
        changed = replace(shared, pricing="Paid" if shared.pricing == "Free" else "Free")
    elif change == "capabilities":
        changed = replace(shared, capabilities=shared.capabilities + draw(st.integers(1, 5)))
    return _page(choices, shared, first_other), _page(choices, second_other, changed)


def _page(choices: HypothesisDraw, a: Artifact, b: Artifact) -> ingest.Page:
    if choices.chance(0.5):
        a, b = b, a
    return assemble(generate_page(choices, a, b, consistent=True))


@pytest.mark.parametrize("change", ["rank", "pricing", "capabilities"])
@given(data=st.data())
def test_an_artifact_with_two_figures_is_reported_on_both_pages(
    change: str, data: st.DataObject
) -> None:
    first, second = data.draw(two_pages_sharing(change))
    findings = ingest.check([first, second]).findings
    assert sorted((f.code, f.page_id) for f in findings) == sorted(
        [("IG501", first.page_id), ("IG501", second.page_id)]
    )


@given(two_pages_sharing(None))
def test_an_artifact_shown_the_same_way_twice_is_not_reported(
    pages: tuple[ingest.Page, ingest.Page],
) -> None:
    assert ingest.check(list(pages)).findings == []
