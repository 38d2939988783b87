"""``ingest.ingest``: what a run writes, whatever the inputs and however many workers."""

from __future__ import annotations

import os
import re
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import ingest
from ingest.dataset.manifest import read_manifest
from ingest.dataset.outdir import OutputError
from ingest.dataset.read import read_tables
from ingest.dataset.schemas import SCHEMA_VERSION_KEY, TABLE_KEY, TABLES
from ingest.jobs.discover import InputError
from tests.batch.conftest import PAGE_000, PAGE_002, copy_corpus


def _sorted(table: pa.Table) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = table.to_pylist()
    return sorted(rows, key=repr)


def test_output_equals_to_arrow_of_the_same_pages(mixed_folder: Path, tmp_path: Path) -> None:
    ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    written = read_tables(tmp_path / "out")
    items: list[ingest.Page | ingest.ParseError] = []
    for path in sorted(str(p) for p in mixed_folder.rglob("*.txt")):
        try:
            items.append(ingest.parse_file(path))
        except ingest.ParseError as error:
            items.append(error)
    expected = ingest.to_arrow(items)
    for name in ("features", "capabilities", "claims", "findings"):
        assert _sorted(written[name]) == _sorted(expected[name]), name
    # The batch read the bytes of both failed files, so their page ids are set.
    failed = {r["source_path"]: r["page_id"] for r in written["errors"].to_pylist()}
    assert sorted(Path(p).name for p, pid in failed.items() if pid) == ["binary.txt", "empty.txt"]


def test_two_workers_write_the_same_rows_as_one(corpus_folder: Path, tmp_path: Path) -> None:
    for index in range(240):  # enough files for several chunks
        page = PAGE_000 if index % 2 else PAGE_002
        (corpus_folder / f"copy{index:03d}.txt").write_bytes(page.read_bytes())
    one = ingest.ingest([corpus_folder], tmp_path / "one", jobs=1)
    two = ingest.ingest([corpus_folder], tmp_path / "two", jobs=2)
    assert one.tables == two.tables
    assert one.tables["pages"] == 245
    assert len(list((tmp_path / "two" / "pages").glob("part-*.parquet"))) == 3
    first, second = read_tables(tmp_path / "one"), read_tables(tmp_path / "two")
    for name in TABLES:
        assert _sorted(first[name]) == _sorted(second[name]), name


def test_manifest_counts_match_the_files_written(mixed_folder: Path, tmp_path: Path) -> None:
    manifest = ingest.ingest([mixed_folder], tmp_path / "out", jobs=1, glob="*.txt")
    assert read_manifest(tmp_path / "out") == manifest
    assert manifest.inputs == (str(mixed_folder),)
    assert manifest.glob == "*.txt"
    assert manifest.tables == {
        name: pq.read_table(tmp_path / "out" / name).num_rows for name in TABLES
    }
    assert manifest.tables == {
        "pages": 9,
        "subjects": 14,  # two per parsed page
        "artifacts": 6,  # the corpus's six
        "features": 126,
        "capabilities": 79,
        "claims": 33,
        "errors": 2,
        "findings": 13,
    }


def test_every_file_carries_schema_version_and_table(mixed_folder: Path, tmp_path: Path) -> None:
    ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    for name in TABLES:
        parts = sorted((tmp_path / "out" / name).glob("part-*.parquet"))
        assert parts, name
        for part in parts:
            metadata = pq.read_schema(part).metadata
            assert metadata[SCHEMA_VERSION_KEY] == b"2"
            assert metadata[TABLE_KEY] == name.encode()
            layout = pq.ParquetFile(part).metadata
            for group in range(layout.num_row_groups):
                assert layout.row_group(group).column(0).compression == "ZSTD"


def test_oversized_file_is_failed_without_being_read(corpus_folder: Path, tmp_path: Path) -> None:
    manifest = ingest.ingest([corpus_folder], tmp_path / "out", jobs=1, max_bytes=12_000)
    errors = pq.read_table(tmp_path / "out" / "errors").sort_by("source_path").to_pylist()
    assert [(Path(e["source_path"]).name, e["message"], e["page_id"]) for e in errors] == [
        ("000_91da0c470094187d.txt", "file too large: 15784 bytes", None),
        ("001_2e741cea5e3c9ee4.txt", "file too large: 15531 bytes", None),
        ("003_b7000c482674d1d3.txt", "file too large: 14368 bytes", None),
        ("004_60ef58da2206c293.txt", "file too large: 15002 bytes", None),
    ]
    assert errors[0]["expected"] == "at most 12000 bytes (--max-bytes)"
    assert asdict(manifest.status) == {"ok": 1, "partial": 0, "failed": 4}


def test_fifo_is_a_failed_page_not_a_hang(corpus_folder: Path, tmp_path: Path) -> None:
    os.mkfifo(corpus_folder / "pipe.txt")
    manifest = ingest.ingest([corpus_folder], tmp_path / "out", jobs=1)
    errors = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert [(Path(e["source_path"]).name, e["message"]) for e in errors] == [
        ("pipe.txt", "not a regular file")
    ]
    assert manifest.files == 6


def test_explicit_file_arguments_are_taken_whatever_their_name(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE_002.read_bytes())
    manifest = ingest.ingest([page, PAGE_000], tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 2, "partial": 0, "failed": 0}


