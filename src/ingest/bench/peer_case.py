"""``--only peer``: ingest against the hand-written peer, the 2-job speed-up, and start-up.

Every figure is a fresh process over the same files, with a fresh output
folder: ``ingest parse --jobs 1`` (validation on, every table written) and
the peer (:mod:`ingest.bench.peer`) alternate, pair after pair, so that a
machine that slows down mid-run slows both; ``--jobs 2`` runs in the same
rounds. Then the start-up figures a user feels: ``ingest check FILE`` on one
page and ``ingest parse`` of five files, medians of 11 runs each. The CPU
check is printed before and after, and the rates and times also scaled to
the 51 ms CPU check that issue 16's figures were taken at.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.bench.common import Run, corpus, ingest_command, run_measured, run_parse
from ingest.jobs.discover import collect_inputs

REFERENCE_CPU_MS = 51.0
"""The CPU check (ms of the 2M-step loop) of the machine issue 16's targets were measured on."""

START_UP_RUNS = 11
ONE_PAGE = Path(__file__).resolve().parents[3] / "corpus" / "002_9e1b73b20691a311.txt"
"""A corpus page, when running from a checkout (else the bench corpus's first page)."""

Measure = Callable[[Path], Run]
"""One run into a given (fresh) output folder."""


def peer_case(
    root: Path, pages: int, seed: int, pairs: int, cpu_check: Callable[[], float]
) -> list[Run]:
    """Print the peer ratio, the 2-job speed-up and the start-up wall times; returns the runs."""
    folder = corpus(root, pages, seed)
    count = len(collect_inputs([folder]))
    before = cpu_check()
    scale = before / REFERENCE_CPU_MS
    print(f"CPU check before: {before:.0f} ms for a 2M-step Python loop", flush=True)
    one_job: Measure = lambda out: run_parse(folder, out, 1, count)  # noqa: E731
    peer: Measure = lambda out: run_measured(_peer_command(folder, out), count)  # noqa: E731
    two_jobs: Measure = lambda out: run_parse(folder, out, 2, count)  # noqa: E731
    runs: dict[Measure, list[Run]] = {one_job: [], peer: [], two_jobs: []}
    for pair in range(pairs):
        order = (one_job, peer) if pair % 2 == 0 else (peer, one_job)
        for measure in (*order, two_jobs):
            runs[measure].append(_fresh(root, measure))
    _rates("ingest parse --jobs 1", runs[one_job], scale)
    _rates("peer (regex+pydantic)", runs[peer], scale)
    _rates("ingest parse --jobs 2", runs[two_jobs], scale)
    ratios = [
        ours.pages_per_second / theirs.pages_per_second
        for ours, theirs in zip(runs[one_job], runs[peer], strict=True)
    ]
    shown = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    print(
        f"peer ratio (ingest --jobs 1 / peer): {statistics.median(ratios):.2f}x "
        f"(median of {pairs} alternated pairs: {shown}; target 1.3x)",
        flush=True,
    )
    speedup = _median_rate(runs[two_jobs]) / _median_rate(runs[one_job])
    print(f"  --jobs 2 is {speedup:.2f}x --jobs 1 (target 1.8x)", flush=True)
    every = [run for measured in runs.values() for run in measured]
    now = cpu_check()  # the machine's speed may have changed since: scale start-up by now's
    print(f"CPU check before the start-up runs: {now:.0f} ms", flush=True)
    every += _start_up(root, folder, now / REFERENCE_CPU_MS)
    print(f"CPU check after: {cpu_check():.0f} ms", flush=True)
    return every


def _peer_command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "ingest.bench", "--peer", str(folder), "-o", str(out)]


def _fresh(root: Path, measure: Measure) -> Run:
    """``measure`` into an output folder that does not exist yet (removed afterwards)."""
    out = root / "out-peer"
    shutil.rmtree(out, ignore_errors=True)
    try:
        return measure(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _median_rate(runs: Sequence[Run]) -> float:
    return statistics.median(run.pages_per_second for run in runs)


def _rates(label: str, runs: Sequence[Run], scale: float) -> None:
    shown = ", ".join(f"{run.pages_per_second:,.0f}" for run in runs)
    rate = _median_rate(runs)
    peak = max(run.peak_rss_mb for run in runs)
    print(
        f"{label:<26} {rate:>8,.0f} pages/s (median of {shown}; {rate * scale:,.0f} at a "
        f"{REFERENCE_CPU_MS:.0f} ms CPU check)   peak RSS {peak:,.0f} MB",
        flush=True,
    )


def _start_up(root: Path, folder: Path, scale: float) -> list[Run]:
    """``ingest check FILE`` on one page and ``ingest parse`` of five files: median wall ms."""
    files = collect_inputs([folder])
    page = ONE_PAGE if ONE_PAGE.exists() else Path(files[0])
    five = root / "five-pages"
    if not five.exists():
        five.mkdir()
        for index, path in enumerate(files[:5]):
            shutil.copyfile(path, five / f"page-{index}.txt")
    check = [*ingest_command(), "check", str(page)]
    parse = [*ingest_command(), "parse", str(five), "--quiet", "-o"]
    cases = (
        ("ingest check FILE (1 page)", lambda out: run_measured(check, 1), 100),
        ("ingest parse (5 files)", lambda out: run_measured([*parse, str(out)], 5), 250),
    )
    every: list[Run] = []
    for label, measure, target in cases:
        runs = [_fresh(root, measure) for _ in range(START_UP_RUNS)]
        ms = statistics.median(run.seconds for run in runs) * 1e3
        peak = max(run.peak_rss_mb for run in runs)
        print(
            f"{label:<26} {ms:>6.0f} ms wall (median of {len(runs)}; {ms / scale:.0f} ms at a "
            f"{REFERENCE_CPU_MS:.0f} ms CPU check; target {target} ms)   peak RSS {peak:,.0f} MB",
            flush=True,
        )
        every += runs
    return every
