"""`ingest.check`: inputs, parallel runs, selection, severity, baseline and the Report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ingest
from ingest.jobs.discover import InputError
from ingest.lint import Baseline, BaselineError, Report
from ingest.lint.checker import INLINE_FILES
from ingest.rules import UnknownRuleError
from tests.rules.paths import CONSISTENT, CORPUS, PAGE_000, PAGE_002, ROOT


def test_check_accepts_parsed_pages_and_files_together() -> None:
    page = ingest.parse_file(PAGE_002)
    report = ingest.check([page, PAGE_000, CONSISTENT])
    assert report.files == [str(PAGE_002), str(PAGE_000), str(CONSISTENT)]
    assert report.flatten(["path", "line", "code"]) == [
        [str(PAGE_000), 60, "IG202"],
        [str(PAGE_002), 2, "IG104"],
        [str(PAGE_002), 47, "IG104"],
        [str(PAGE_002), 47, "IG202"],
    ]


def test_a_page_without_source_is_named_by_its_id() -> None:
    page = ingest.parse_text(PAGE_002.read_text("utf-8"))
    report = ingest.check(page, select="IG104")
    assert {f.path for f in report.findings} == {f"<page {page.page_id[:12]}>"}


def test_parallel_check_equals_inline_check(tmp_path: Path) -> None:
    pages = sorted(CORPUS.glob("*.txt"))
    for index in range(INLINE_FILES + 44):
        folder = tmp_path / f"d{index % 7}"
        folder.mkdir(exist_ok=True)
        shutil.copy(pages[index % len(pages)], folder / f"p{index:03}.txt")
    (tmp_path / "d0" / "bad.txt").write_text("not a page\n")
    inline = ingest.check(tmp_path, jobs=1)
    parallel = ingest.check(tmp_path, jobs=2)
    assert parallel == inline
    assert parallel.stats["files"] == INLINE_FILES + 45
    assert parallel.findings[0].code == "IG001"


def test_severity_override_changes_the_findings_and_the_verdict() -> None:
    plain = ingest.check(PAGE_000)
    assert not plain.failed() and plain.failed("warning")
    strict = ingest.check(PAGE_000, severity={"ig202": "error"})
    assert [f.severity for f in strict.findings] == ["error"]
    assert strict.failed()


def test_unknown_codes_and_missing_paths_raise_value_errors() -> None:
    with pytest.raises(UnknownRuleError):
        ingest.check(PAGE_000, select="IG7")
    with pytest.raises(UnknownRuleError):
        ingest.check(PAGE_000, severity={"IG7": "error"})
    with pytest.raises(InputError, match="no such file or directory"):
        ingest.check(ROOT / "no-such-folder")
    with pytest.raises(BaselineError):
        ingest.check(PAGE_000, baseline=ROOT / "no-such-baseline.json")


def test_baseline_object_or_file_drops_known_findings(tmp_path: Path) -> None:
    report = ingest.check(CORPUS)
    baseline = Baseline.from_findings(report.findings[:3])
    rest = ingest.check(CORPUS, baseline=baseline)
    assert rest.findings == report.findings[3:]
    assert rest.baselined == 3
    baseline.write(tmp_path / "b.json")
    assert ingest.check(CORPUS, baseline=tmp_path / "b.json") == rest


def test_report_valid_stats_flatten_and_counts() -> None:
    report = ingest.check(PAGE_002)
    assert not report.valid
    assert report.stats == {"files": 1, "findings": 3, "errors": 2, "warnings": 1, "baselined": 0}
    assert report.flatten(["line", "code", "subject"]) == [
        [2, "IG104", "rorshark-vit-base"],
        [47, "IG104", "rorshark-vit-base"],
        [47, "IG202", "Stable Diffusion"],
    ]
    assert [(c.code, c.count) for c in report.counts()] == [("IG104", 2), ("IG202", 1)]
    assert Report(findings=[], files=["x"]).valid


def test_drift_is_skipped_when_not_selected(tmp_path: Path) -> None:
    text = CONSISTENT.read_text("utf-8")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(
        text.replace("| Pricing | Free | Free |", "| Pricing | Free | Paid |")
    )
    assert [f.code for f in ingest.check(tmp_path).findings] == ["IG501", "IG501"]
    assert ingest.check(tmp_path, ignore="IG5").valid


def test_a_parser_bug_is_an_ig001_finding_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: str, **options: object) -> ingest.Page:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("ingest.lint.checker.parse_file_record", broken)
    [finding] = ingest.check(PAGE_000, jobs=1).findings
    assert (finding.code, finding.path, finding.line) == ("IG001", str(PAGE_000), 1)
    assert finding.message == (
        "cannot parse the page: internal error, please report: RecursionError: "
        "maximum recursion depth exceeded"
    )
