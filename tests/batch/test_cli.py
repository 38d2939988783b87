"""``ingest parse`` and ``ingest summary``: exit codes, one-line errors, the summary line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest
from ingest.cli import main
from tests.batch.conftest import PAGE_002

SUMMARY = re.compile(
    r"(?P<files>\d+) files: (?P<ok>\d+) ok, (?P<partial>\d+) partial, (?P<failed>\d+) failed "
    r"in \d+\.\d\d s \([\d,]+ pages/s\) -> (?P<out>.+)"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), prog_name="ingest")
    return result.exit_code, result.stdout, result.stderr


def test_clean_folder_exits_0(corpus_folder: Path, tmp_path: Path) -> None:
    code, stdout, stderr = _run("parse", str(corpus_folder), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 0
    match = SUMMARY.fullmatch(stdout.rstrip("\n"))
    assert match is not None
    assert match.group("files", "ok", "partial", "failed", "out") == (
        "5",
        "5",
        "0",
        "0",
        str(tmp_path / "out"),
    )
    assert stderr == ""


def test_quiet_still_prints_the_summary_line(corpus_folder: Path, tmp_path: Path) -> None:
    code, stdout, _ = _run("parse", str(corpus_folder), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 0
    assert SUMMARY.fullmatch(stdout.rstrip("\n")) is not None


def test_glob_and_max_bytes_reach_the_run(corpus_folder: Path, tmp_path: Path) -> None:
    (corpus_folder / "page.md").write_bytes(PAGE_002.read_bytes())
    out = tmp_path / "out"
    code, stdout, _ = _run(
        "parse", str(corpus_folder), "-o", str(out), "--glob", "*.md", "--max-bytes", "100"
    )
    assert code == 1
    assert stdout.startswith("1 file: 0 ok, 0 partial, 1 failed in ")
    errors = ingest.load(out)["errors"]
    assert list(errors["message"]) == ["file too large: 11205 bytes"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["parse", "{tmp}/nope", "-o", "{tmp}/out"],
            "ingest: error: {tmp}/nope: no such file or directory",
        ),
        (["parse", "{tmp}/corpus"], "ingest: error: ingest parse: Missing option '-o' / '--out'."),
        (
            ["parse", "{tmp}/corpus", "-o", "{tmp}/corpus/out"],
            "ingest: error: {tmp}/corpus/out: the output folder is inside the input folder "
            "{tmp}/corpus",
        ),
        (
            ["parse", "{tmp}/corpus", "-o", "{tmp}/out", "--jobs", "0"],
            "ingest: error: ingest parse: Invalid value for '-j' / '--jobs': "
            "0 is not in the range x>=1.",
        ),
        (["parse", "-o", "{tmp}/out"], "ingest: error: ingest parse: Missing argument 'PATH...'."),
        (
            ["summary", "{tmp}/corpus"],
            "ingest: error: {tmp}/corpus: not an ingest output (no _manifest.json)",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    corpus_folder: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    code, stdout, stderr = _run(*(arg.format(tmp=tmp_path) for arg in args))
    assert code == 2
    assert stdout == ""
    assert stderr == message.format(tmp=tmp_path) + "\n"


def test_summary_shows_subjects_ranks_and_status(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run("parse", str(mixed_folder), "-o", str(out))
    code, stdout, _ = _run("summary", str(out), "--limit", "3")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].startswith("9 files: 6 ok, 1 partial, 2 failed in ")
    body = [re.sub(r"\s*│\s*", "|", line).strip("|") for line in lines if line.startswith("│")]
    assert body == [
        "000_91da0c470094187d.txt|ok|rorshark-vit-base|42|FLUX.1 Pro|58|1",
        "001_2e741cea5e3c9ee4.txt|ok|vit-base-patch16-224|51|FLUX.1 Pro|58|1",
        "002_9e1b73b20691a311.txt|ok|rorshark-vit-base|42|Stable Diffusion|42|3",
    ]
    assert lines[-1] == "... 6 more pages"
