"""Baselines: what identifies a finding, what survives edits, and the file round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.lint import Baseline
from ingest.lint.baseline import fingerprint
from ingest.page.findings import Finding


def _finding(
    path: str = "a.txt", line: int = 2, page_id: str | None = "id-a", **kw: str
) -> Finding:
    fields = {"code": "IG104", "subject": "X", "feature": "UnfragileRank", **kw}
    return Finding(
        name="winner-on-tie",
        severity="error",
        path=path,
        line=line,
        column=1,
        message="m",
        page_id=page_id,
        **fields,
    )


def test_fingerprint_ignores_line_column_message_and_path_spelling() -> None:
    assert fingerprint(_finding(line=2)) == fingerprint(_finding(path="./a.txt", line=90))
    assert fingerprint(_finding()) != fingerprint(_finding(subject="Y"))
    assert fingerprint(_finding()) != fingerprint(_finding(code="IG103"))


def test_each_recorded_finding_excuses_one_current_finding() -> None:
    baseline = Baseline.from_findings([_finding(line=2)])
    current = [_finding(line=5), _finding(line=9)]
    assert baseline.new_findings(current) == [current[1]]


def test_a_page_is_matched_by_path_or_by_page_id() -> None:
    baseline = Baseline.from_findings([_finding()])
    assert baseline.new_findings([_finding(page_id="changed")]) == []
    assert baseline.new_findings([_finding(path="renamed.txt")]) == []
    moved = _finding(path="renamed.txt", page_id="changed")
    assert baseline.new_findings([moved]) == [moved]


def test_written_file_is_sorted_json_with_the_recorded_fields(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    Baseline.from_findings([_finding(path="b.txt"), _finding(path="a.txt")]).write(target)
    document = json.loads(target.read_text())
    assert (document["tool"], document["version"]) == ("ingest", 1)
    assert [e["path"] for e in document["findings"]] == ["a.txt", "b.txt"]
    assert set(document["findings"][0]) == {
        "fingerprint",
        "code",
        "path",
        "page_id",
        "subject",
        "feature",
        "message",
    }


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_findings = st.lists(
    st.builds(
        _finding,
        path=st.sampled_from(["a.txt", "b.txt", "dir/c.txt"]),
        line=st.integers(1, 500),
        page_id=st.one_of(st.none(), st.sampled_from(["id-a", "id-b"])),
        subject=_names,
        feature=st.sampled_from(["Quality", "UnfragileRank", ""]),
        code=st.sampled_from(["IG104", "IG202", "IG501"]),
    ),
    max_size=20,
)


@given(recorded=_findings, added=_findings)
def test_round_trip_excuses_exactly_the_recorded_findings(
    tmp_path_factory: pytest.TempPathFactory, recorded: list[Finding], added: list[Finding]
) -> None:
    folder = tmp_path_factory.mktemp("baseline")
    Baseline.from_findings(recorded).write(folder / "b.json")
    loaded = Baseline.load(folder / "b.json")
    assert loaded.new_findings(recorded) == []
    assert len(loaded.new_findings(recorded + added)) <= len(added)
    assert Baseline().new_findings(added) == added
