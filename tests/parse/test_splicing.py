"""The splicing reductions: the same page as Lark's own child filters, at any nesting depth."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark

from ingest.parse import api
from ingest.parse.api import parse_record
from ingest.parse.grammar import (
    SPLICE_DEPTH,
    _flattened,
    _flattened_deep,
    build_parser,
    grammar_text,
    make_trailing_repeat_possessive,
    page_parser,
)
from ingest.parse.transformer import PageTransformer
from tests.parse.paths import CORPUS_PAGES, FIXTURES, page_text

PAGES = CORPUS_PAGES + sorted(FIXTURES.glob("*.txt"))


def _lark_own(accelerated: bool) -> Lark:
    """The page parser with Lark's own callbacks (a child filter and a Tree per ``_rule``)."""
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "transformer": PageTransformer(),
        "maybe_placeholders": False,
        "propagate_positions": False,
        "edit_terminals": make_trailing_repeat_possessive,
    }
    if accelerated:
        import lark_cython

        options["_plugins"] = lark_cython.plugins
    return Lark(grammar_text(), **options)


@pytest.mark.parametrize("accelerated", [True, False])
def test_every_page_is_the_page_lark_own_callbacks_build(accelerated: bool) -> None:
    own = _lark_own(accelerated)
    spliced = page_parser(accelerated)
    assert type(spliced).__name__ == "_SplicingLark"
    parsed = 0
    for path in PAGES:
        text = page_text(path)
        try:
            expected = own.parse(text)
        except Exception as error:  # a fixture of a page the parser rejects
            with pytest.raises(type(error)):
                spliced.parse(text)
            continue
        assert spliced.parse(text) == expected, path.name
        parsed += 1
    assert parsed >= len(CORPUS_PAGES)


def test_a_page_cut_into_thousands_of_runs_parses_as_with_lark_own_callbacks() -> None:
    """Each skipped `Unique:` line splits the run: a left-recursive repeat nested 3,000 deep."""
    page = page_text(CORPUS_PAGES[0]).split("\n")
    at = next(i for i, line in enumerate(page) if line.startswith("vs alternatives:")) + 1
    cut = ["A description.", "Unique: x", "Unique: stray"] * 3000
    data = "\n".join(page[:at] + cut + page[at:]).encode()
    record = parse_record(data, "cut.txt", recover=True)
    assert len(record.sections[0].capabilities) == 3006  # the page's six, and one per cut
    assert record.errors[-1].message == "... and 2950 more unexpected lines"
    own = _lark_own(accelerated=True)
    with mock.patch.object(api, "page_parser", lambda accelerated=True: own):
        assert parse_record(data, "cut.txt", recover=True) == record


def test_build_parser_without_a_transformer_is_lark_itself() -> None:
    assert type(build_parser(grammar_text(), None, accelerated=False)) is Lark


_NESTED: st.SearchStrategy[Any] = st.recursive(
    st.lists(st.text(max_size=3), max_size=4),
    lambda inner: st.lists(st.one_of(st.text(max_size=3), inner), max_size=4),
    max_leaves=40,
)


def _reference(children: list[Any]) -> list[str]:
    out: list[str] = []
    for child in children:
        out += _reference(child) if isinstance(child, list) else [child]
    return out


@given(_NESTED)
def test_splicing_keeps_every_token_in_order(children: list[Any]) -> None:
    assert _flattened(children, []) == _reference(children)
    assert _flattened_deep(children) == _reference(children)


@pytest.mark.parametrize("depth", [SPLICE_DEPTH - 1, SPLICE_DEPTH, SPLICE_DEPTH + 1, 50_000])
def test_splicing_a_left_recursive_repeat_of_any_depth(depth: int) -> None:
    nested: list[Any] = ["t0"]
    for index in range(1, depth):
        nested = [nested, f"t{index}"]
    assert _flattened(["head", nested, "tail"], []) == [
        "head",
        *(f"t{index}" for index in range(depth)),
        "tail",
    ]
