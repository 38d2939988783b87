"""``to_arrow``: pages in, typed tables out, every value where the page put it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.compute as pc

import ingest
from ingest.dataset.keys import file_id
from ingest.dataset.schemas import SCHEMAS
from tests.batch.conftest import CORPUS, FIXTURES, PAGE_002


def _fixture(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_every_table_has_exactly_its_schema() -> None:
    tables = ingest.to_arrow([ingest.parse_file(PAGE_002)])
    assert list(tables) == list(SCHEMAS)
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name


def test_page_002_pages_row() -> None:
    row = ingest.to_arrow([ingest.parse_file(PAGE_002)])["pages"].to_pylist()[0]
    assert row.pop("page_id") == hashlib.sha256(PAGE_002.read_bytes()).hexdigest()
    assert row.pop("source_path") == str(PAGE_002)
    assert row.pop("file_id") == file_id(str(PAGE_002))  # the path's, wherever the checkout is
    assert row == _fixture("page_002_pages_row.json")


def test_page_002_claims_in_page_order_with_columns() -> None:
    claims = ingest.to_arrow([ingest.parse_file(PAGE_002)])["claims"]
    rows = [list(row.values())[3:] for row in claims.to_pylist()]
    assert rows == _fixture("page_002_claims.json")


def test_one_feature_row_per_table_cell() -> None:
    features = ingest.to_arrow([ingest.parse_file(PAGE_002)])["features"]
    assert features.num_rows == 18
    rank = features.filter(pc.equal(features["feature"], "UnfragileRank")).to_pylist()
    assert [(r["subject"], r["side"], r["raw"], r["value"], r["line"]) for r in rank] == [
        ("rorshark-vit-base", "a", "42/100", 42.0, 6),
        ("Stable Diffusion", "b", "42/100", 42.0, 6),
    ]
    pricing = features.filter(pc.equal(features["feature"], "Pricing")).to_pylist()
    assert [(r["raw"], r["value"]) for r in pricing] == [("Free", None), ("Paid", None)]


def test_capabilities_keep_text_sides_and_ordinals() -> None:
    caps = ingest.to_arrow([ingest.parse_file(PAGE_002)])["capabilities"].to_pylist()
    assert [(c["side"], c["ordinal"]) for c in caps] == [("a", i) for i in range(1, 7)] + [
        ("b", i) for i in range(1, 5)
    ]
    first_b = caps[6]
    assert first_b["subject"] == "Stable Diffusion"
    assert first_b["line"] == 34
    assert first_b["description"].startswith("Stable Diffusion utilizes a latent diffusion model")
    assert first_b["unique"].startswith("Stable Diffusion's use of a latent space")
    assert first_b["vs_alternatives"].startswith("More efficient than DALL-E")


def test_parse_error_becomes_failed_page_and_error_row() -> None:
    error = ingest.ParseError(
        "empty file", path="x/empty.txt", line=1, column=1, expected="a comparison page"
    )
    tables = ingest.to_arrow([error])
    page = tables["pages"].to_pylist()[0]
    assert (page["source_path"], page["status"], page["title"], page["n_findings"]) == (
        "x/empty.txt",
        "failed",
        None,
        1,
    )
    assert tables["errors"].to_pylist() == [
        {
            "page_id": None,
            "source_path": "x/empty.txt",
            "file_id": file_id("x/empty.txt"),
            "line": 1,
            "column": 1,
            "message": "empty file",
            "expected": "a comparison page",
            "text": None,
        }
    ]
    assert tables["findings"]["code"].to_pylist() == ["IG001"]


def test_n_findings_counts_the_page_findings() -> None:
    pages = [ingest.parse_file(path) for path in sorted(CORPUS.glob("*.txt"))]
    tables = ingest.to_arrow(pages)
    per_page = {
        Path(r["source_path"]).name[:3]: r["n_findings"] for r in tables["pages"].to_pylist()
    }
    assert per_page == {"000": 1, "001": 1, "002": 3, "003": 1, "004": 1}
    assert tables["findings"].num_rows == 7


def test_without_check_there_are_no_findings() -> None:
    tables = ingest.to_arrow([ingest.parse_file(PAGE_002)], check=False)
    assert tables["findings"].num_rows == 0
    assert tables["pages"]["n_findings"].to_pylist() == [0]
