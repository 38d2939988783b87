"""`ingest check`, `ingest rules`, `ingest rule`: exit codes, options, config, baseline, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import ingest
from ingest.cli import main
from ingest.cli.check import check_command
from tests.readme import section as readme_section
from tests.rules.paths import CONSISTENT, CORPUS, FIXTURES, ROOT


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="ingest")


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the corpus, as the working directory."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("target", ["corpus", "tests/rules/fixtures"])
def test_json_output_equals_the_library_report(target: str) -> None:
    result = _run("check", target, "--format", "json")
    assert json.loads(result.stdout) == [
        f.model_dump(mode="json") for f in ingest.check([target]).findings
    ]


@pytest.mark.usefixtures("at_root")
def test_exit_zero_keeps_the_output_but_exits_0() -> None:
    result = _run("check", "corpus", "--exit-zero")
    assert result.exit_code == 0
    assert result.stdout.endswith("Found 7 findings (2 errors, 5 warnings) in 5 files.\n")


@pytest.mark.usefixtures("at_root")
def test_ignore_by_prefix_and_select_repeated() -> None:
    result = _run("check", "corpus", "--ignore", "IG1", "--format", "json")
    assert result.exit_code == 0
    assert {f["code"] for f in json.loads(result.stdout)} == {"IG202"}
    result = _run("check", "corpus", "--select", "IG104", "--select", "IG202", "--statistics")
    assert result.stdout.splitlines()[:2] == [
        "     5  IG202  [warning]  lead-on-tie",
        "     2  IG104  [error]    winner-on-tie",
    ]


@pytest.mark.usefixtures("at_root")
def test_a_repaired_page_exits_0() -> None:
    result = _run("check", str(CONSISTENT.relative_to(ROOT)), "--fail-on", "warning")
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")


def test_a_page_that_cannot_be_parsed_is_an_ig001_finding(workdir: Path) -> None:
    (workdir / "corpus" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = _run("check", "corpus", "--select", "IG001")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "corpus/broken.txt:3:1: IG001 [error] cannot parse the page: binary data: NUL byte "
        "(expected UTF-8 text)",
        "Found 1 finding (1 error, 0 warnings) in 6 files.",
    ]


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["corpus", "--format", "xml"],
            "ingest: error: ingest check: Invalid value for '--format': 'xml' is not one of "
            "'text', 'json', 'json-lines', 'github', 'gitlab', 'sarif', 'junit', 'rdjson'.",
        ),
        (["missing/"], "ingest: error: missing/: no such file or directory"),
        ([], "ingest: error: ingest check: Missing argument 'PATH...'."),
        (
            ["corpus", "--select", "IG9"],
            "ingest: error: --select: unknown rule code or prefix 'IG9'",
        ),
        (
            ["corpus", "--ignore", "IG104,XX"],
            "ingest: error: --ignore: unknown rule code or prefix 'XX'",
        ),
        (
            ["corpus", "--jobs", "0"],
            "ingest: error: ingest check: Invalid value for '-j' / '--jobs'",
        ),
        (
            ["corpus", "--statistics", "--format", "sarif"],
            "ingest: error: --statistics works with --format text or json",
        ),
        (["corpus", "--baseline", "nope.json"], "ingest: error: nope.json: cannot read baseline"),
        (["grammars"], "ingest: error: no page files (*.txt) under grammars"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], error: str) -> None:
    result = _run("check", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(error)
    assert result.stderr.count("\n") == 1


def test_config_selects_ignores_and_sets_fail_on_and_severity(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.ingest]\nselect = ["IG2"]\nignore = ["IG201"]\nfail-on = "warning"\n'
        '[tool.ingest.severity]\nIG202 = "error"\n[tool.ingest.parse]\nout = "x"\n'
    )
    result = _run("check", "corpus", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert {(f["code"], f["severity"]) for f in found} == {("IG202", "error")}
    assert len(found) == 5
    # the command line replaces select and adds to ignore
    result = _run("check", "corpus", "--select", "IG104", "--format", "json")
    assert [f["code"] for f in json.loads(result.stdout)] == ["IG104", "IG104"]
    assert _run("check", "corpus", "--select", "IG1", "--ignore", "IG104").exit_code == 0


def test_config_fail_on_is_overridden_by_the_option(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.ingest]\nfail-on = "warning"\nselect = ["IG202"]\n'
    )
    assert _run("check", "corpus").exit_code == 1
    assert _run("check", "corpus", "--fail-on", "error").exit_code == 0


@pytest.mark.parametrize(
    ("toml", "error"),
    [
        ("[tool.ingest]\nselect = [\n", "pyproject.toml: invalid TOML: "),
        ('[tool.ingest]\nselect = ["IG9"]\n', "unknown rule code or prefix 'IG9'"),
        (
            '[tool.ingest]\nfail-on = "info"\n',
            "[tool.ingest] fail-on: Input should be 'error' or 'warning'",
        ),
        ('[tool.ingest]\nslect = ["IG1"]\n', "[tool.ingest] slect: Extra inputs are not permitted"),
        ('[tool.ingest.severity]\nIG999 = "error"\n', "unknown rule code 'IG999'"),
        (
            '[tool.ingest.severity]\nIG104 = "fatal"\n',
            "[tool.ingest] severity.IG104: Input should be",
        ),
    ],
)
def test_bad_config_is_one_line_and_exit_2(workdir: Path, toml: str, error: str) -> None:
    (workdir / "pyproject.toml").write_text(toml)
    result = _run("check", "corpus")
    assert result.exit_code == 2
    assert result.stderr.startswith("ingest: error: ")
    assert error in result.stderr
    assert result.stderr.count("\n") == 1


def test_baseline_round_trip_reports_only_new_findings(workdir: Path) -> None:
    result = _run("check", "corpus", "--write-baseline", "baseline.json")
    assert result.exit_code == 0
    assert result.stderr == "ingest: wrote 7 findings to baseline.json\n"
    recorded = json.loads((workdir / "baseline.json").read_text())
    assert [e["code"] for e in recorded["findings"]] == [
        "IG202",
        "IG202",
        "IG104",
        "IG104",
        "IG202",
        "IG202",
        "IG202",
    ]

    result = _run("check", "corpus", "--baseline", "baseline.json", "--fail-on", "warning")
    assert (result.exit_code, result.stdout) == (0, "No findings in 5 files; 7 in the baseline.\n")

    # Lines move on page 002 and page 000 gets a new problem: only that one is reported.
    page_002 = workdir / "corpus" / "002_9e1b73b20691a311.txt"
    page_002.write_text(page_002.read_text().replace("\n", "\n\n\n", 1))
    page_000 = workdir / "corpus" / "000_91da0c470094187d.txt"
    page_000.write_text(page_000.read_text().replace("+5 more", "+4 more"))
    result = _run("check", "corpus", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    assert [(f["path"], f["code"], f["subject"]) for f in json.loads(result.stdout)] == [
        ("corpus/000_91da0c470094187d.txt", "IG401", "FLUX.1 Pro")
    ]


def test_baseline_matches_a_renamed_page_by_its_id(workdir: Path) -> None:
    assert _run("check", "corpus", "--write-baseline", "b.json").exit_code == 0
    (workdir / "corpus" / "002_9e1b73b20691a311.txt").rename(workdir / "corpus" / "renamed.txt")
    result = _run("check", "corpus", "--baseline", "b.json")
    assert (result.exit_code, result.stdout) == (0, "No findings in 5 files; 7 in the baseline.\n")


def test_unreadable_baseline_is_a_usage_error(workdir: Path) -> None:
    (workdir / "b.json").write_text('{"version": 1}')
    result = _run("check", "corpus", "--baseline", "b.json")
    assert result.exit_code == 2
    assert result.stderr == (
        "ingest: error: b.json: not an ingest baseline (findings: Field required)\n"
    )


def test_rules_lists_the_catalogue() -> None:
    result = _run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ingest.RULES)
    assert lines[9].split()[:3] == ["IG104", "winner-on-tie", "error"]
    data = json.loads(_run("rules", "--json").stdout)
    assert data[9] == {
        "code": "IG104",
        "name": "winner-on-tie",
        "severity": "error",
        "summary": "a winner is named although the scores are equal",
    }


def test_rule_prints_the_doc_of_one_rule() -> None:
    result = _run("rule", "IG104")
    assert result.exit_code == 0
    assert result.stdout == ingest.RULES["IG104"].doc()
    assert result.stdout.startswith("IG104 winner-on-tie (default severity: error)\n")
    assert _run("rule", "lead-on-tie").stdout == ingest.RULES["IG202"].doc()


def test_rule_with_an_unknown_code_is_one_line_and_exit_2() -> None:
    result = _run("rule", "IG999")
    assert result.exit_code == 2
    assert (
        result.stderr == "ingest: error: unknown rule 'IG999' (run `ingest rules` for the list)\n"
    )


def test_every_check_option_is_documented_in_the_readme() -> None:
    section = readme_section("check")
    for param in check_command.params:
        for flag in getattr(param, "opts", []):
            if flag.startswith("--"):
                assert f"`{flag}" in section, flag
    for command in ("ingest rules", "ingest rule IG104", "--format sarif", "--format github"):
        assert command in section


def test_pre_commit_hook_runs_ingest_check_on_text_files() -> None:
    yaml = pytest.importorskip("yaml")
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "ingest-check",
        "ingest check",
        "python",
    )
    assert hook["require_serial"] is True


def test_fixture_folder_json_equals_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = _run("check", ".", "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        f.model_dump(mode="json") for f in ingest.check(".").findings
    ]
