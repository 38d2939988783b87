"""IG501 drift stays linear in the pages and flat in memory, with the findings it always gave.

The old algorithm compared every page of an artifact with every value its
figures took (a few thousand pages of one artifact took minutes) and kept a
Python object per artifact in the parent. The reference below is that old
algorithm, kept to prove the new one reports exactly the same findings.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingest.bench.drift import synthetic_pages
from ingest.dataset import drift as batch_drift
from ingest.dataset.drift import (
    drift_from_files,
    drift_from_pages,
    drifting_artifacts,
    drifting_rows,
    read_pieces,
)
from ingest.page.findings import Finding
from ingest.rules import ArtifactFacts
from ingest.rules.drift import _FACTS, ARTIFACT_DRIFT, NAMED_PAGES, _Fact

COLUMNS = pa.schema(
    [
        ("page_id", pa.string()),
        ("source_path", pa.string()),
        ("status", pa.string()),
        ("subject_a", pa.string()),
        ("subject_b", pa.string()),
        ("type_a", pa.string()),
        ("type_b", pa.string()),
        ("rank_a", pa.float64()),
        ("rank_b", pa.float64()),
        ("pricing_a", pa.string()),
        ("pricing_b", pa.string()),
        ("declared_a", pa.int32()),
        ("declared_b", pa.int32()),
        ("rank_line", pa.int32()),
        ("pricing_line", pa.int32()),
        ("capabilities_line", pa.int32()),
    ]
)
"""The columns of ``pages`` that drift reads."""


def _old_difference(fact: _Fact, shown: object, by_value: dict[object, list[ArtifactFacts]]) -> str:
    named: list[str] = []
    others = 0
    for other, pages in by_value.items():
        if other == shown:
            continue
        others += len(pages)
        if len(named) < NAMED_PAGES:
            named.append(f"{fact.show(other)} on {pages[0].path}")
    unnamed = others - len(named)
    tail = f" (+{unnamed} more page{'s' if unnamed > 1 else ''})" if unnamed else ""
    return f"{fact.feature} {fact.show(shown)} here, but {', '.join(named)}{tail}"


def old_drift(pages: pa.Table) -> list[Finding]:
    """The IG501 findings as the quadratic algorithm computed them, fact by fact."""
    where = pages.to_pydict()
    groups: dict[tuple[str, str | None], dict[tuple[str, str], ArtifactFacts]] = {}
    for row in range(pages.num_rows):
        if where["status"][row] == "failed":
            continue
        for side in "ab":
            fact = ArtifactFacts(
                where["page_id"][row],
                where["source_path"][row],
                where[f"subject_{side}"][row],
                where[f"type_{side}"][row],
                where[f"rank_{side}"][row],
                where[f"pricing_{side}"][row],
                where[f"declared_{side}"][row],
                where["rank_line"][row],
                where["pricing_line"][row],
                where["capabilities_line"][row],
            )
            group = groups.setdefault((fact.subject, fact.type), {})
            group.setdefault((fact.path, fact.page_id), fact)
    findings: list[Finding] = []
    for (subject, kind), members in groups.items():
        buckets: list[tuple[_Fact, dict[object, list[ArtifactFacts]]]] = []
        for fact_kind in _FACTS:
            by_value: dict[object, list[ArtifactFacts]] = {}
            for member in members.values():
                if fact_kind.value(member) is not None:
                    by_value.setdefault(fact_kind.value(member), []).append(member)
            if len(by_value) > 1:
                buckets.append((fact_kind, by_value))
        for member in members.values() if buckets else ():
            shown = [(f, f.value(member), v) for f, v in buckets if f.value(member) is not None]
            if not shown:
                continue
            findings.append(
                ARTIFACT_DRIFT.finding(
                    path=member.path,
                    line=shown[0][0].line(member) or 1,
                    page_id=member.page_id,
                    subject=subject,
                    feature=shown[0][0].feature,
                    type=kind if kind is not None else "no Type",
                    differences="; ".join(_old_difference(f, s, v) for f, s, v in shown),
                )
            )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return findings


def mixed_pages(seed: int, pages: int = 80) -> pa.Table:
    """A small batch with every case drift must tell apart: few artifacts on many pages,
    missing figures and Types, failed pages, a page listed twice, one artifact on both sides,
    names that differ only by case or a trailing space, and more values than a message names."""
    draw = random.Random(seed)
    names = ["FLUX.1 Pro", "flux.1 pro", "FLUX.1 Pro ", "Midjourney", "", "DALL·E 3"]
    rows: list[dict[str, object]] = []
    for index in range(pages):
        if rows and draw.random() < 0.1:
            rows.append(dict(rows[-1]))  # the same file twice
            continue
        row: dict[str, object] = {
            "page_id": f"id-{draw.randrange(pages)}",
            "source_path": f"p/{draw.randrange(pages):03d}.txt",
            "status": draw.choice(["ok", "ok", "ok", "partial", "failed"]),
            "rank_line": draw.choice([None, 6, 7]),
            "pricing_line": draw.choice([None, 11]),
            "capabilities_line": draw.choice([None, 12, 13]),
        }
        for side in "ab":
            row[f"subject_{side}"] = draw.choice(names)
            row[f"type_{side}"] = draw.choice(["Model", "Model", "Product", None])
            row[f"rank_{side}"] = draw.choice([None, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 58.5])
            row[f"pricing_{side}"] = draw.choice([None, "Free", "Paid", "$5/mo", "$6/mo", "$7"])
            row[f"declared_{side}"] = draw.choice([None, *range(1, 8)])
        if index % 17 == 0:
            row["subject_b"], row["type_b"] = row["subject_a"], row["type_a"]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=COLUMNS)


def _write_parts(table: pa.Table, folder: Path, rows: int) -> list[Path]:
    folder.mkdir()
    parts = []
    for index, start in enumerate(range(0, table.num_rows, rows)):
        part = folder / f"part-{index:05d}.parquet"
        pq.write_table(table.slice(start, rows), part, row_group_size=7)
        parts.append(part)
    return parts


@pytest.mark.parametrize("seed", range(8))
def test_findings_equal_the_old_algorithms(seed: int) -> None:
    pages = mixed_pages(seed)
    expected = old_drift(pages)
    assert expected  # each batch has drift to report
    assert drift_from_pages(pages) == expected


@pytest.mark.parametrize("seed", range(4))
def test_spilled_buckets_give_the_same_findings_as_memory(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = mixed_pages(seed, pages=300)
    parts = _write_parts(pages, tmp_path / "pages", rows=40)
    monkeypatch.setattr(batch_drift, "BUCKET_ROWS", 16)  # ~38 buckets of 16 artifacts
    assert drift_from_files(parts) == old_drift(pages)
    spilled = drifting_artifacts(*read_pieces(parts))
    monkeypatch.setattr(batch_drift, "BUCKET_ROWS", 10**9)
    assert spilled == drifting_artifacts(*read_pieces(parts))


def test_a_batch_without_parsed_pages_has_no_drift(tmp_path: Path) -> None:
    pages = mixed_pages(0).filter(pa.array([False] * 80))
    assert drift_from_pages(pages) == []
    assert drift_from_files([]) == []
    assert list(drifting_rows(*read_pieces([]))) == []


def test_twenty_thousand_pages_of_one_artifact_take_seconds_not_minutes() -> None:
    pages = synthetic_pages(0, 20_000, "one")  # a distinct Pricing and count on every page
    started = time.perf_counter()
    findings = drift_from_pages(pages)
    elapsed = time.perf_counter() - started
    assert len(findings) == 20_000
    assert (findings[0].path, findings[0].line, findings[0].feature) == (
        "synthetic/0.txt",
        5,
        "UnfragileRank",
    )
    assert findings[0].message == (
        "FLUX.1 Pro (Model) differs across pages: UnfragileRank 0/100 here, but 1/100 on "
        "synthetic/1.txt, 2/100 on synthetic/2.txt, 3/100 on synthetic/3.txt (+19798 more "
        "pages); Pricing $0/month here, but $1/month on synthetic/1.txt, $2/month on "
        "synthetic/2.txt, $3/month on synthetic/3.txt (+19996 more pages); Capabilities 0 "
        "decomposed here, but 1 decomposed on synthetic/1.txt, 2 decomposed on "
        "synthetic/2.txt, 3 decomposed on synthetic/3.txt (+19996 more pages)"
    )
    assert elapsed < 10  # about 1 s here; the old algorithm took over a minute


def test_distinct_artifacts_are_grouped_in_buckets_of_bounded_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _write_parts(synthetic_pages(0, 5_000, "distinct"), tmp_path / "pages", 1000)
    monkeypatch.setattr(batch_drift, "BUCKET_ROWS", 1_000)
    largest = 0
    grouped = batch_drift._drifting_keys

    def watched(groups: pa.Table) -> list[str]:
        nonlocal largest
        largest = max(largest, groups.num_rows)
        return grouped(groups)

    monkeypatch.setattr(batch_drift, "_drifting_keys", watched)
    assert drift_from_files(parts) == []
    assert 0 < largest < 1_500  # 10,000 artifacts, never more than a bucket's in memory


def test_a_key_falls_in_the_same_bucket_wherever_it_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_drift, "HASH_ROWS", 3)  # slices that start inside the array
    keys = ["", "FLUX.1 Pro", "DALL·E 3", "flux.1 pro", "a" * 300, "Midjourney", "x"]
    forward = batch_drift._buckets(pa.array(keys), 7).tolist()
    backward = batch_drift._buckets(pa.array(keys[::-1]).slice(0), 7).tolist()
    shifted = batch_drift._buckets(pa.array(["pad", *keys]).slice(1), 7).tolist()
    assert forward == backward[::-1] == shifted
    assert all(0 <= bucket < 7 for bucket in forward)
    assert len(set(forward)) > 2  # the keys spread over the buckets


def test_a_20k_page_run_spills_nothing_and_a_bigger_one_spills_to_bounded_buckets() -> None:
    size = batch_drift.BUCKET_ROWS
    assert batch_drift.spill_buckets(2 * 20_000, size) == 1  # two sides a page, grouped at once
    assert batch_drift.spill_buckets(2 * size, size) == 1
    assert batch_drift.spill_buckets(2 * size + 1, size) == 3
    assert batch_drift.spill_buckets(2 * 100_000, size) == 8
    assert batch_drift.spill_buckets(2 * 1_000_000, size) == 80
    assert batch_drift.spill_buckets(10**9, size) == batch_drift.MAX_BUCKETS
