"""Output semantics (issue 15): JUnit against its schema and `--fail-on`, GitLab, JSON lines,
GitHub's closing line and job summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from click.testing import CliRunner, Result

from ingest.cli import main
from tests.paths import ROOT

SCHEMAS = Path(__file__).resolve().parent / "schemas"
JUNIT = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Page 000 (one IG202 warning) and a file that is not a page, as `p/`."""
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / "000_91da0c470094187d.txt", folder / "a.v1.txt")
    (folder / "bad.txt").write_text("not a page\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _cases(xml: str) -> dict[tuple[str, str], ElementTree.Element]:
    root = ElementTree.fromstring(xml)
    return {
        (str(case.get("classname")), str(case.get("name"))): case for case in root.iter("testcase")
    }


def test_junit_validates_against_the_jenkins_schema(pages: Path) -> None:
    result = _run("check", "p", "--format", "junit")
    JUNIT.validate(result.stdout)
    corpus = _run("check", str(ROOT / "corpus"), "--format", "junit")
    JUNIT.validate(corpus.stdout)


def test_junit_warnings_below_fail_on_are_not_failures(pages: Path) -> None:
    result = _run("check", "p/a.v1.txt", "--format", "junit", "--select", "IG2")
    assert result.exit_code == 0
    root = ElementTree.fromstring(result.stdout)
    assert (root.get("tests"), root.get("failures")) == ("3", "0")
    case = _cases(result.stdout)[("p.a_v1", "IG202 lead-on-tie")]
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and out.text is not None
    assert out.text.startswith("p/a.v1.txt:60:138: IG202 [warning] 'FLUX.1 Pro is stronger")
    strict = _run(
        "check", "p/a.v1.txt", "--format", "junit", "--select", "IG2", "--fail-on", "warning"
    )
    assert strict.exit_code == 1
    assert ElementTree.fromstring(strict.stdout).get("failures") == "1"


def test_junit_has_one_case_per_file_and_rule_and_skips_an_unparsed_page(pages: Path) -> None:
    result = _run("check", "p", "--format", "junit", "--select", "IG001,IG104")
    assert sorted(_cases(result.stdout)) == [
        ("p.a_v1", "IG001 parse-error"),
        ("p.a_v1", "IG104 winner-on-tie"),
        ("p.bad", "IG001 parse-error"),
        ("p.bad", "IG104 winner-on-tie"),
    ]
    cases = _cases(result.stdout)
    assert cases[("p.bad", "IG001 parse-error")].find("failure") is not None
    skipped = cases[("p.bad", "IG104 winner-on-tie")].find("skipped")
    assert skipped is not None and skipped.get("message") == "the page cannot be parsed"


def test_gitlab_code_quality(pages: Path) -> None:
    result = _run("check", "p/a.v1.txt", "--format", "gitlab", "--select", "IG2")
    [issue] = json.loads(result.stdout)
    assert {k: v for k, v in issue.items() if k != "fingerprint"} == {
        "description": "IG202 'FLUX.1 Pro is stronger on adoption' is not confirmed: the table's "
        "Adoption is 1 for both, and displayed values are rounded",
        "check_name": "IG202",
        "severity": "minor",
        "location": {"path": "p/a.v1.txt", "lines": {"begin": 60}},
    }
    assert len(issue["fingerprint"]) == 64


def test_json_lines_are_the_json_findings(pages: Path) -> None:
    lines = _run("check", "p", "--format", "json-lines").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(
        _run("check", "p", "--format", "json").stdout
    )
    assert len(lines) == 2


def test_github_closes_with_the_summary_and_appends_the_job_summary(
    pages: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", "utf-8")
    result = _run("check", "p", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.splitlines()[-1] == "Found 2 findings (1 error, 1 warning) in 2 files."
    assert summary.read_text("utf-8") == (
        "# earlier step\n## ingest check\n\nFound 2 findings (1 error, 1 warning) in 2 files.\n\n"
        "| rule | name | severity | findings |\n|---|---|---|---:|\n"
        "| IG001 | parse-error | error | 1 |\n| IG202 | lead-on-tie | warning | 1 |\n\n"
    )
