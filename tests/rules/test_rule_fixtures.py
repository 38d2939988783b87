"""One fixture per rule: a consistent page with one edit, and its exact findings next to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ingest
from tests.rules.paths import CONSISTENT, CONSISTENT_TIE, FIXTURES, rule_fixtures


def _expected(fixture: Path) -> list[dict[str, Any]]:
    expected: list[dict[str, Any]] = json.loads(fixture.with_suffix(".json").read_text("utf-8"))
    return expected


def _entry(finding: ingest.Finding) -> dict[str, Any]:
    """A finding as the fixtures' JSON writes it."""
    return {
        "code": finding.code,
        "line": finding.line,
        "column": finding.column,
        "subject": finding.subject,
        "feature": finding.feature,
    }


def _found(fixture: Path) -> list[dict[str, Any]]:
    target = fixture if fixture.is_dir() else fixture.with_suffix(".txt")
    report = ingest.check([target], jobs=1)
    found = []
    for f in report.findings:
        where = {"file": Path(f.path).relative_to(target).as_posix()} if fixture.is_dir() else {}
        found.append({**where, **_entry(f)})
    return found


@pytest.mark.parametrize("fixture", rule_fixtures(), ids=lambda p: p.name)
def test_fixture_gives_exactly_its_expected_findings(fixture: Path) -> None:
    assert _found(fixture) == _expected(fixture)


def test_every_rule_has_a_fixture_that_triggers_it() -> None:
    triggered = {entry["code"] for fixture in rule_fixtures() for entry in _expected(fixture)}
    assert triggered == set(ingest.RULES)


def test_each_rule_fixture_is_named_after_the_rule_it_triggers() -> None:
    for fixture in rule_fixtures():
        codes = {entry["code"] for entry in _expected(fixture)}
        if fixture.name.startswith("IG"):
            assert codes == {fixture.name[:5]}, fixture.name
        else:
            assert codes == set(), fixture.name


@pytest.mark.parametrize("page", [CONSISTENT, CONSISTENT_TIE], ids=lambda p: p.stem)
def test_repaired_corpus_page_is_valid(page: Path) -> None:
    report = ingest.check(page)
    assert report.valid
    assert report.stats == {"files": 1, "findings": 0, "errors": 0, "warnings": 0, "baselined": 0}


def test_fixture_folder_as_a_whole_gives_each_page_fixture_its_expected_findings() -> None:
    # Checked together, the pages also drift against each other (the edits change figures).
    report = ingest.check(FIXTURES, ignore="IG501", jobs=1)
    found: dict[str, list[dict[str, Any]]] = {}
    for f in report.findings:
        found.setdefault(Path(f.path).relative_to(FIXTURES).as_posix(), []).append(_entry(f))
    pages = [fixture for fixture in rule_fixtures() if not fixture.is_dir()]
    expected = {f"{page.name}.txt": _expected(page) for page in pages if _expected(page)}
    assert found == expected
    assert "consistent.txt" not in found and "consistent_tie.txt" not in found
