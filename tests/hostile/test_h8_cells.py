"""Hostile cells and names against the typed values, the subjects and the change feed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import ingest
from ingest.parse.cell_values import Cell, parse_cell
from tests.batch.conftest import CORPUS, copy_corpus

INGEST = str(Path(sys.executable).parent / "ingest")
SHAPES = [
    "1,000" * 20_000,
    "$" + "1" * 100_000 + "/1M tokens x!",
    "9" * 100_000 + "k!",
    "1 " + "a" * 100_000 + "!",
]


@pytest.mark.parametrize("raw", SHAPES, ids=["commas", "money", "suffixed", "unit words"])
def test_a_100_kb_near_miss_cell_is_read_in_linear_time(raw: str) -> None:
    parse_cell.cache_clear()
    started = time.perf_counter()
    cell = parse_cell(raw)
    assert (
        time.perf_counter() - started < 0.05
    )  # milliseconds; a backtracking pattern takes minutes
    assert cell.kind in ("unclear", "integer")


def test_a_huge_number_is_infinite_never_an_error() -> None:
    assert parse_cell("9" * 100_000 + "k") == Cell("suffixed", float("inf"))
    assert parse_cell("$" + "9" * 400 + "/1M tokens").value == float("inf")


def test_an_overflowing_suffixed_cell_is_an_ig005_error_and_an_empty_value() -> None:
    text = (CORPUS / "002_9e1b73b20691a311.txt").read_text(encoding="utf-8")
    page = text.replace(
        "| Pricing | Free | Paid |",
        "| Pricing | Free | Paid |\n| GitHub Stars | " + "9" * 400 + "k | 1k |",
    )
    tables = ingest.to_arrow([ingest.parse_text(page, source="p.txt")])
    stars = [r for r in tables["features"].to_pylist() if r["feature"] == "GitHub Stars"]
    assert [(r["kind"], r["value"]) for r in stars] == [("suffixed", None), ("suffixed", 1000.0)]
    assert [e["line"] for e in tables["errors"].to_pylist()] == [12]


def test_control_characters_in_names_are_escaped_in_summary_and_diff(tmp_path: Path) -> None:
    old = copy_corpus(tmp_path / "old")
    new = copy_corpus(tmp_path / "new")
    page = new / "003_b7000c482674d1d3.txt"
    page.write_text(
        page.read_text(encoding="utf-8").replace("mobilevit-small", "mobile\x1b[2Jvit"), "utf-8"
    )
    ingest.ingest([old], tmp_path / "old-out", jobs=1)
    ingest.ingest([new], tmp_path / "new-out", jobs=1)
    shown = subprocess.run(
        [INGEST, "diff", str(tmp_path / "old-out"), str(tmp_path / "new-out")],
        capture_output=True,
        text=True,
    )
    assert "\x1b" not in shown.stdout
    assert (
        "~ 003_b7000c482674d1d3.txt a mobile\\x1b[2Jvit: "
        "subject mobilevit-small -> mobile\\x1b[2Jvit" in shown.stdout
    )
    summary = subprocess.run(
        [INGEST, "summary", str(tmp_path / "new-out"), "--all-artifacts"],
        capture_output=True,
        text=True,
    )
    assert summary.returncode == 0 and "\x1b" not in summary.stdout
    assert (
        "  mobile\\x1b[2jvit|model: 1 pages, rank 47-47, pricing Free, capabilities 5"
        in summary.stdout
    )
