"""``ingest diff`` and ``ingest.diff``: exactly the changes made between two crawls."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import ingest
from tests.batch.conftest import CORPUS, copy_corpus

INGEST = str(Path(sys.executable).parent / "ingest")
PAGE_001, PAGE_003, PAGE_004 = (
    "001_2e741cea5e3c9ee4.txt",
    "003_b7000c482674d1d3.txt",
    "004_60ef58da2206c293.txt",
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def crawls(tmp_path: Path) -> tuple[Path, Path]:
    """The corpus, and a copy with three edits: page 001's vit-base-patch16-224 moved from
    51/100 to 53/100 (table, summary and verdict alike), page 003's mobilevit-small Free ->
    Paid, page 004 removed."""
    old, new = copy_corpus(tmp_path / "old"), copy_corpus(tmp_path / "new")
    _edit(new / PAGE_001, "51/100", "53/100")
    _edit(new / PAGE_003, "| Pricing | Free | Free |", "| Pricing | Paid | Free |")
    (new / PAGE_004).unlink()
    ingest.ingest([old], tmp_path / "old-out", jobs=1)
    ingest.ingest([new], tmp_path / "new-out", jobs=1)
    return tmp_path / "old-out", tmp_path / "new-out"


def test_three_edits_are_exactly_three_changes(crawls: tuple[Path, Path]) -> None:
    result = ingest.diff(*crawls)
    rows = [
        (r["change_type"], r["entity"], r["page_key"], r["side"], r["subject"], r["changed"])
        for r in result.rows()
    ]
    assert rows == [
        ("delete", "page", PAGE_004, None, None, None),
        ("update_preimage", "subject", PAGE_001, "a", "vit-base-patch16-224", ["rank"]),
        ("update_postimage", "subject", PAGE_001, "a", "vit-base-patch16-224", ["rank"]),
        ("update_preimage", "subject", PAGE_003, "a", "mobilevit-small", ["pricing"]),
        ("update_postimage", "subject", PAGE_003, "a", "mobilevit-small", ["pricing"]),
    ]
    values = [(r["rank"], r["pricing"]) for r in result.rows()[1:]]
    assert values == [(51.0, "Free"), (53.0, "Free"), (47.0, "Free"), (47.0, "Paid")]
    assert result.counts() == {
        "pages_added": 0,
        "pages_removed": 1,
        "subjects_changed": 2,
        "subjects_added": 0,
        "subjects_removed": 0,
        "findings_new": 0,
        "findings_fixed": 0,
    }


def test_text_and_exit_code_like_git_diff(crawls: tuple[Path, Path]) -> None:
    old, new = map(str, crawls)
    result = subprocess.run(
        [INGEST, "diff", old, new, "--exit-code"], capture_output=True, text=True
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"- page {PAGE_004}",
        f"~ {PAGE_001} a vit-base-patch16-224: rank 51 -> 53",
        f"~ {PAGE_003} a mobilevit-small: pricing Free -> Paid",
        "0 pages added, 1 removed, 2 page sides changed; 0 findings new, 0 fixed",
    ]
    same = subprocess.run([INGEST, "diff", old, old, "--exit-code"], capture_output=True, text=True)
    assert same.returncode == 0
    plain = subprocess.run([INGEST, "diff", old, new], capture_output=True, text=True)
    assert plain.returncode == 0  # without --exit-code, changes are not a failure


def test_json_and_parquet_hold_the_same_change_rows(
    crawls: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = map(str, crawls)
    shown = subprocess.run(
        [INGEST, "diff", old, new, "--format", "json"], capture_output=True, text=True
    )
    data = json.loads(shown.stdout)
    assert data["changes"] == ingest.diff(old, new).rows()
    assert data["pages_removed"] == 1
    written = subprocess.run(
        [INGEST, "diff", old, new, "--format", "parquet", "-o", str(tmp_path / "changes")],
        capture_output=True,
        text=True,
    )
    assert written.stdout == f"5 changes -> {tmp_path / 'changes' / 'changes.parquet'}\n"
    assert pq.read_table(tmp_path / "changes" / "changes.parquet").to_pylist() == data["changes"]


def test_a_finding_fixed_and_a_page_added_are_reported(tmp_path: Path) -> None:
    old, new = copy_corpus(tmp_path / "old"), copy_corpus(tmp_path / "new")
    _edit(new / "002_9e1b73b20691a311.txt", "| Quality | 0 | 0 |", "| Quality | 0 | 1 |")
    (new / "zz_new.txt").write_bytes((new / PAGE_004).read_bytes())
    ingest.ingest([old], tmp_path / "old-out", jobs=1)
    ingest.ingest([new], tmp_path / "new-out", jobs=1)
    rows = [
        (r["change_type"], r["entity"], r["page_key"], r["code"])
        for r in ingest.diff(tmp_path / "old-out", tmp_path / "new-out").rows()
    ]
    assert rows == [
        ("insert", "page", "zz_new.txt", None),
        ("delete", "finding", "002_9e1b73b20691a311.txt", "IG202"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["{old}", "{new}"],
            "ingest: error: {new}: written with schema version 1, this ingest reads 2: "
            "parse the pages again",
        ),
        (
            ["{old}", "{tmp}/nope"],
            "ingest: error: {tmp}/nope: not an ingest output (no _manifest.json)",
        ),
        (
            ["{old}", "{old}", "--format", "parquet"],
            "ingest: error: --format parquet needs -o DIR "
            "(the folder to write changes.parquet into)",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    crawls: tuple[Path, Path], tmp_path: Path, args: list[str], message: str
) -> None:
    manifest = crawls[1] / "_manifest.json"  # NEW_OUT as an older ingest wrote it
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "schema_version": "1"}), encoding="utf-8")
    filled = [a.format(old=crawls[0], new=crawls[1], tmp=tmp_path) for a in args]
    result = subprocess.run([INGEST, "diff", *filled], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == message.format(new=crawls[1], tmp=tmp_path) + "\n"


def test_parse_records_the_crawl_date(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    result = subprocess.run(
        [INGEST, "parse", str(folder), "-o", str(tmp_path / "out"), "--as-of", "2026-11-30", "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert ingest.dataset.manifest.read_manifest(tmp_path / "out").as_of == "2026-11-30"


def test_the_crawl_date_is_in_every_pages_row_and_defaults_to_today(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    (folder / "empty.txt").write_bytes(b"")
    ingest.ingest([folder], tmp_path / "dated", jobs=1, as_of=datetime.date(2026, 11, 30))
    dated = pq.read_table(tmp_path / "dated" / "pages")
    assert set(dated["as_of"].to_pylist()) == {datetime.date(2026, 11, 30)}  # failed row too
    manifest = ingest.ingest([folder], tmp_path / "today", jobs=1)
    assert manifest.as_of == datetime.datetime.now(datetime.UTC).date().isoformat()
    today = pq.read_table(tmp_path / "today" / "pages")["as_of"].to_pylist()
    assert {day.isoformat() for day in today} == {manifest.as_of}


def test_pages_keyed_by_slug_match_wherever_the_crawl_put_them(tmp_path: Path) -> None:
    text = (CORPUS / PAGE_001).read_text(encoding="utf-8")
    (tmp_path / "old" / "2026-11").mkdir(parents=True)
    (tmp_path / "new" / "2026-12" / "deep").mkdir(parents=True)
    name = "vit-base-patch16-224-vs-flux-1-pro.txt"
    (tmp_path / "old" / "2026-11" / name).write_text(text, encoding="utf-8")
    moved = text.replace("51/100", "53/100")
    (tmp_path / "new" / "2026-12" / "deep" / name).write_text(moved, encoding="utf-8")
    ingest.ingest([tmp_path / "old"], tmp_path / "old-out", jobs=1)
    ingest.ingest([tmp_path / "new"], tmp_path / "new-out", jobs=1)
    by_path = ingest.diff(tmp_path / "old-out", tmp_path / "new-out")
    assert by_path.counts()["pages_added"] == 1 and by_path.counts()["pages_removed"] == 1
    by_slug = ingest.diff(tmp_path / "old-out", tmp_path / "new-out", key_by="slug")
    assert [(r["change_type"], r["page_key"], r["rank"]) for r in by_slug.rows()] == [
        ("update_preimage", "vit-base-patch16-224-vs-flux-1-pro", 51.0),
        ("update_postimage", "vit-base-patch16-224-vs-flux-1-pro", 53.0),
    ]
