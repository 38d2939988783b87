"""The five corpus pages: golden findings (each checked by hand) and what the issue must show."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import ingest
from ingest.cli import main
from tests.rules.paths import GOLDEN_FINDINGS, ROOT


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_corpus_findings_equal_the_reviewed_golden_file() -> None:
    golden = json.loads(GOLDEN_FINDINGS.read_text("utf-8"))
    report = ingest.check(["corpus"])
    assert [f.model_dump(mode="json") for f in report.findings] == golden


def test_corpus_findings_are_the_tie_winners_of_002_and_the_unconfirmed_leads() -> None:
    report = ingest.check("corpus")
    assert report.flatten(["path", "line", "column", "code", "subject", "feature"]) == [
        ["corpus/000_91da0c470094187d.txt", 60, 138, "IG202", "FLUX.1 Pro", "Adoption"],
        ["corpus/001_2e741cea5e3c9ee4.txt", 60, 101, "IG202", "vit-base-patch16-224", "Adoption"],
        ["corpus/002_9e1b73b20691a311.txt", 2, 1, "IG104", "rorshark-vit-base", "UnfragileRank"],
        ["corpus/002_9e1b73b20691a311.txt", 47, 1, "IG104", "rorshark-vit-base", "UnfragileRank"],
        ["corpus/002_9e1b73b20691a311.txt", 47, 163, "IG202", "Stable Diffusion", "Quality"],
        ["corpus/003_b7000c482674d1d3.txt", 57, 91, "IG202", "mobilevit-small", "Adoption"],
        ["corpus/004_60ef58da2206c293.txt", 60, 154, "IG202", "FLUX.1 Pro", "Adoption"],
    ]
    assert report.stats["files"] == 5


def test_check_corpus_prints_every_page_and_exits_1_on_the_tie() -> None:
    result = CliRunner().invoke(main, ["check", "corpus/"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for page in sorted((ROOT / "corpus").glob("*.txt")):
        assert any(line.startswith(f"corpus/{page.name}:") for line in lines), page.name
    assert lines[-1] == "Found 7 findings (2 errors, 5 warnings) in 5 files."
    assert lines[2].startswith("corpus/002_9e1b73b20691a311.txt:2:1: IG104 [error] ")


def test_pages_with_only_warnings_pass_by_default_and_fail_on_warning() -> None:
    others = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    others = [p for p in others if "002_" not in p]
    assert CliRunner().invoke(main, ["check", *others]).exit_code == 0
    for page in others:
        result = CliRunner().invoke(main, ["check", page, "--fail-on", "warning"])
        assert result.exit_code == 1, page
        assert "IG202 [warning]" in result.stdout


def test_select_ig104_as_json_shows_exactly_the_two_winner_on_tie_claims_of_002() -> None:
    result = CliRunner().invoke(main, ["check", "corpus/", "--select", "IG104", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in found] == [
        ("corpus/002_9e1b73b20691a311.txt", 2, 1, "IG104"),
        ("corpus/002_9e1b73b20691a311.txt", 47, 1, "IG104"),
    ]
    assert found[0]["message"] == (
        "'rorshark-vit-base ranks higher at 42/100 vs Stable Diffusion at 42/100.' names "
        "rorshark-vit-base the winner, but the table's UnfragileRank is 42/100 for both"
    )
