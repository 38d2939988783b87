"""``ingest report`` and ``ingest parse --report``: what they write, exit codes, one-line errors."""

from __future__ import annotations

import builtins
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ingest
from ingest.cli import main
from tests.htmlreport.conftest import CORPUS, Built

WROTE = re.compile(r"wrote (?P<path>.+) \(\d+\.\d MB\) in \d+\.\d s")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), prog_name="ingest")
    return result.exit_code, result.stdout, result.stderr


def test_report_writes_the_file_and_says_where(corpus_report: Built, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, stdout, stderr = run("report", str(corpus_report.out), "-o", str(target), "--title", "Q3")
    assert (code, stderr) == (0, "")
    match = WROTE.fullmatch(stdout.rstrip("\n"))
    assert match is not None and match.group("path") == str(target)
    html = target.read_text(encoding="utf-8")
    assert "<title>Q3</title>" in html and "<h1>Q3</h1>" in html


def test_report_title_is_escaped(corpus_report: Built, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, _, _ = run("report", str(corpus_report.out), "-o", str(target), "--title", "<b>&")
    assert code == 0
    assert "<title>&lt;b&gt;&amp;</title>" in target.read_text(encoding="utf-8")


def test_report_of_a_folder_that_is_not_an_output_exits_2(tmp_path: Path) -> None:
    assert run("report", str(tmp_path)) == (
        2,
        "",
        f"ingest: error: {tmp_path}: not an ingest output (no _manifest.json)\n",
    )


def test_against_a_folder_that_is_not_an_output_exits_2(corpus_report: Built) -> None:
    code, stdout, stderr = run(
        "report", str(corpus_report.out), "-o", "/dev/null", "--against", str(CORPUS)
    )
    assert (code, stdout) == (2, "")
    assert stderr == f"ingest: error: {CORPUS}: not an ingest output (no _manifest.json)\n"


def test_output_in_a_missing_folder_exits_2(corpus_report: Built, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "r.html"
    assert run("report", str(corpus_report.out), "-o", str(target)) == (
        2,
        "",
        f"ingest: error: {target}: {tmp_path / 'nope'} is not an existing folder\n",
    )


def test_output_that_is_a_folder_exits_2(corpus_report: Built, tmp_path: Path) -> None:
    assert run("report", str(corpus_report.out), "-o", str(tmp_path)) == (
        2,
        "",
        f"ingest: error: {tmp_path}: is a folder (expected the path of the HTML file to write)\n",
    )


def test_a_write_that_fails_exits_3(
    corpus_report: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, *args: Any, **kwargs: Any) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    target = tmp_path / "r.html"
    assert run("report", str(corpus_report.out), "-o", str(target)) == (
        3,
        "",
        f"ingest: error: {target}: cannot write the report (No space left on device)\n",
    )
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_missing_extra_is_one_line_and_exit_2(
    corpus_report: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def without_altair(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "altair" or name.startswith("ingest.htmlreport"):
            raise ModuleNotFoundError(f"No module named {name!r}", name="altair")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_altair)
    assert run("report", str(corpus_report.out)) == (
        2,
        "",
        "ingest: error: ingest report needs altair, which is not installed "
        "(pip install 'ingest[report]')\n",
    )


def test_parse_report_writes_out_report_html_and_a_rerun_replaces_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):  # report.html inside OUT does not make OUT foreign to the next run
        code, stdout, stderr = run("parse", str(CORPUS), "-o", str(out), "-j", "1", "--report")
        assert (code, stderr) == (0, "")
        assert stdout.splitlines()[1] == f"report -> {out / 'report.html'}"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="run-files" data-count="5"' in html


def test_report_function_matches_the_command(corpus_report: Built, tmp_path: Path) -> None:
    by_function = ingest.report(corpus_report.out, tmp_path / "f.html", title="T")
    run("report", str(corpus_report.out), "-o", str(tmp_path / "c.html"), "--title", "T")
    # The minute it was written, and the ids vl-convert numbers across a process.
    strip = re.compile(r"report written [^·]+ by|gradient_\d+")
    assert strip.sub("", by_function.read_text(encoding="utf-8")) == strip.sub(
        "", (tmp_path / "c.html").read_text(encoding="utf-8")
    )
