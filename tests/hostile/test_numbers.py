"""A number that does not fit its column is a finding on its page (IG005), never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest.rules import check_page
from tests.hostile.process import GOOD_PAGE, rows
from tests.hostile.process import ingest as run_ingest

GOOD = GOOD_PAGE.read_text("utf-8")
COUNT = "(0-2147483647)"


def edited(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            edited("ranks higher at 42/100", "ranks higher at 99999999999/100"),
            2,
            35,
            "the score 99999999999/100 is out of range (0-100): "
            "the sentence is not read as a claim",
        ),
        (
            edited(
                "vs Stable Diffusion at 42/100. rorshark",
                "vs Stable Diffusion at 101/100. rorshark",
            ),
            47,
            66,
            "the score 101/100 is out of range (0-100): the sentence is not read as a claim",
        ),
        (
            edited("| 6 decomposed |", "| 1e309 decomposed |"),
            12,
            18,
            "the Capabilities cell '1e309 decomposed' of rorshark-vit-base is not a finite number: "
            "its value is left empty",
        ),
        (
            edited("| 6 decomposed |", "| 99999999999 decomposed |"),
            12,
            18,
            "the Capabilities cell '99999999999 decomposed' of rorshark-vit-base is out of range "
            f"for a count {COUNT}: its value is left empty",
        ),
        (
            edited("| Adoption | 1 | 0 |", "| Adoption | 1e309 | 0 |"),
            7,
            14,
            "the Adoption cell '1e309' of rorshark-vit-base is not a finite number: "
            "its value is left empty",
        ),
        (
            edited(
                "Stable Diffusion Capabilities\n",
                "+99999999999999999999 more capabilities\nStable Diffusion Capabilities\n",
            ),
            33,
            2,
            f"'+99999999999999999999 more capabilities' is out of range for a count {COUNT}: "
            "the count is left empty",
        ),
        (
            edited("| UnfragileRank | 42/100 | 42/100 |", "| UnfragileRank | 101/100 | 42/100 |"),
            6,
            19,
            "the UnfragileRank cell '101/100' of rorshark-vit-base is out of range for a score "
            "(0 to its scale): its value is left empty",
        ),
    ],
    ids=[
        "summary-score",
        "verdict-score",
        "inf-count",
        "huge-count",
        "inf-cell",
        "huge-more",
        "rank-over-scale",
    ],
)
def test_an_out_of_range_number_is_an_ig005_error_and_its_value_is_null(
    text: str, line: int, column: int, message: str
) -> None:
    page = ingest.parse_text(text, source="p.txt")
    assert [(e.code, e.line, e.column, e.message) for e in page.errors] == [
        ("IG005", line, column, message)
    ]
    assert page.errors[0].text == text.split("\n")[line - 1]
    found = [(f.code, f.line, f.column, f.message) for f in check_page(page) if f.code == "IG005"]
    assert found == [("IG005", line, column, message)]
    tables = ingest.to_arrow([page])
    assert tables["pages"].column("status").to_pylist() == ["partial"]
    assert tables["errors"].select(["line", "column", "message"]).to_pylist() == [
        {"line": line, "column": column, "message": message}
    ]


def test_the_values_left_empty_are_null_in_the_tables() -> None:
    page = ingest.parse_text(edited("| 6 decomposed |", "| 1e309 decomposed |"), source="p.txt")
    assert page.table.row("Capabilities") is not None
    assert page.table.row("Capabilities").value_a is None  # type: ignore[union-attr]
    pages = ingest.to_arrow([page])["pages"]
    assert pages.select(["declared_a", "declared_b"]).to_pylist() == [
        {"declared_a": None, "declared_b": 4}
    ]
    summary = ingest.parse_text(edited("at 42/100 vs", "at 99999999999/100 vs"), source="p.txt")
    assert summary.summary is not None and summary.summary.claim is None


def test_a_batch_goes_on_past_a_page_with_a_huge_score(tree: Path) -> None:
    (tree / "huge.txt").write_text(edited("at 42/100 vs", "at 99999999999/100 vs"), "utf-8")
    manifest = ingest.ingest([tree], tree.parent / "out", jobs=1)
    assert (manifest.status.ok, manifest.status.partial, manifest.status.failed) == (1, 1, 0)
    out = tree.parent / "out"
    assert rows(out, "pages", "source_path", "status") == [
        (str(tree / "good.txt"), "ok"),
        (str(tree / "huge.txt"), "partial"),
    ]
    assert rows(out, "errors", "source_path", "line", "column") == [(str(tree / "huge.txt"), 2, 35)]


def test_check_reports_a_1e309_count_and_exits_1(tree: Path) -> None:
    (tree / "inf.txt").write_text(edited("| 6 decomposed |", "| 1e309 decomposed |"), "utf-8")
    run = run_ingest("check", "in/inf.txt", "--select", "IG005", cwd=tree.parent)
    assert run.exit_code == 1
    assert run.stdout.splitlines()[0] == (
        "in/inf.txt:12:18: IG005 [error] the Capabilities cell '1e309 decomposed' of "
        "rorshark-vit-base is not a finite number: its value is left empty"
    )
