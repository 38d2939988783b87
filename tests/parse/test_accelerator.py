"""lark-cython (``ingest[fast]``) and plain lark build exactly the same pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse.api import normalize
from ingest.parse.grammar import page_parser
from tests.parse.paths import CORPUS_PAGES, FIXTURES

pytest.importorskip("lark_cython", reason="the accelerator is an optional extra")

PAGES = CORPUS_PAGES + sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_cython_and_pure_parsers_agree(path: Path) -> None:
    text = normalize(path.read_text("utf-8"))
    assert page_parser(accelerated=True).parse(text) == page_parser(accelerated=False).parse(text)


def test_the_accelerated_parser_really_is_lark_cython() -> None:
    assert page_parser(accelerated=True) is not page_parser(accelerated=False)
    assert "lark_cython" in type(page_parser(accelerated=True).parser.parser).__module__
