"""The one-table memo of :func:`ingest.rules.context.rows_by_name`, shared with the normalizer."""

from __future__ import annotations

from ingest.page.records import FeatureRow
from ingest.rules.context import rows_by_name


def _row(name: str, line: int) -> FeatureRow:
    return FeatureRow(name, "1", "2", 1.0, 2.0, line)


def test_each_table_gets_its_own_rows() -> None:
    first = (_row("Type", 3), _row("type", 4))
    second = (_row("Pricing", 5),)
    assert rows_by_name(first) == {"type": first[0]}
    assert rows_by_name(second) == {"pricing": second[0]}
    assert rows_by_name(first) == {"type": first[0]}


def test_an_equal_table_is_looked_up_again() -> None:
    table = (_row("Type", 3),)
    equal = (_row("TYPE", 3),)
    assert rows_by_name(table) == {"type": table[0]}
    assert rows_by_name(equal) == {"type": equal[0]}
    assert rows_by_name(equal)["type"].name == "TYPE"


def test_the_same_table_returns_the_same_dict() -> None:
    table = (_row("Type", 3), _row("UnfragileRank", 4))
    assert rows_by_name(table) is rows_by_name(table)
