"""The issue's acceptance folder: nine files in, nine pages rows out, nothing lost."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from click.testing import CliRunner

import ingest
from ingest.cli import main
from tests.batch.conftest import PAGE_002


def test_every_input_file_is_one_pages_row(mixed_folder: Path, tmp_path: Path) -> None:
    manifest = ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    pages = pq.read_table(tmp_path / "out" / "pages").to_pylist()
    found = sorted(Path(row["source_path"]).relative_to(mixed_folder).as_posix() for row in pages)
    assert found == [
        "000_91da0c470094187d.txt",
        "001_2e741cea5e3c9ee4.txt",
        "002_9e1b73b20691a311.txt",
        "003_b7000c482674d1d3.txt",
        "004_60ef58da2206c293.txt",
        "binary.txt",
        "empty.txt",
        "nested/copy.txt",
        "truncated.txt",
    ]
    assert Counter(row["status"] for row in pages) == {"ok": 6, "partial": 1, "failed": 2}
    assert manifest.files == 9
    assert asdict(manifest.status) == {"ok": 6, "partial": 1, "failed": 2}
    assert manifest.exit_code == 1


def test_failed_files_have_located_errors(mixed_folder: Path, tmp_path: Path) -> None:
    ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    errors = pq.read_table(tmp_path / "out" / "errors").sort_by("source_path").to_pylist()
    located = [
        (Path(e["source_path"]).name, e["line"], e["column"], e["message"], e["expected"])
        for e in errors
    ]
    assert located == [
        ("binary.txt", 3, 1, "binary data: NUL byte", "UTF-8 text"),
        ("empty.txt", 1, 1, "empty file", "a comparison page"),
    ]


def test_truncated_page_is_partial_with_its_capabilities(
    mixed_folder: Path, tmp_path: Path
) -> None:
    ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    tables = ingest.load(tmp_path / "out")
    pages = tables["pages"]
    row = pages[pages["source_path"].str.endswith("truncated.txt")].iloc[0]
    assert (row["status"], row["complete"]) == ("partial", False)
    assert pd.isna(row["verdict_winner"])
    assert (row["subject_a"], row["declared_a"], row["listed_a"]) == ("rorshark-vit-base", 6, 4)
    assert pd.isna(row["listed_b"])
    caps = tables["capabilities"]
    mine = caps[caps["source_path"] == row["source_path"]]
    assert list(zip(mine["side"], mine["ordinal"], mine["line"], strict=True)) == [
        ("a", 1, 15),
        ("a", 2, 18),
        ("a", 3, 21),
        ("a", 4, 24),
    ]


def test_nested_copy_shares_the_page_id_of_its_original(mixed_folder: Path, tmp_path: Path) -> None:
    ingest.ingest([mixed_folder], tmp_path / "out", jobs=1)
    pages = pq.read_table(tmp_path / "out" / "pages", columns=["source_path", "page_id"])
    ids = {Path(p).name: i for p, i in zip(*pages.to_pydict().values(), strict=True)}
    assert ids["copy.txt"] == ids["002_9e1b73b20691a311.txt"]
    assert ids["copy.txt"] == hashlib.sha256(PAGE_002.read_bytes()).hexdigest()


def test_parse_command_exits_1_and_prints_one_summary_line(
    mixed_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["parse", str(mixed_folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("9 files: 6 ok, 1 partial, 2 failed in ")
    assert lines[0].endswith(f" pages/s) -> {out}")
    assert pq.read_table(out / "pages").num_rows == 9
