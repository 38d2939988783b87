"""`--timeout-per-file`: a page over its time budget is given up, the batch goes on.

A slow page is simulated by a parser patched to sleep 5 s on one page; with a budget
of 0.5 s that page must be a ``failed`` page (parse) or an IG001 finding (check) with
the exact message, every other page ok, and the whole run well under the 5 s.
"""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from types import FrameType
from typing import Any

import pyarrow.parquet as pq
import pytest

import ingest
from ingest.batch.worker import ChunkTask, ingest_chunk
from ingest.dataset.writer import make_table_dirs
from ingest.jobs.page_guard import PageTimeout, TimeBudget, time_budget
from ingest.jobs.pool import map_tasks
from ingest.page.records import Page
from ingest.parse.api import parse_file_record, parse_record
from tests.hostile.process import ROOT
from tests.hostile.process import ingest as run_ingest

VICTIM = "002_9e1b73b20691a311.txt"
SLOW = 5.0
"""Seconds the patched parser takes on the victim page."""
MESSAGE = "timed out after 0.5 s (--timeout-per-file)"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


@pytest.fixture
def slow_victim(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser takes 5 s on the victim page, in parse and in check."""

    def slow_record(data: bytes, source: str | None = None, **options: Any) -> Page:
        if source is not None and source.endswith(VICTIM):
            time.sleep(SLOW)
        return parse_record(data, source, **options)

    def slow_file(path: str, **options: Any) -> Page:
        if str(path).endswith(VICTIM):
            time.sleep(SLOW)
        return parse_file_record(path, **options)

    monkeypatch.setattr("ingest.batch.worker.parse_record", slow_record)
    monkeypatch.setattr("ingest.lint.checker.parse_file_record", slow_file)


@pytest.fixture
def stopwatch() -> Iterator[None]:
    started = time.monotonic()
    yield
    assert time.monotonic() - started < SLOW / 2  # the slow page was given up, not waited for


@pytest.mark.usefixtures("slow_victim", "stopwatch")
def test_a_page_over_budget_is_a_failed_page_and_the_batch_goes_on(
    corpus: Path, tmp_path: Path
) -> None:
    manifest = ingest.ingest(corpus, tmp_path / "out", jobs=1, timeout_per_file=0.5)
    assert asdict(manifest.status) == {"ok": 4, "partial": 0, "failed": 1}
    pages = pq.read_table(tmp_path / "out" / "pages", columns=["source_path", "status"])
    assert sorted((Path(p).name, s) for p, s in zip(*pages.to_pydict().values(), strict=True)) == [
        ("000_91da0c470094187d.txt", "ok"),
        ("001_2e741cea5e3c9ee4.txt", "ok"),
        ("002_9e1b73b20691a311.txt", "failed"),
        ("003_b7000c482674d1d3.txt", "ok"),
        ("004_60ef58da2206c293.txt", "ok"),
    ]
    errors = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert [(Path(e["source_path"]).name, e["message"]) for e in errors] == [(VICTIM, MESSAGE)]


@pytest.mark.usefixtures("slow_victim", "stopwatch")
def test_a_page_over_budget_is_an_ig001_finding_in_check(corpus: Path) -> None:
    report = ingest.check(corpus, select="IG001", jobs=1, timeout_per_file=0.5)
    assert [(f.code, Path(f.path).name, f.line, f.message) for f in report.findings] == [
        ("IG001", VICTIM, 1, f"cannot parse the page: {MESSAGE}")
    ]
    assert len(report.files) == 5


@pytest.mark.usefixtures("slow_victim", "stopwatch")
def test_the_budget_holds_in_worker_processes(corpus: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in corpus.iterdir())
    root = tmp_path / "parts"
    make_table_dirs(root)
    tasks = [
        ChunkTask(0, files[:2], str(root), timeout=0.5),
        ChunkTask(1, files[2:], str(root), timeout=0.5),
    ]
    results = list(map_tasks(ingest_chunk, tasks, jobs=2))
    assert sorted(r.status["failed"] for r in results) == [0, 1]
    assert sum(r.status["ok"] for r in results) == 4
    errors = pq.read_table(root / "errors").to_pylist()
    assert [(Path(e["source_path"]).name, e["message"]) for e in errors] == [(VICTIM, MESSAGE)]


@pytest.mark.usefixtures("slow_victim", "stopwatch")
def test_check_keeps_the_budget_in_its_worker_processes(corpus: Path, tmp_path: Path) -> None:
    many = tmp_path / "many"
    many.mkdir()
    page = (corpus / "000_91da0c470094187d.txt").read_bytes()
    for index in range(300):  # over INLINE_FILES: checked by a pool of workers
        (many / f"{index:03d}.txt").write_bytes(page)
    shutil.copy(corpus / VICTIM, many / VICTIM)
    report = ingest.check(many, select="IG001", jobs=2, timeout_per_file=0.5)
    assert [(Path(f.path).name, f.message) for f in report.findings] == [
        (VICTIM, f"cannot parse the page: {MESSAGE}")
    ]


def test_a_bad_budget_is_a_usage_error(tmp_path: Path) -> None:
    pages = ROOT / "corpus"
    run = run_ingest("parse", pages, "-o", "out", "--timeout-per-file", "nan", cwd=tmp_path)
    assert (run.exit_code, run.stderr) == (
        2,
        "ingest: error: ingest parse: Invalid value for '--timeout-per-file': the time per "
        "file must be 0 (no limit) to 86400 seconds, not nan\n",
    )
    run = run_ingest("check", pages, "--timeout-per-file", "-1", cwd=tmp_path)
    assert (run.exit_code, run.stderr) == (
        2,
        "ingest: error: ingest check: Invalid value for '--timeout-per-file': the time per "
        "file must be 0 (no limit) to 86400 seconds, not -1\n",
    )
    with pytest.raises(ValueError) as caught:
        ingest.check(pages, timeout_per_file=-1)
    assert str(caught.value) == "the time per file must be 0 (no limit) to 86400 seconds, not -1"


def test_the_budget_restores_the_previous_handler_and_timer() -> None:
    def outer(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("the outer timer must not fire during the test")

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_budget(0.5):
            assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 29 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30  # the outer timer goes on
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_zero_means_no_budget() -> None:
    with time_budget(0):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_there_is_no_budget() -> None:
    seen: list[tuple[float, float]] = []

    def work() -> None:
        with time_budget(0.5):
            seen.append(signal.getitimer(signal.ITIMER_REAL))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [(0.0, 0.0)]


def test_a_page_gets_its_whole_budget_however_late_it_starts() -> None:
    """The timer is armed once for a run of pages; a page started late still has all of it."""
    with TimeBudget(0.5) as budget:
        budget.start()  # arms the timer
        budget.stop()
        time.sleep(0.4)  # between pages: the timer runs on
        budget.start()
        time.sleep(0.3)  # past the first arming's 0.5 s, within this page's own
        budget.stop()
        budget.start()
        started = time.monotonic()
        with pytest.raises(PageTimeout):
            time.sleep(SLOW)
        elapsed = time.monotonic() - started
        budget.stop()
    assert 0.5 <= elapsed < 1.5  # given up when its own budget ran out


def test_a_stopped_page_never_times_out_later() -> None:
    with TimeBudget(0.3) as budget:
        budget.start()
        budget.stop()
        time.sleep(0.6)  # the timer fires with no page running: nothing is raised
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and it stays disarmed
        budget.start()  # the next page arms it again
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.3
        budget.stop()
        budget.pause()  # a stretch without pages: disarmed
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
