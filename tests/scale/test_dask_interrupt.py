"""Ctrl-C during a Dask run: one line, exit 130, the previous OUT whole, no stray workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import ingest
from ingest.dataset.manifest import read_manifest
from tests.batch.conftest import CORPUS, PAGE_002

PAGES = 4000
"""Enough pages for a run of a few seconds, so that it can be stopped in the middle."""


FOREGROUND_CLI = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from ingest.cli import main; main()"
)
"""The command as a terminal's foreground job runs it. A process started in the background
(`make test &`, `nohup`) inherits SIGINT ignored, and Python keeps it ignored: a run so
started is not stopped by Ctrl-C, rightly, and these tests would see it finish with 0."""


def _folder(root: Path) -> Path:
    pages = [page.read_bytes() for page in sorted(CORPUS.glob("*.txt"))]
    for index in range(PAGES):
        sub = root / f"{index // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{index:05d}.txt").write_bytes(pages[index % len(pages)])
    return root


def test_ctrl_c_stops_the_cluster_and_keeps_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = ingest.ingest([PAGE_002], out, jobs=1)
    command = [sys.executable, "-c", FOREGROUND_CLI, "parse"]
    run = subprocess.Popen(
        [*command, str(_folder(tmp_path / "pages")), "-o", str(out), "--engine", "dask"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".out.partial-*/pages/part-*.parquet")):
        assert run.poll() is None and time.monotonic() < deadline, "no part written in time"
        time.sleep(0.01)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    stdout, stderr = run.communicate(timeout=60)
    assert (run.returncode, stdout) == (130, "")
    assert stderr == f"ingest: error: interrupted; {out} is left as it was\n"
    assert read_manifest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "pages"]
