"""The shipped JSON parse tables: never stale, loaded safely, the same parser as a fresh build."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from ingest.parse.api import normalize
from ingest.parse.grammar import (
    POSSESSIVE_TERMINALS,
    build_parser,
    grammar_text,
    load_parser,
    page_parser,
)
from ingest.parse.grammar_refresh import fresh_text
from ingest.parse.grammar_tables import decode, encode, read_tables
from ingest.parse.package_data import package_text
from ingest.parse.transformer import PageTransformer
from tests.parse.paths import CORPUS_PAGES, FIXTURES

PAGES = CORPUS_PAGES + sorted(FIXTURES.glob("*.txt"))


def _shipped() -> str:
    return resources.files("ingest").joinpath("grammars", "comparison.tables.json").read_text()


def test_the_shipped_tables_equal_a_fresh_build() -> None:
    assert _shipped() == fresh_text(), "run: python -m ingest.parse.grammar_refresh"


def test_the_shipped_tables_match_the_grammar() -> None:
    assert read_tables(grammar_text()) is not None


def test_encode_round_trips_int_keys_and_tuples() -> None:
    value: Any = {"a": [(1, {2: "x"}), None, 2**64], "b": {3: (4, "y")}}
    assert decode(json.loads(json.dumps(encode(value)))) == value


def test_encode_refuses_a_key_that_looks_like_a_tag() -> None:
    with pytest.raises(ValueError):
        encode({"__tuple__": 1})


@pytest.mark.parametrize("accelerated", [True, False])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_loaded_and_built_parsers_agree(path: Path, accelerated: bool) -> None:
    built = build_parser(grammar_text(), PageTransformer(), accelerated)
    text = normalize(path.read_text("utf-8"))
    assert page_parser(accelerated).parse(text) == built.parse(text)


def test_the_loaded_parser_keeps_the_possessive_terminals_and_the_accelerator() -> None:
    pytest.importorskip("lark_cython", reason="the accelerator is an optional extra")
    tables = read_tables(grammar_text())
    assert tables is not None
    parser = load_parser(*tables, PageTransformer(), accelerated=True)
    assert "lark_cython" in type(parser.parser.parser).__module__
    ends = {t.name: t.pattern.value[-2:] for t in parser.terminals}
    assert {ends[name] for name in POSSESSIVE_TERMINALS} <= {"*+", "++"}
    with mock.patch.dict("os.environ", {"INGEST_NO_CYTHON": "1"}):
        pure = load_parser(*tables, PageTransformer(), accelerated=True)
    assert "lark_cython" not in type(pure.parser.parser).__module__


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[]", '{"format": 1}', _shipped().replace('"format":1', '"format":2')],
)
def test_missing_or_malformed_tables_are_ignored(text: str) -> None:
    grammar = grammar_text()
    with mock.patch("ingest.parse.grammar_tables.package_text", return_value=text):
        assert read_tables(grammar) is None


def test_tables_for_another_grammar_are_ignored() -> None:
    assert read_tables(grammar_text() + "\n// changed\n") is None


def test_a_missing_file_is_ignored() -> None:
    grammar = grammar_text()
    with mock.patch("ingest.parse.grammar_tables.package_text", side_effect=FileNotFoundError):
        assert read_tables(grammar) is None


def test_package_files_are_read_from_beside_the_code_or_else_through_importlib(
    tmp_path: Path,
) -> None:
    shipped = _shipped()
    assert package_text("grammars", "comparison.tables.json") == shipped
    with mock.patch("ingest.parse.package_data.PACKAGE", tmp_path / "zipped"):
        assert package_text("grammars", "comparison.tables.json") == shipped  # the fallback
