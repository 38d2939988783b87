"""A run that is killed or interrupted leaves the previous OUT whole."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ingest
from ingest.dataset.manifest import read_manifest
from ingest.dataset.read import read_tables
from tests.batch.conftest import CORPUS, PAGE_002

PAGES = 8000
"""Enough pages for a run of a few seconds, so that it can be stopped in the middle."""


FOREGROUND_CLI = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from ingest.cli import main; main()"
)
"""The command as a terminal's foreground job runs it. A process started in the background
(`make test &`, `nohup`) inherits SIGINT ignored, and Python keeps it ignored: a run so
started is not stopped by Ctrl-C, rightly, and these tests would see it finish with 0."""


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    pages = [page.read_bytes() for page in sorted(CORPUS.glob("*.txt"))]
    for index in range(PAGES):
        sub = folder / f"{index // 500:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page{index:05d}.txt").write_bytes(pages[index % len(pages)])
    return folder


def _start_parse(folder: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", FOREGROUND_CLI]
    return subprocess.Popen(
        [*command, "parse", str(folder), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for_first_part(out: Path, run: subprocess.Popen[bytes]) -> None:
    """Return once the run has written a row group into its temporary folder."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(out.parent.glob(f".{out.name}.partial-*/pages/part-*.parquet")):
            return
        assert run.poll() is None, "the run ended before it could be stopped"
        time.sleep(0.01)
    raise AssertionError("the run wrote nothing in 60 s")


def _wait_for_the_workers_to_die(out: Path) -> None:
    """The kernel frees the workers' inherited lock when they are gone, a moment after the
    parent: until then a next run is rightly refused ("another ingest run is writing")."""
    deadline = time.monotonic() + 30
    fd = os.open(out.parent / f".{out.name}.lock", os.O_RDWR)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed run's workers are still alive"
                time.sleep(0.01)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                return
    finally:
        os.close(fd)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_kill_9_in_the_middle_leaves_previous_out_whole(big_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = ingest.ingest([PAGE_002], out, jobs=1)
    run = _start_parse(big_folder, out)
    _wait_for_first_part(out, run)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL
    _wait_for_the_workers_to_die(out)
    assert read_manifest(out) == before
    tables = read_tables(out)
    assert tables["pages"]["source_path"].to_pylist() == [str(PAGE_002)]
    # the killed run's temporary folder and lock file (no longer locked: its holder is dead)...
    assert [name.split("-")[0] for name in _leftovers(out)] == [".out.lock", ".out.partial"]
    ingest.ingest([PAGE_002], out, jobs=1)
    assert _leftovers(out) == []  # ...is removed by the next run


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_or_terminate_cleans_up_and_keeps_out(
    big_folder: Path, tmp_path: Path, signum: int, code: int
) -> None:
    out = tmp_path / "out"
    before = ingest.ingest([PAGE_002], out, jobs=1)
    run = _start_parse(big_folder, out)
    _wait_for_first_part(out, run)
    os.killpg(run.pid, signum)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == code
    if signum == signal.SIGINT:
        assert stderr.decode() == f"ingest: error: interrupted; {out} is left as it was\n"
    assert read_manifest(out) == before
    assert _leftovers(out) == []
