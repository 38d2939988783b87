"""`make bench` works in a private temporary folder, never a predictable `/tmp/ingest-bench`
another user could have planted, and runs just the cases asked for."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest

from ingest.bench.run import main

QUICK_DRIFT = ["--only", "drift", "--drift", "1000", "--drift-one", "0"]
"""The quickest case: drift over a 1,000-page synthetic table (one fresh process, ~1 s)."""


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tempfile``'s folder, for this test alone."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_the_working_folder_is_private_and_removed_at_the_end(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(QUICK_DRIFT) == 0
    out = capsys.readouterr().out
    working = re.search(r"working in (\S+)", out)
    assert working is not None
    assert Path(working.group(1)).parent == temp_root
    assert Path(working.group(1)).name.startswith("ingest-bench-")
    assert Path(working.group(1)).name != "ingest-bench"
    assert "| 1,000 | distinct | 0 |" in out
    assert list(temp_root.iterdir()) == []


def test_keep_leaves_the_folder_with_owner_only_access(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*QUICK_DRIFT, "--keep"]) == 0
    (kept,) = temp_root.iterdir()
    assert capsys.readouterr().out.splitlines()[-1] == f"kept {kept}"
    assert kept.stat().st_mode & 0o777 == 0o700
    assert (kept / "drift-distinct-1000" / "part-00000.parquet").is_file()


def test_an_unknown_case_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--only", "drift,nope"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m ingest.bench: error: argument --only: unknown case nope "
        "(expected some of parse, profile, memory, report, scale, hostile, big, drift, peer, "
        "instructions)"
    )


def test_without_the_hostile_module_the_case_says_why(
    temp_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ingest.bench.hostile", None)
    assert main(["--only", "hostile"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "hostile lines: not measured (ingest.bench.hostile: import of "
        "ingest.bench.hostile halted; None in sys.modules)"
    )
