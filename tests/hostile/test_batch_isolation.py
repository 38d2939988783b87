"""One page's failure inside a worker fails that page only, never its row group or the run.

A failure is injected for one page of the corpus (a rule, the normalizer half-way
through the page, its Arrow conversion, its Parquet write); the page must become a
``failed`` row with an "internal error" errors row, and every other page's rows must
be exactly those of an undisturbed run. The runs are in-process (``jobs=1``), where
the injected failure applies.
"""

from __future__ import annotations

import errno
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import ingest
from ingest.dataset.normalize import TableRows
from ingest.dataset.outdir import RunFailedError
from ingest.dataset.schemas import TABLES
from ingest.page.findings import Finding
from ingest.page.records import Page
from ingest.rules import check_page
from tests.hostile.process import ROOT

VICTIM = "002_9e1b73b20691a311.txt"
DETAIL_TABLES = ("features", "capabilities", "claims")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


@pytest.fixture
def undisturbed(corpus: Path, tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a run with nothing injected."""
    ingest.ingest(corpus, tmp_path / "reference", jobs=1)
    return _tables(tmp_path / "reference")


def _tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {table: pq.read_table(out / table).to_pylist() for table in TABLES}


def _is_victim(path: object) -> bool:
    return isinstance(path, str) and path.endswith(VICTIM)


def _others(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if not _is_victim(row["source_path"])]


def assert_only_the_victim_failed(
    out: Path, undisturbed: dict[str, list[dict[str, Any]]], message: str
) -> None:
    tables = _tables(out)
    assert sorted((_is_victim(p["source_path"]), p["status"]) for p in tables["pages"]) == [
        (False, "ok"),
        (False, "ok"),
        (False, "ok"),
        (False, "ok"),
        (True, "failed"),
    ]
    assert [(_is_victim(e["source_path"]), e["message"]) for e in tables["errors"]] == [
        (True, message)
    ]
    for table in DETAIL_TABLES:  # the other pages' rows all there, none of the victim's
        assert tables[table] == _others(undisturbed[table]), table
    page_findings = [f for f in tables["findings"] if f["code"] != "IG501"]
    victim = [f for f in page_findings if _is_victim(f["source_path"])]
    assert [(f["code"], f["message"]) for f in victim] == [
        ("IG001", f"cannot parse the page: {message}")
    ]
    expected = [
        f
        for f in undisturbed["findings"]
        if f["code"] != "IG501" and not _is_victim(f["source_path"])
    ]
    assert [f for f in page_findings if not _is_victim(f["source_path"])] == expected


def test_a_rule_that_crashes_on_one_page_fails_that_page_only(
    corpus: Path,
    tmp_path: Path,
    undisturbed: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def crashing_rules(page: Page, path: str | None = None) -> list[Finding]:
        if _is_victim(path):
            raise RuntimeError("rule exploded\nsecond line")
        return check_page(page, path)

    monkeypatch.setattr("ingest.batch.worker.check_page", crashing_rules)
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    assert_only_the_victim_failed(
        tmp_path / "out", undisturbed, "internal error, please report: RuntimeError: rule exploded"
    )


def test_a_normalizer_crash_half_way_through_a_page_leaves_none_of_its_rows(
    corpus: Path,
    tmp_path: Path,
    undisturbed: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = TableRows._add_claims

    def crash_after_features(self: TableRows, page: Page) -> None:
        # add_page has handed over the page's features and capabilities by now
        if _is_victim(page.source):
            raise KeyError("winner")
        real(self, page)

    monkeypatch.setattr(TableRows, "_add_claims", crash_after_features)
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    assert_only_the_victim_failed(
        tmp_path / "out", undisturbed, "internal error, please report: KeyError: 'winner'"
    )


def test_a_page_whose_values_arrow_rejects_fails_alone_and_the_row_group_is_written(
    corpus: Path,
    tmp_path: Path,
    undisturbed: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = TableRows._capabilities_table

    def overflow(self: TableRows, pages: pa.Table, owner: Any) -> pa.Table:
        if self.capabilities and any(_is_victim(row[1]) for row in self.pages):
            raise pa.ArrowInvalid(
                "Integer value 99999999999 not in range: -2147483648 to 2147483647"
            )
        return real(self, pages, owner)

    monkeypatch.setattr(TableRows, "_capabilities_table", overflow)
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    assert manifest.tables["pages"] == 5
    assert_only_the_victim_failed(
        tmp_path / "out",
        undisturbed,
        "internal error, please report: ArrowInvalid: Integer value 99999999999 not in range: "
        "-2147483648 to 2147483647",
    )


def _features_with_victim(table: pa.Table) -> bool:
    names = table.column_names
    return {"feature", "raw", "source_path"} <= set(names) and any(
        map(_is_victim, table["source_path"].to_pylist())
    )


def test_a_page_whose_values_parquet_rejects_fails_alone_and_the_row_group_is_written(
    corpus: Path,
    tmp_path: Path,
    undisturbed: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pq.ParquetWriter.write_table

    def reject(self: pq.ParquetWriter, table: pa.Table, *args: Any, **kwargs: Any) -> None:
        if _features_with_victim(table):
            raise pa.ArrowNotImplementedError("cannot encode this value")
        real(self, table, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", reject)
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    assert_only_the_victim_failed(
        tmp_path / "out",
        undisturbed,
        "internal error, please report: ArrowNotImplementedError: cannot encode this value",
    )


def test_a_write_failure_no_page_causes_fails_the_run_and_leaves_out_alone(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pq.ParquetWriter.write_table

    def disk_full(self: pq.ParquetWriter, table: pa.Table, *args: Any, **kwargs: Any) -> None:
        on_disk = isinstance(self.where, str | Path)  # not the in-memory check of a page
        if on_disk and {"feature", "source_path"} <= set(table.column_names):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, table, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", disk_full)
    with pytest.raises(RunFailedError) as caught:
        ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert str(caught.value) == (
        f"{tmp_path / 'out'}: the run could not finish (No space left on device); "
        f"{tmp_path / 'out'} is left as it was"
    )
    assert not (tmp_path / "out").exists()


def test_a_rule_that_crashes_on_one_page_is_an_ig001_finding_in_check(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashing_rules(
        page: Page, path: str | None = None, *, enabled: frozenset[str] | None = None
    ) -> list[Finding]:
        if _is_victim(path):
            raise ZeroDivisionError("division by zero")
        return check_page(page, path, enabled=enabled)

    reference = ingest.check(corpus, ignore="IG501", jobs=1)
    monkeypatch.setattr("ingest.lint.checker.check_page", crashing_rules)
    report = ingest.check(corpus, ignore="IG501", jobs=1)
    crashed = [f for f in report.findings if _is_victim(f.path)]
    assert [(f.code, f.line, f.message) for f in crashed] == [
        (
            "IG001",
            1,
            "cannot parse the page: internal error, please report: ZeroDivisionError: "
            "division by zero",
        )
    ]
    assert len(report.files) == 5
    others = [f for f in reference.findings if not _is_victim(f.path)]
    assert others  # the comparison below has something to compare
    assert [f for f in report.findings if not _is_victim(f.path)] == others


def test_a_page_whose_pages_row_parquet_rejects_is_failed_after_its_details_were_written(
    corpus: Path,
    tmp_path: Path,
    undisturbed: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pq.ParquetWriter.write_table

    def reject(self: pq.ParquetWriter, table: pa.Table, *args: Any, **kwargs: Any) -> None:
        if "status" in table.column_names and any(
            _is_victim(row["source_path"]) and row["status"] == "ok" for row in table.to_pylist()
        ):
            raise pa.ArrowInvalid("cannot encode this row")
        real(self, table, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", reject)
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    tables = _tables(tmp_path / "out")
    message = "internal error, please report: ArrowInvalid: cannot encode this row"
    assert [(_is_victim(e["source_path"]), e["message"]) for e in tables["errors"]] == [
        (True, message)
    ]
    assert sorted(p["status"] for p in tables["pages"]) == ["failed", "ok", "ok", "ok", "ok"]
    for table in DETAIL_TABLES:  # written before the pages table: the victim's rows stay
        assert tables[table] == undisturbed[table], table
    victim = [f["code"] for f in tables["findings"] if _is_victim(f["source_path"])]
    assert victim.count("IG001") == 1
