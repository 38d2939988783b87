"""``ingest summary``: counts, problems and the artifacts that disagree, from the tables."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from ingest.cli.summary import CSV_COLUMNS
from tests.batch.conftest import CORPUS, copy_corpus

INGEST = str(Path(sys.executable).parent / "ingest")


@pytest.fixture
def drifted_out(tmp_path: Path) -> Path:
    """The corpus, a copy of page 002 whose rorshark-vit-base is at 45/100, and an empty file."""
    folder = copy_corpus(tmp_path / "pages")
    text = (CORPUS / "002_9e1b73b20691a311.txt").read_text(encoding="utf-8")
    drifted = text.replace(
        "| UnfragileRank | 42/100 | 42/100 |", "| UnfragileRank | 45/100 | 42/100 |"
    )
    (folder / "zz_drifted.txt").write_text(drifted, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    ingest.ingest([folder], tmp_path / "out", jobs=1)
    return tmp_path / "out"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([INGEST, "summary", *args], capture_output=True, text=True)


def test_text_shows_counts_problems_and_the_disagreeing_artifact(drifted_out: Path) -> None:
    result = _run(str(drifted_out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("7 files: 6 ok, 0 partial, 1 failed in ")
    empty = drifted_out.parent / "pages" / "empty.txt"
    assert lines[1:6] == [
        "status: ok 6, partial 0, failed 1",
        "findings by rule: IG202 6, IG501 3, IG102 2, IG104 2, IG001 1",
        f"failed: {empty}:1:1: empty file",
        "artifacts whose figures disagree across pages: 1, 1 shown",
        "  rorshark-vit-base|model: 3 pages, rank 42-45, pricing Free, capabilities 6",
    ]


def test_json_has_every_part(drifted_out: Path) -> None:
    result = _run(str(drifted_out), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == {"ok": 6, "partial": 0, "failed": 1}
    assert data["rules"][0] == {
        "code": "IG202",
        "name": "lead-on-tie",
        "severity": "warning",
        "count": 6,
    }
    assert [(p["status"], p["message"]) for p in data["problems"]] == [("failed", "empty file")]
    assert [(a["artifact_key"], a["rank_spread"]) for a in data["artifacts"]] == [
        ("rorshark-vit-base|model", 3.0)
    ]


def test_csv_lists_artifacts_sorted_and_filtered(drifted_out: Path) -> None:
    result = _run(
        str(drifted_out),
        "--format",
        "csv",
        "--all-artifacts",
        "--sort",
        "pages",
        "--min-pages",
        "2",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(CSV_COLUMNS)
    assert [(r[0], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows[1:]] == [
        ("flux.1 pro|model", "4", "58.0", "58.0", "0.0", "Free", "13"),
        ("rorshark-vit-base|model", "3", "42.0", "45.0", "3.0", "Free", "6"),
        ("stable diffusion|model", "2", "42.0", "42.0", "0.0", "Paid", "4"),
    ]
    by_type = _run(str(drifted_out), "--format", "csv", "--all-artifacts", "--type", "product")
    assert by_type.stdout.splitlines()[1:] == []


def test_an_output_of_another_schema_version_is_one_line_and_exit_2(drifted_out: Path) -> None:
    manifest = drifted_out / "_manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "schema_version": "1"}), encoding="utf-8")
    result = _run(str(drifted_out))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"ingest: error: {drifted_out}: written with schema version 1, this ingest reads 2: "
        "parse the pages again\n"
    )
