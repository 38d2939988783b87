"""`render` is the inverse of parsing: on the corpus, on written-out variants, and on
every page the strategies generate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import ingest
from ingest.parse.api import normalize
from ingest.synth.draft import Draft, assemble, draft_text
from ingest.testing import drafts, pages
from tests.properties.paths import CORPUS_PAGES, RENDER_CASES

pytestmark = pytest.mark.property


@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.name)
def test_rendering_a_corpus_page_gives_its_normalised_text(path: Path) -> None:
    page = ingest.parse_file(path)
    assert ingest.render(page) == normalize(path.read_text("utf-8"))


@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.name)
def test_parsing_a_rendered_corpus_page_gives_the_page_back(path: Path) -> None:
    page = ingest.parse_file(path)
    again = ingest.parse_text(ingest.render(page), source=page.source, page_id=page.page_id)
    assert again == page


@pytest.mark.parametrize("path", RENDER_CASES, ids=lambda p: p.stem)
def test_rendering_a_variant_gives_its_canonical_text(path: Path) -> None:
    expected = path.with_suffix(".expected.txt").read_text("utf-8")
    assert ingest.render(ingest.parse_file(path)) == expected


@pytest.mark.parametrize("path", RENDER_CASES, ids=lambda p: p.stem)
def test_canonical_text_is_a_fixed_point_of_parse_and_render(path: Path) -> None:
    expected = path.with_suffix(".expected.txt").read_text("utf-8")
    assert ingest.render(ingest.parse_text(expected)) == expected


def test_split_rows_are_written_as_one_row_each() -> None:
    page = ingest.parse_file(next(p for p in RENDER_CASES if p.stem == "split_rows"))
    again = ingest.parse_text(ingest.render(page))
    assert [(r.name, r.raw_a, r.raw_b, r.rejoined) for r in page.table.rows] == [
        ("UnfragileRank", "61/100", "40/100", False),
        ("Quality", "1", "0", True),
        ("Ecosystem", "1", "0", True),
        ("Starting Price", "$1.25/1M tokens", None, False),
    ]
    assert [(r.name, r.line, r.rejoined) for r in again.table.rows] == [
        ("UnfragileRank", 5, False),
        ("Quality", 6, False),
        ("Ecosystem", 7, False),
        ("Starting Price", 8, False),
    ]


@given(pages())
def test_parsing_the_rendering_of_a_generated_page_gives_it_back(page: ingest.Page) -> None:
    assert ingest.parse_text(ingest.render(page)) == page


@given(pages())
def test_rendering_is_stable_through_a_second_round(page: ingest.Page) -> None:
    text = ingest.render(page)
    assert ingest.render(ingest.parse_text(text)) == text


@given(drafts(consistent=False))
def test_the_text_of_a_draft_is_the_rendering_of_its_page(draft: Draft) -> None:
    assert draft_text(draft) == ingest.render(assemble(draft))
