"""Properties of the tables: they mirror their pages, survive Parquet, and find the same drift.

The pages come from ``ingest.testing`` / ``ingest.synth`` (the generators of the
property-test suite), so every shape the generators know is covered.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ingest
from ingest.dataset.drift import drift_from_pages
from ingest.dataset.schemas import SCHEMAS, TABLES
from ingest.dataset.writer import PART_GLOB, PartWriter, make_table_dirs
from ingest.rules import ArtifactFacts, drift_findings
from ingest.synth import Artifact, assemble, draw_pair, generate_page
from ingest.testing import HypothesisDraw, pages

pytestmark = pytest.mark.property


def _squash(name: str) -> str:
    return " ".join(name.split()).casefold()


def _located(batch: list[ingest.Page]) -> list[ingest.Page]:
    return [page.model_copy(update={"source": f"p{i}.txt"}) for i, page in enumerate(batch)]


@st.composite
def batches(draw: st.DrawFn) -> list[ingest.Page]:
    """Pages comparing artifacts of a small pool, some shown with another rank or pricing."""
    choices = HypothesisDraw(draw)
    pool: list[Artifact] = []
    for _ in range(draw(st.integers(1, 3))):
        pool += draw_pair(choices)
    batch: list[ingest.Page] = []
    for _ in range(draw(st.integers(1, 6))):
        a, b = draw(st.permutations(pool))[:2]
        if _squash(a.name) == _squash(b.name):
            continue
        if draw(st.booleans()):
            a = replace(a, rank=draw(st.integers(0, 100)))
        if draw(st.booleans()):
            b = replace(b, pricing=draw(st.sampled_from(["Free", "Paid", "Freemium"])))
        batch.append(assemble(generate_page(choices, a, b, consistent=True)))
    return _located(batch)


@given(page=pages())
def test_rows_mirror_the_page(page: ingest.Page) -> None:
    tables = ingest.to_arrow(_located([page]), check=False)
    features = tables["features"].to_pylist()
    expected = [
        (row.name, side, raw, value, row.line)
        for row in page.table.rows
        for side, raw, value in (("a", row.raw_a, row.value_a), ("b", row.raw_b, row.value_b))
    ]
    got = [(f["feature"], f["side"], f["raw"], f["value"], f["line"]) for f in features]
    assert got == expected
    listed = [cap for section in page.sections for cap in section.capabilities]
    assert [c["description"] for c in tables["capabilities"].to_pylist()] == [
        cap.description for cap in listed
    ]
    verdict = page.verdict
    claims = (page.summary is not None and page.summary.claim is not None) + (
        0
        if verdict is None
        else (verdict.claim is not None) + len(verdict.leads) + (verdict.free_tier is not None)
    )
    assert tables["claims"].num_rows == claims
    row = tables["pages"].to_pylist()[0]
    assert (row["subject_a"], row["subject_b"], row["complete"]) == (
        page.subject_a,
        page.subject_b,
        page.complete,
    )
    assert row["status"] == ("ok" if page.complete else "partial")
    for side in ("a", "b"):
        sections = [s for s in page.sections if s.side == side]
        assert row[f"listed_{side}"] == (sum(s.listed for s in sections) if sections else None)
        assert row[f"declared_{side}"] == page.declared_capabilities(side)


def test_tables_round_trip_through_parquet(tmp_path: Path) -> None:
    """Every example's tables have their table's schema (checked in memory); all of them,
    concatenated, are written as Parquet once and read back equal."""
    built: list[dict[str, pa.Table]] = []

    @given(batch=st.lists(pages(), min_size=1, max_size=4))
    def build(batch: list[ingest.Page]) -> None:
        tables = ingest.to_arrow(_located(batch))
        assert sorted(tables) == sorted(TABLES)
        for name, table in tables.items():
            assert table.schema.equals(SCHEMAS[name]), name
        built.append(tables)

    build()
    tables = {name: pa.concat_tables([t[name] for t in built]) for name in TABLES}
    make_table_dirs(tmp_path)
    with PartWriter(tmp_path, 0) as writer:
        writer.write(tables)
    for name, table in tables.items():
        parts = sorted((tmp_path / name).glob(PART_GLOB))
        back = pq.read_table(parts[0]) if parts else table.schema.empty_table()
        assert back.equals(table), name


@given(batch=batches())
def test_drift_from_the_pages_table_equals_the_checkers(batch: list[ingest.Page]) -> None:
    facts = [fact for page in batch for fact in ArtifactFacts.from_page(page)]
    pages_table = ingest.to_arrow(batch, check=False)["pages"]
    assert drift_from_pages(pages_table) == drift_findings(facts)
