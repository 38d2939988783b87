"""`kill -9` of `ingest parse` takes its worker processes with it.

The parent is killed while its two workers are busy; they must be gone within 2 s
(before, they waited for work on their pool pipes forever).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest.jobs import pool
from tests.hostile.process import TIMEOUT, program

PAGES = 4000
COPIES = 5
"""The pages are hard-linked into this many folders: 20,000 inputs, several seconds of work."""
GONE_WITHIN = 2.0
POLL = 0.02


def children(pid: int) -> set[int]:
    """The processes ``pid`` started (every thread's children)."""
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(child) for child in handle.read().split())
    except FileNotFoundError:
        pass
    return found


def pool_workers(pid: int) -> set[int]:
    """The children of ``pid`` forked as they are (same command line), not exec'd helpers.

    multiprocessing's resource tracker is a child too, but a program of its own that
    exits when the last process holding its pipe does."""
    own = _cmdline(pid)
    return {child for child in children(pid) if own is not None and _cmdline(child) == own}


def _cmdline(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except (FileNotFoundError, ProcessLookupError):
        return None


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that may never come counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            state = handle.read().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` until it holds (True) or ``seconds`` have passed (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL)
    return condition()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    subprocess.run(
        [*program(), "synth", str(PAGES), "-o", pages],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    root = tmp_path / "in"
    for copy in range(COPIES):
        for source in pages.rglob("*.txt"):
            target = root / f"copy{copy}" / source.relative_to(pages)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
    return root


@pytest.fixture
def workers() -> Iterator[set[int]]:
    """The workers the test saw; any still running at the end are killed (test hygiene)."""
    seen: set[int] = set()
    yield seen
    for pid in seen:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_workers_exit_when_the_parent_is_killed(
    inputs: Path, tmp_path: Path, workers: set[int]
) -> None:
    parent = subprocess.Popen(
        [*program(), "parse", inputs, "-o", tmp_path / "out", "-q", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: len(pool_workers(parent.pid)) >= 2, TIMEOUT), "no workers"
        workers.update(pool_workers(parent.pid))
        assert parent.poll() is None, "the run ended before it could be killed"
        parent.kill()
        parent.wait(timeout=TIMEOUT)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert wait_for(lambda: not any(map(alive, workers)), GONE_WITHIN), (
        f"workers still running {GONE_WITHIN} s after the parent was killed: "
        f"{sorted(pid for pid in workers if alive(pid))}"
    )


def test_where_prctl_is_missing_a_worker_notices_its_new_parent() -> None:
    """The fallback: a watcher thread that compares the parent id with the one it started with."""
    context = multiprocessing.get_context("fork")
    worker = context.Process(target=pool._watch_parent, args=(os.getpid() + 10**6,))
    worker.start()
    worker.join(timeout=TIMEOUT)
    assert worker.exitcode == 1  # the parent it was given is not its parent: it exited


def test_a_worker_whose_parent_died_before_it_started_exits() -> None:
    context = multiprocessing.get_context("fork")
    worker = context.Process(target=pool._worker_start, args=(os.getpid() + 10**6,))
    worker.start()
    worker.join(timeout=TIMEOUT)
    assert worker.exitcode == 1