def test_a_second_run_replaces_the_first(corpus_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = ingest.ingest([corpus_folder], out, jobs=1)
    second = ingest.ingest([PAGE_002], out, jobs=1)
    assert second.run_id != first.run_id
    assert pq.read_table(out / "pages").num_rows == 1
    assert read_manifest(out) == second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_a_failed_run_leaves_the_previous_output_whole(
    corpus_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = ingest.ingest([corpus_folder], out, jobs=1)

    def crash(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ingest.batch.run.write_manifest", crash)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest.ingest([PAGE_002], out, jobs=1)
    assert read_manifest(out) == before
    assert pq.read_table(out / "pages").num_rows == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_leftovers_of_a_killed_run_are_removed(corpus_folder: Path, tmp_path: Path) -> None:
    dead = tmp_path / ".out.partial-999999999-abcd1234"
    (dead / "pages").mkdir(parents=True)
    ingest.ingest([corpus_folder], tmp_path / "out", jobs=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("corpus/out", "the output folder is inside the input folder"),
        ("corpus", "the output folder is inside the input folder"),
        ("stuff", "exists and is not an ingest output (no _manifest.json); refusing"),
        ("stuff/file.txt", "exists and is not a folder"),
    ],
)
def test_unusable_output_folder_is_refused(
    corpus_folder: Path, tmp_path: Path, out: str, message: str
) -> None:
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "file.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match=re.escape(message)):
        ingest.ingest([corpus_folder], tmp_path / out, jobs=1)
    assert (tmp_path / "stuff" / "file.txt").read_text(encoding="utf-8") == "keep me"


def test_an_input_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest.ingest([PAGE_002], out, jobs=1)
    (out / "page.txt").write_bytes(PAGE_002.read_bytes())
    with pytest.raises(OutputError, match="the output folder contains the input"):
        ingest.ingest([out / "page.txt"], out, jobs=1)


def test_no_input_files_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=re.escape("no files matching '*.txt' under")):
        ingest.ingest([tmp_path / "empty"], tmp_path / "out")
    with pytest.raises(InputError, match="no input paths given"):
        ingest.ingest([], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_drift_across_pages_is_found_at_the_end(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "pages")
    text = PAGE_002.read_text(encoding="utf-8")
    drifted = text.replace(
        "| UnfragileRank | 42/100 | 42/100 |", "| UnfragileRank | 45/100 | 42/100 |"
    )
    assert drifted != text
    (folder / "zz_drifted.txt").write_text(drifted, encoding="utf-8")
    manifest = ingest.ingest([folder], tmp_path / "out", jobs=1)
    findings = pq.read_table(tmp_path / "out" / "findings" / "part-drift.parquet").to_pylist()
    assert [
        (Path(f["source_path"]).name, f["code"], f["line"], f["subject"]) for f in findings
    ] == [
        ("000_91da0c470094187d.txt", "IG501", 6, "rorshark-vit-base"),
        ("002_9e1b73b20691a311.txt", "IG501", 6, "rorshark-vit-base"),
        ("zz_drifted.txt", "IG501", 6, "rorshark-vit-base"),
    ]
    assert manifest.tables["findings"] == 7 + 3 + 3
    checked = ingest.check([folder], select="IG501", jobs=1)
    as_checked = [  # `ingest check` JSON keeps `path`; the table names it source_path
        {("path" if k == "source_path" else k): v for k, v in f.items() if k != "file_id"}
        for f in findings
    ]
    assert [f.model_dump() for f in checked.findings] == as_checked


def test_drift_over_many_part_files_equals_the_checker(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "pages")
    original = PAGE_000.read_text(encoding="utf-8")
    for index in range(300):
        text = original
        if index % 100 == 99:  # three pages, in three different chunks, show another rank
            text = original.replace(
                "| UnfragileRank | 42/100 |", f"| UnfragileRank | {50 + index // 100}/100 |"
            )
        (folder / f"copy{index:03d}.txt").write_text(text, encoding="utf-8")
    manifest = ingest.ingest([folder], tmp_path / "out", jobs=2)
    assert len(list((tmp_path / "out" / "pages").glob("part-0*.parquet"))) > 2
    findings = pq.read_table(tmp_path / "out" / "findings" / "part-drift.parquet").to_pylist()
    checked = ingest.check([folder], select="IG501", jobs=1)
    assert [
        {("path" if k == "source_path" else k): v for k, v in f.items() if k != "file_id"}
        for f in findings
    ] == [f.model_dump() for f in checked.findings]
    assert len(findings) == 302  # rorshark-vit-base on every page: 300 copies, 000 and 002
    page_level = sum(pq.read_table(tmp_path / "out" / "pages")["n_findings"].to_pylist())
    assert manifest.tables["findings"] == page_level + len(findings)


def test_a_parser_crash_is_a_failed_page_and_the_batch_goes_on(
    corpus_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.page.records import Page as PageRecord
    from ingest.parse.api import parse_record

    real = parse_record

    def crash_on_002(
        data: bytes, source: str | None = None, *, recover: bool = False
    ) -> PageRecord:
        if source is not None and source.endswith("002_9e1b73b20691a311.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(data, source, recover=recover)

    monkeypatch.setattr("ingest.batch.worker.parse_record", crash_on_002)
    manifest = ingest.ingest([corpus_folder], tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    errors = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert [e["message"] for e in errors] == ["internal error, please report: RuntimeError: boom"]


def test_a_file_name_that_is_not_utf8_is_kept_printable(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(PAGE_002.read_bytes())
    manifest = ingest.ingest([folder], tmp_path / "out", jobs=1)
    assert asdict(manifest.status) == {"ok": 1, "partial": 0, "failed": 0}
    shown = str(folder / "bad\\xff.txt")
    assert pq.read_table(tmp_path / "out" / "pages")["source_path"].to_pylist() == [shown]
    assert set(pq.read_table(tmp_path / "out" / "findings")["source_path"].to_pylist()) == {shown}
