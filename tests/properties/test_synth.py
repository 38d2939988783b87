"""`write_corpus` / `ingest synth`: seeded, truthful, and checked back without a miss."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest
from ingest.cli import main
from ingest.synth import TRUTH_FILE, write_corpus
from ingest.synth.truth import confusion, load_truth
from ingest.synth.truth import main as truth_main


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_same_seed_writes_the_same_corpus(tmp_path: Path) -> None:
    write_corpus(60, tmp_path / "one", seed=7, inconsistent_rate=0.5)
    write_corpus(60, tmp_path / "two", seed=7, inconsistent_rate=0.5)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_another_seed_writes_other_pages(tmp_path: Path) -> None:
    write_corpus(5, tmp_path / "one", seed=1)
    write_corpus(5, tmp_path / "two", seed=2)
    assert set(files(tmp_path / "one").values()).isdisjoint(files(tmp_path / "two").values())


def test_truth_names_every_page_by_path_and_sha256(tmp_path: Path) -> None:
    assert write_corpus(1203, tmp_path, seed=3) == 1203
    truth = load_truth(tmp_path)
    assert [r.path for r in truth][:2] == ["000/page_000000.txt", "000/page_000001.txt"]
    assert truth[-1].path == "001/page_001202.txt"
    pages = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt"))
    assert pages == [r.path for r in truth]
    for record in truth[::97]:
        data = (tmp_path / record.path).read_bytes()
        assert record.page_id == hashlib.sha256(data).hexdigest()
        assert record.rule is None


def test_the_inconsistent_rate_is_the_share_of_broken_pages(tmp_path: Path) -> None:
    write_corpus(1000, tmp_path, seed=1, inconsistent_rate=0.3)
    broken = [r.rule for r in load_truth(tmp_path) if r.rule is not None]
    assert 300 - 58 <= len(broken) <= 300 + 58  # four standard deviations of Binomial(1000, 0.3)
    assert set(broken) == {
        "IG002", "IG003", "IG101", "IG102", "IG103", "IG104",
        "IG201", "IG202", "IG203", "IG301", "IG401",
    }  # fmt: skip


def test_a_consistent_corpus_has_no_findings(tmp_path: Path) -> None:
    write_corpus(300, tmp_path, seed=11)
    assert ingest.check(tmp_path, jobs=1).findings == []


def test_check_finds_every_injected_rule_and_nothing_else(tmp_path: Path) -> None:
    write_corpus(400, tmp_path, seed=5, inconsistent_rate=0.3)
    findings = [f.model_dump() for f in ingest.check(tmp_path, jobs=1).findings]
    result = confusion(tmp_path, findings)
    print(result.table())
    assert (result.clean, result.flagged, result.exact, result.with_extras, result.missed) == (
        sum(r.rule is None for r in load_truth(tmp_path)),
        0,
        sum(r.rule is not None for r in load_truth(tmp_path)),
        0,
        0,
    )


def test_the_cli_writes_the_corpus_the_api_writes(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(main, ["synth", "25", "-o", str(out), "--seed", "4"])
    assert result.exit_code == 0
    assert result.output.startswith(f"wrote 25 pages and {TRUTH_FILE} to {out} in ")
    write_corpus(25, tmp_path / "api", seed=4)
    assert files(out) == files(tmp_path / "api")


def test_the_cli_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["synth", "3", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        f"ingest: error: {tmp_path}: exists and is not an empty folder "
        "(synth writes into a new or empty folder)\n"
    )
    assert files(tmp_path) == {"keep.txt": b"mine"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["synth", "-o", "x", "--", "-3"], "-3 is not in the range 0<=x<=10000000"),
        (["synth", "3", "-o", "x", "--inconsistent-rate", "1.5"], "1.5 is not in the range"),
        (["synth", "3"], "Missing option '-o' / '--out'"),
    ],
)
def test_the_cli_rejects_bad_arguments_with_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output


def test_the_truth_script_scores_the_json_of_ingest_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(120, corpus, seed=9, inconsistent_rate=0.5)
    checked = CliRunner().invoke(main, ["check", str(corpus), "--format", "json"])
    assert checked.exit_code == 1
    (tmp_path / "findings.json").write_text(checked.output)
    assert truth_main([str(corpus), str(tmp_path / "findings.json")]) == 0
    summary = capsys.readouterr().out.splitlines()[0]
    broken = sum(r.rule is not None for r in load_truth(corpus))
    assert summary == (
        f"pages 120: {120 - broken} consistent ({120 - broken} clean, 0 with findings); "
        f"{broken} with one injected rule ({broken} found exactly, 0 found with other "
        "findings, 0 missed)"
    )


def test_the_truth_script_fails_when_an_injected_rule_is_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(50, tmp_path, seed=9, inconsistent_rate=0.5)
    findings = [f.model_dump() for f in ingest.check(tmp_path, jobs=1).findings]
    (tmp_path / "findings.json").write_text(json.dumps(findings[1:]))
    assert truth_main([str(tmp_path), str(tmp_path / "findings.json")]) == 1
    assert ", 1 missed)" in capsys.readouterr().out
