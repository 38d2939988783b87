"""`ingest check --fix / --diff / --unsafe-fixes / --show-fixes` and fixes in SARIF and rdjson."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.lint.repair.files import FixFileError, write_if_unchanged
from tests.paths import PAGE_000, PAGE_002, ROOT

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-2.1.0.json"
RIGHT = b"FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100."
WRONG = b"FLUX.1 Pro ranks higher at 60/100 vs rorshark-vit-base at 42/100."


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Page 000 quoting 60/100 in its summary (IG102), with a BOM, CRLF and no final newline."""
    monkeypatch.chdir(tmp_path)
    data = PAGE_000.read_bytes().replace(RIGHT, WRONG).replace(b"\n", b"\r\n")
    page = tmp_path / "page.txt"
    page.write_bytes(b"\xef\xbb\xbf" + data.rstrip(b"\r\n") + b"  ")
    page.chmod(0o640)
    return page


def test_fix_rewrites_the_claim_and_keeps_every_other_byte(broken: Path) -> None:
    before = broken.read_bytes()
    result = _run("check", "page.txt", "--fix", "--select", "IG102")
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")
    assert result.stderr == "Fixed 1 finding in 1 file.\n"
    assert broken.read_bytes() == before.replace(WRONG, RIGHT)
    assert broken.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in broken.parent.iterdir()] == ["page.txt"]


def test_show_fixes_lists_each_fix(broken: Path) -> None:
    result = _run("check", "page.txt", "--fix", "--show-fixes", "--select", "IG102")
    assert result.stderr == (
        "page.txt:2: IG102 score-mismatch: summary: "
        "'FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.'\n"
        "Fixed 1 finding in 1 file.\n"
    )


def test_exit_non_zero_on_fix(broken: Path) -> None:
    result = _run("check", "page.txt", "--fix", "--select", "IG102", "--exit-non-zero-on-fix")
    assert result.exit_code == 1


def test_diff_prints_the_fix_and_writes_nothing(broken: Path) -> None:
    before = broken.read_bytes()
    result = _run("check", "page.txt", "--diff", "--select", "IG102")
    assert result.exit_code == 1
    assert result.stdout_bytes.decode("utf-8").split("\n")[:6] == [
        "--- a/page.txt",
        "+++ b/page.txt",
        "@@ -1,5 +1,5 @@",
        " \ufeffrorshark-vit-base vs FLUX.1 Pro\r",
        "-" + WRONG.decode() + " Capability-level comparison backed by match graph evidence "
        "from real search data.\r",
        "+" + RIGHT.decode() + " Capability-level comparison backed by match graph evidence "
        "from real search data.\r",
    ]
    assert result.stderr == "Would fix 1 finding in 1 file.\n"
    assert broken.read_bytes() == before
    again = _run("check", "page.txt", "--diff", "--select", "IG103")
    assert (again.exit_code, again.stdout) == (0, "")


def test_unsafe_fixes_wait_for_their_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "002.txt").write_bytes(PAGE_002.read_bytes())
    safe = _run("check", "002.txt", "--fix", "--select", "IG104")
    assert safe.exit_code == 1
    assert (tmp_path / "002.txt").read_bytes() == PAGE_002.read_bytes()
    unsafe = _run("check", "002.txt", "--fix", "--unsafe-fixes", "--select", "IG104")
    assert (unsafe.exit_code, unsafe.stdout) == (0, "No findings in 1 file.\n")
    lines = (tmp_path / "002.txt").read_text("utf-8").split("\n")
    assert lines[1] == (
        "Capability-level comparison backed by match graph evidence from real search data."
    )


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"edited meanwhile\n")
    with pytest.raises(FixFileError) as caught:
        write_if_unchanged(str(page), b"as it was read\n", b"fixed\n")
    assert str(caught.value) == f"{page}: changed while it was being fixed; not written"
    assert page.read_bytes() == b"edited meanwhile\n"
    assert os.listdir(tmp_path) == ["page.txt"]


def test_sarif_carries_the_fix_and_validates(broken: Path) -> None:
    result = _run("check", "page.txt", "--format", "sarif", "--select", "IG102")
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    (finding,) = log["runs"][0]["results"]
    (change,) = finding["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 66},
            "insertedContent": {"text": RIGHT.decode()},
        }
    ]
    assert change["artifactLocation"] == {"uri": "page.txt", "uriBaseId": "%SRCROOT%"}


def test_rdjson_carries_suggestions(broken: Path) -> None:
    result = _run("check", "page.txt", "--format", "rdjson", "--select", "IG102")
    assert json.loads(result.stdout) == {
        "source": {"name": "ingest"},
        "diagnostics": [
            {
                "message": "the summary quotes 60/100 for FLUX.1 Pro, but the table's "
                "UnfragileRank is 58/100",
                "location": {"path": "page.txt", "range": {"start": {"line": 2, "column": 28}}},
                "severity": "ERROR",
                "code": {"value": "IG102"},
                "suggestions": [
                    {
                        "range": {
                            "start": {"line": 2, "column": 1},
                            "end": {"line": 2, "column": 66},
                        },
                        "text": RIGHT.decode(),
                    }
                ],
            }
        ],
    }


def test_rule_doc_shows_its_fix_applicability() -> None:
    result = _run("rule", "IG102")
    assert (
        "Fix: safe\n    The table decides the sentence: the quoted score becomes the table's\n"
        in (result.stdout)
    )


def test_corpus_sarif_with_unsafe_fixes_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _run("check", "corpus", "--format", "sarif", "--unsafe-fixes")
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    results = log["runs"][0]["results"]
    assert [bool(r.get("fixes")) for r in results] == [True] * 7
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    markdown = rules[0]["help"]["markdown"]
    assert markdown.startswith("**IG001 parse-error (default severity: error)**\n\n#### What")
