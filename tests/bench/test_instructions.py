"""The instructions case: callgrind's count read back, per-page arithmetic, and both loops run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.bench.args import DEFAULT_CASES, bench_arguments
from ingest.bench.instructions import collected, instructions_case, per_page
from tests.batch.conftest import CORPUS

VALGRIND_TAIL = """\
==4242== Events    : Ir
==4242== Collected : 1930725385
==4242==
==4242== I   refs:      1,930,725,385
"""


def test_the_collected_count_is_read() -> None:
    assert collected(VALGRIND_TAIL) == 1_930_725_385


def test_a_run_without_a_count_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="no single 'Collected' line"):
        collected("==1== ERROR SUMMARY: 0 errors\n")


def test_instructions_a_page_subtract_the_one_page_run() -> None:
    counts = {("ingest", 1): 1_000, ("ingest", 11): 21_000, ("peer", 1): 500, ("peer", 11): 30_500}
    assert per_page(counts, 11) == {"ingest": 2_000.0, "peer": 3_000.0}


@pytest.mark.parametrize("loop", ["ingest", "peer"])
def test_each_loop_runs_over_a_folder(loop: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "ingest.bench.instructions", loop, str(CORPUS)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_wrong_loop_name_is_a_usage_error() -> None:
    command = [sys.executable, "-m", "ingest.bench.instructions", "lark", "."]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == "usage: python -m ingest.bench.instructions ingest|peer DIR\n"


def test_without_valgrind_the_case_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    instructions_case(CORPUS, tmp_path)
    assert capsys.readouterr().out == (
        "instructions: skipped, valgrind is not installed (apt-get install valgrind)\n"
    )


def test_the_case_is_opt_in() -> None:
    assert "instructions" not in DEFAULT_CASES
    assert bench_arguments([], None).only == set(DEFAULT_CASES)
    assert bench_arguments(["--only", "instructions"], None).only == {"instructions"}
