"""`--docs-url` / `docs-url`: SARIF links the tool and each rule to the published rule reference."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.rules.catalogue import CATALOGUE
from tests.paths import CORPUS

SARIF_SCHEMA = json.loads(
    (Path(__file__).resolve().parent / "schemas" / "sarif-2.1.0.json").read_text("utf-8")
)
DOCS = "https://docs.example.org/ingest/rules.md"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="ingest")


def test_docs_url_fills_information_and_help_uris_and_validates() -> None:
    result = _run("check", str(CORPUS), "--format", "sarif", "--docs-url", DOCS)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS
    assert [rule["helpUri"] for rule in driver["rules"]] == [
        f"{DOCS}#{rule.code.lower()}-{rule.name}" for rule in CATALOGUE
    ]
    assert driver["rules"][0]["helpUri"] == f"{DOCS}#ig001-parse-error"


def test_the_anchors_are_the_headings_of_docs_rules_md() -> None:
    headings = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text("utf-8")
    for rule in CATALOGUE:
        assert f"\n## {rule.code} {rule.name}\n" in headings  # GitHub: #ig102-score-mismatch


def test_without_a_docs_url_there_are_no_uris() -> None:
    log = json.loads(_run("check", str(CORPUS), "--format", "sarif").stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert not any("helpUri" in rule for rule in driver["rules"])


def test_docs_url_from_the_config(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "p.txt"
    page.parent.mkdir()
    page.write_bytes((CORPUS / "002_9e1b73b20691a311.txt").read_bytes())
    (tmp_path / "ingest.toml").write_text(f'docs-url = "{DOCS}"\n', "utf-8")
    log = json.loads(_run("check", str(page), "--format", "sarif").stdout)
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == DOCS


def test_a_relative_docs_url_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("check", str(CORPUS), "--format", "sarif", "--docs-url", "docs/rules.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "ingest: error: --docs-url: 'docs/rules.md' is not an absolute http(s) URL\n"
    )
    (tmp_path / "ingest.toml").write_text('docs-url = "ftp://x"\n', "utf-8")
    page = tmp_path / "p.txt"
    page.write_bytes((CORPUS / "002_9e1b73b20691a311.txt").read_bytes())
    bad = _run("check", str(page))
    assert bad.exit_code == 2
    assert bad.stderr.startswith("ingest: error: ")
    assert "docs-url" in bad.stderr and "'ftp://x' is not an absolute http(s) URL" in bad.stderr
    assert len(bad.stderr.splitlines()) == 1
