"""Baselines (issue 15): SARIF `baselineState`, "N fixed since the baseline", pruning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from ingest.cli import main
from tests.paths import ROOT

SARIF_SCHEMA = json.loads(
    (Path(__file__).resolve().parent / "schemas" / "sarif-2.1.0.json").read_text("utf-8")
)
TIE = b"rorshark-vit-base ranks higher at 42/100 vs Stable Diffusion at 42/100. "


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Page 002 with its summary's IG104 fixed after a baseline recorded both IG104s."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "corpus" / "002_9e1b73b20691a311.txt", tmp_path / "p.txt")
    assert _run("check", "p.txt", "--select", "IG1", "--write-baseline", "b.json").exit_code == 0
    page = tmp_path / "p.txt"
    page.write_bytes(page.read_bytes().replace(TIE, b"", 1))
    return tmp_path


@pytest.mark.usefixtures("recorded")
def test_the_summary_counts_the_fixed_findings() -> None:
    result = _run("check", "p.txt", "--select", "IG1", "--baseline", "b.json")
    assert (result.exit_code, result.stdout) == (
        0,
        "No findings in 1 file; 1 in the baseline; 1 fixed since the baseline.\n",
    )


@pytest.mark.usefixtures("recorded")
def test_sarif_reports_baseline_states_and_validates() -> None:
    result = _run("check", "p.txt", "--select", "IG1", "--baseline", "b.json", "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    assert [(r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]] == [
        ("IG104", "absent"),
        ("IG104", "unchanged"),
    ]


def test_write_baseline_with_baseline_prunes_the_fixed(recorded: Path) -> None:
    result = _run(
        "check", "p.txt", "--select", "IG1", "--baseline", "b.json", "--write-baseline", "b.json"
    )
    assert result.exit_code == 0
    assert result.stderr == "ingest: pruned 1 fixed finding, kept 1 in b.json\n"
    entries = json.loads((recorded / "b.json").read_text("utf-8"))["findings"]
    assert [e["code"] for e in entries] == ["IG104"]
    again = _run("check", "p.txt", "--select", "IG1", "--baseline", "b.json")
    assert again.stdout == "No findings in 1 file; 1 in the baseline.\n"
