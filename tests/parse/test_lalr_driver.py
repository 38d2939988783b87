"""The table driver reads a page as Lark's own loop does, and stops exactly where Lark does.

Each input is parsed twice by the same parser object: by ``Lark.parse`` (Lark's loop,
what ``_SplicingLark.parse`` falls back to) and by its :class:`TableDriver`. Where Lark
returns a page, the driver returns an equal record; where Lark raises ``UnexpectedInput``,
the driver returns None (and the caller lets Lark raise); where the transformer raises,
both raise the same error.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark, Transformer
from lark.exceptions import UnexpectedInput

import ingest
from ingest.parse.api import normalize
from ingest.parse.grammar import _SplicingLark, build_parser, grammar_text, page_parser
from ingest.parse.lalr_driver import TableDriver, table_driver
from ingest.synth.corpus import iter_corpus
from ingest.testing import mutants
from tests.parse.paths import CORPUS_PAGES, FIXTURES, page_text

PAGES = CORPUS_PAGES + sorted(FIXTURES.glob("*.txt"))
CORPUS = st.sampled_from([ingest.parse_file(path) for path in CORPUS_PAGES])


def _driver(parser: Lark) -> TableDriver:
    assert isinstance(parser, _SplicingLark)
    driver = parser.driver
    assert driver is not None
    return driver


def _same_outcome(parser: Lark, driver: TableDriver, text: str) -> bool:
    """Assert the driver agrees with Lark on ``text``; True if Lark read a page."""
    try:
        expected = Lark.parse(parser, text)
    except UnexpectedInput:
        assert driver.parse(text) is None
        return False
    except Exception as error:  # the transformer's own errors (a table without subjects)
        with pytest.raises(type(error)) as raised:
            driver.parse(text)
        assert str(raised.value) == str(error)
        return False
    assert driver.parse(text) == expected
    return True


@pytest.mark.parametrize("accelerated", [True, False])
def test_every_corpus_and_fixture_page_reads_as_with_lark(accelerated: bool) -> None:
    parser = page_parser(accelerated)
    driver = _driver(parser)
    read = [path.name for path in PAGES if _same_outcome(parser, driver, page_text(path))]
    assert read == [path.name for path in PAGES]


@pytest.mark.parametrize("accelerated", [True, False])
def test_every_corpus_page_without_one_of_its_lines_reads_or_stops_as_with_lark(
    accelerated: bool,
) -> None:
    """Each line left out in turn: the driver stops on every page Lark stops on, and
    where Lark stops at a line no terminal of the state starts, at a token the state has
    no action for and at the end (a page cut before its table ends)."""
    parser = page_parser(accelerated)
    driver = _driver(parser)
    read = stopped = 0
    for path in CORPUS_PAGES:
        lines = page_text(path).split("\n")
        for index in range(len(lines) - 1):
            text = "\n".join(lines[:index] + lines[index + 1 :])
            if _same_outcome(parser, driver, text):
                read += 1
            else:
                stopped += 1
    assert read > 100 and stopped >= 10, (read, stopped)


@pytest.mark.parametrize("accelerated", [True, False])
def test_synthetic_pages_read_as_with_lark(accelerated: bool) -> None:
    parser = page_parser(accelerated)
    driver = _driver(parser)
    pages = [text for _, text, _ in islice(iter_corpus(400, seed=7), 400)]
    read = sum(_same_outcome(parser, driver, normalize(text)) for text in pages)
    assert read >= 390  # the synthetic corpus holds a few broken pages on purpose


@given(st.one_of(mutants(), mutants(CORPUS)))
def test_a_mutated_page_reads_or_stops_as_with_lark(data: bytes) -> None:
    parser = page_parser()
    text = normalize(data.decode("utf-8", errors="replace"))
    _same_outcome(parser, _driver(parser), text)


def test_the_page_parser_parses_by_its_driver_and_leaves_errors_to_lark() -> None:
    parser = page_parser()
    text = page_text(CORPUS_PAGES[0])
    page = parser.parse(text)
    assert isinstance(parser, _SplicingLark) and "driver" in vars(parser)  # made with the parser
    driver = parser.driver
    assert driver is not None and driver.parse(text) == page
    with pytest.raises(UnexpectedInput):  # Lark's own exception, as before the driver
        parser.parse(text.replace("| Feature", "Feature", 1))


@pytest.mark.parametrize(
    "options",
    [
        {"lexer": "basic"},  # no parser state picks the terminals: not what the driver reads
        {"lexer_callbacks": {"TITLE": lambda token: token}},  # a callback could change a token
    ],
)
def test_no_driver_for_a_parser_it_would_not_read_the_same(options: dict[str, Any]) -> None:
    grammar = "start: WORD+\nWORD: /[a-z]+\\n/\n"
    parser = Lark(grammar, parser="lalr", **{"lexer": "contextual", **options})
    assert table_driver(parser, lambda tokens: tokens) is None


def test_no_driver_when_the_callbacks_do_not_splice() -> None:
    """Another transformer keeps Lark's callbacks, and so Lark's loop."""
    parser = build_parser(grammar_text(), Transformer(), accelerated=False)
    assert isinstance(parser, _SplicingLark)
    tree = parser.parse(page_text(CORPUS_PAGES[0]))
    assert "driver" in vars(parser) and parser.driver is None
    assert tree.data == "start"
