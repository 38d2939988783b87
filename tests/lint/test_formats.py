"""Output formats: json, text, github escaping, SARIF and JUnit structure, from one report."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

import ingest
from ingest.lint import Report, render, render_statistics
from ingest.lint.formats import escape_data, escape_property, render_github
from ingest.lint.sarif import FINGERPRINT_KEY, render_sarif
from ingest.page.findings import Finding
from ingest.rules import RULES
from tests.rules.paths import CONSISTENT, ROOT


@pytest.fixture
def corpus_report(monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(ROOT)
    return ingest.check("corpus", jobs=1)


def _finding(message: str, path: str = "pages/a,b:c.txt") -> Finding:
    return RULES["IG104"].finding(
        path=path,
        line=3,
        column=7,
        page_id="abc",
        subject="X",
        feature="UnfragileRank",
        claim="X ranks higher",
        winner="X",
        rank=message,
    )


def test_json_is_the_list_of_findings_with_exactly_their_fields(corpus_report: Report) -> None:
    data = json.loads(render(corpus_report, "json"))
    assert data == [f.model_dump(mode="json") for f in corpus_report.findings]
    assert set(data[0]) == {
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "message",
        "page_id",
        "subject",
        "feature",
    }


def test_text_lines_then_summary(corpus_report: Report) -> None:
    lines = render(corpus_report, "text").splitlines()
    assert lines[0].startswith("corpus/000_91da0c470094187d.txt:60:138: IG202 [warning] '")
    assert lines[-1] == "Found 7 findings (2 errors, 5 warnings) in 5 files."
    assert len(lines) == 8


def test_text_of_a_clean_run() -> None:
    report = ingest.check(CONSISTENT)
    assert render(report, "text") == "No findings in 1 file.\n"


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_command_per_finding_with_relative_escaped_path(tmp_path: Path) -> None:
    finding = _finding("50%\nfor both", path=str(tmp_path / "pages" / "a,b:c.txt"))
    report = Report(findings=[finding], files=[finding.path])
    assert render_github(report, cwd=str(tmp_path)) == (
        "::error file=pages/a%2Cb%3Ac.txt,line=3,col=7,title=IG104::'X ranks higher' names X "
        "the winner, but the table's UnfragileRank is 50%25%0Afor both for both\n"
        "Found 1 finding (1 error, 0 warnings) in 1 file.\n"
    )


def test_github_warning_uses_the_warning_command(corpus_report: Report) -> None:
    first = render(corpus_report, "github").splitlines()[0]
    assert first.startswith(
        "::warning file=corpus/000_91da0c470094187d.txt,line=60,col=138,title=IG202::'FLUX.1 Pro"
    )


def test_sarif_lists_every_rule_and_locates_every_result(corpus_report: Report) -> None:
    log = json.loads(render(corpus_report, "sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert rules[9]["name"] == "winner-on-tie"
    assert rules[9]["defaultConfiguration"] == {"level": "error"}
    assert "What it does" in rules[9]["help"]["text"]
    results = run["results"]
    assert len(results) == 7
    tie = results[2]
    assert tie["ruleId"] == "IG104"
    assert rules[tie["ruleIndex"]]["id"] == "IG104"
    assert tie["level"] == "error"
    assert tie["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "corpus/002_9e1b73b20691a311.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 1},
    }
    assert tie["properties"]["subject"] == "rorshark-vit-base"
    assert run["columnKind"] == "unicodeCodePoints"
    fingerprints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(set(fingerprints)) == 7


def test_sarif_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    page = (ROOT / "corpus" / "002_9e1b73b20691a311.txt").read_text("utf-8")
    target = tmp_path / "page.txt"
    target.write_text(page)
    before = render_sarif(ingest.check(target), cwd=str(tmp_path))
    target.write_text(page.replace("\n", "\n\n\n\n", 1))  # 3 blank lines after the title
    after = render_sarif(ingest.check(target), cwd=str(tmp_path))
    lines = [
        [
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in log["runs"][0]["results"]
        ]
        for log in (before, after)
    ]
    assert lines == [[2, 47, 47], [5, 50, 50]]
    prints = [
        [r["partialFingerprints"] for r in log["runs"][0]["results"]] for log in (before, after)
    ]
    assert prints[0] == prints[1]


def test_junit_has_a_suite_per_file_and_a_case_per_rule(corpus_report: Report) -> None:
    root = ElementTree.fromstring(render(corpus_report, "junit"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == (str(5 * len(RULES)), "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"corpus/{p.name}" for p in sorted((ROOT / "corpus").glob("*.txt"))
    ]
    assert [s.get("failures") for s in suites] == ["0", "0", "1", "0", "0"]
    case = suites[2].findall("testcase")[list(RULES).index("IG104")]
    assert (case.get("name"), case.get("classname")) == (
        "IG104 winner-on-tie",
        "corpus.002_9e1b73b20691a311",
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "IG104"
    assert failure.text is not None
    assert failure.text.startswith("corpus/002_9e1b73b20691a311.txt:2:1: IG104 [error] ")


def test_junit_clean_file_has_only_passing_cases() -> None:
    root = ElementTree.fromstring(render(ingest.check(CONSISTENT), "junit"))
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == (str(len(RULES)), "0")
    assert [case.find("failure") for case in suite.findall("testcase")] == [None] * len(RULES)


def test_statistics_count_per_rule(corpus_report: Report) -> None:
    assert render_statistics(corpus_report).splitlines() == [
        "     5  IG202  [warning]  lead-on-tie",
        "     2  IG104  [error]    winner-on-tie",
        "Found 7 findings (2 errors, 5 warnings) in 5 files.",
    ]
    assert json.loads(render_statistics(corpus_report, "json")) == [
        {"code": "IG202", "name": "lead-on-tie", "severity": "warning", "count": 5},
        {"code": "IG104", "name": "winner-on-tie", "severity": "error", "count": 2},
    ]
