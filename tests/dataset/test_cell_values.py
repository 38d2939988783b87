"""Typed cell values: every kind read with exact values, in the parser and in ``features``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import ingest
from ingest.parse.cell_values import KINDS, Cell, parse_cell

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TYPED = FIXTURES / "typed_cells.txt"

CASES = [
    ("42/100", Cell("score", 42.0, "/100")),
    ("6 decomposed", Cell("count", 6.0, "decomposed")),
    ("1,000 tokens", Cell("count", 1000.0, "tokens")),
    ("0", Cell("integer", 0.0)),
    ("1,000", Cell("integer", 1000.0)),
    ("-3", Cell("integer", -3.0)),
    ("0.75", Cell("decimal", 0.75)),
    ("5e-7", Cell("decimal", 5e-07)),
    ("85%", Cell("decimal", 85.0, "%")),
    ("1.5 hours", Cell("decimal", 1.5, "hours")),
    ("82.4k", Cell("suffixed", 82400.0)),
    ("1.2M", Cell("suffixed", 1200000.0)),
    ("3B", Cell("suffixed", 3000000000.0)),
    ("2T", Cell("suffixed", 2000000000000.0)),
    ("$1.25/1M tokens", Cell("money", 1.25, "USD per 1M tokens", 1.25e-06)),
    ("$0.25/1M tokens", Cell("money", 0.25, "USD per 1M tokens", 2.5e-07)),
    ("$5.00e-7 per prompt token", Cell("money", 5e-07, "USD per prompt token", 5e-07)),
    ("$20/month", Cell("money", 20.0, "USD per month")),
    ("$10", Cell("money", 10.0, "USD")),
    ("$1/0M tokens", Cell("money", 1.0, "USD per 0M tokens")),  # no price per token: not /0
    ("2026-09-01", Cell("date", date=datetime.date(2026, 9, 1))),
    ("Model", Cell("label")),
    ("Free", Cell("label")),
    ("Apache-2.0", Cell("label")),
    ("n/a", Cell("label")),
    (None, Cell("missing")),
    ("1.2.3", Cell("unclear")),
    ("12abc", Cell("unclear")),
    ("$abc", Cell("unclear")),
    ("2026-13-01", Cell("unclear")),
    ("1,2345", Cell("unclear")),
    ("-", Cell("unclear")),
]


@pytest.mark.parametrize(("raw", "cell"), CASES, ids=[str(raw) for raw, _ in CASES])
def test_each_cell_is_read_by_its_kind(raw: str | None, cell: Cell) -> None:
    assert parse_cell(raw) == cell


def test_the_cases_cover_every_kind() -> None:
    assert sorted({cell.kind for _, cell in CASES}) == sorted(KINDS)


def test_an_overflowing_number_is_infinite_for_the_range_check() -> None:
    assert parse_cell("1e999") == Cell("decimal", float("inf"))
    assert parse_cell("9" * 400) == Cell("integer", float("inf"))


def test_the_features_table_holds_every_typed_column() -> None:
    features = ingest.to_arrow([ingest.parse_file(TYPED)])["features"].to_pylist()
    columns = ("side", "feature", "raw", "kind", "value", "unit", "usd_per_token", "date")
    extra = [tuple(row[c] for c in columns) for row in features[14:26]]
    expected = json.loads((FIXTURES / "typed_cells_features.json").read_text("utf-8"))
    assert [
        [str(v) if isinstance(v, datetime.date) else v for v in row] for row in extra
    ] == expected


def test_an_overflowing_price_is_an_ig005_page_error_and_an_empty_value() -> None:
    tables = ingest.to_arrow([ingest.parse_file(TYPED)])
    assert tables["pages"]["status"].to_pylist() == ["partial"]
    errors = [(e["line"], e["column"], e["message"]) for e in tables["errors"].to_pylist()]
    assert errors == [
        (
            17,
            14,
            "the Overflow cell '$1e999/1M tokens' of rorshark-vit-base is not a finite number: "
            "its value is left empty",
        )
    ]


def test_a_lead_on_suffixed_counts_compares_the_expanded_numbers() -> None:
    page = ingest.parse_file(TYPED)
    stars = page.table.row("GitHub Stars")
    assert stars is not None
    assert (stars.value_a, stars.value_b) == (82400.0, 1200000.0)
