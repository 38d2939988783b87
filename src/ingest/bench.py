"""``python -m ingest.bench``: throughput and memory of ``ingest parse`` (what ``make bench`` runs).

Generates a seeded synthetic corpus outside the repository (reused by later
runs), then measures, on this machine:

- ``ingest parse`` end to end with each ``--jobs`` value: pages/s, the median
  of ``--runs`` runs, and the peak RSS of the largest process of the run;
- where one page's time goes, stage by stage, in one process: read, parse,
  check, normalize (rows and Arrow tables) and write (Parquet);
- a second, larger corpus once, to show that peak RSS does not grow with it.

Peak RSS comes from ``wait4``: the largest resident set of the command and
of every worker it waited for.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.discover import collect_inputs
from ingest.errors import ParseError
from ingest.normalize import TableRows
from ingest.parser import parse_bytes
from ingest.reader import read_input
from ingest.rules import check_page, parse_error_finding
from ingest.worker import PAGES_PER_ROW_GROUP, paused_gc
from ingest.writer import PartWriter, make_table_dirs

STAGES = ("read", "parse", "check", "normalize", "write")


@dataclass(frozen=True)
class Run:
    """One ``ingest parse`` run: its wall time and the largest peak RSS of its processes."""

    pages: int
    seconds: float
    peak_rss_mb: float
    exit_code: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def corpus(root: Path, pages: int, seed: int) -> Path:
    """The synthetic corpus of ``pages`` pages for ``seed`` under ``root``, written once."""
    from ingest.synth import write_corpus

    folder = root / f"pages-{pages}-seed{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    print(f"writing {pages:,} synthetic pages to {folder} ...", flush=True)
    write_corpus(pages, folder, seed=seed)
    done.touch()
    print(f"  written in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def run_parse(folder: Path, out: Path, jobs: int, pages: int) -> Run:
    """``ingest parse folder -o out --jobs N --quiet`` in a fresh process, timed."""
    command = [sys.executable, "-c", "from ingest.cli import main; main()"]
    command += ["parse", str(folder), "-o", str(out)]
    command += ["--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(pages, seconds, usage.ru_maxrss / 1024, process.returncode)


def stage_times(files: Sequence[str], out: Path) -> dict[str, float]:
    """Seconds per stage over ``files``: the worker's loop (see ``ingest.worker``), timed."""
    clock = time.perf_counter
    spent = dict.fromkeys(STAGES, 0.0)
    make_table_dirs(out)
    rows = TableRows()
    with paused_gc(), PartWriter(out, 0) as writer:
        for path in files:
            t0 = clock()
            try:
                data = read_input(path)
            except ParseError as error:
                rows.add_failure(error, path, None, [parse_error_finding(error)])
                continue
            t1 = clock()
            try:
                page = parse_bytes(data, path)
            except ParseError as error:
                rows.add_failure(error, path, None, [parse_error_finding(error)])
                continue
            t2 = clock()
            findings = check_page(page, path)
            t3 = clock()
            rows.add_page(page, findings)
            t4 = clock()
            spent["read"] += t1 - t0
            spent["parse"] += t2 - t1
            spent["check"] += t3 - t2
            spent["normalize"] += t4 - t3
            if rows.page_count >= PAGES_PER_ROW_GROUP:
                _flush(rows, writer, spent)
        _flush(rows, writer, spent)
    return spent


def _flush(rows: TableRows, writer: PartWriter, spent: dict[str, float]) -> None:
    t0 = time.perf_counter()
    tables = rows.to_tables()
    rows.clear()
    t1 = time.perf_counter()
    writer.write(tables)
    del tables
    gc.collect()
    t2 = time.perf_counter()
    spent["normalize"] += t1 - t0
    spent["write"] += t2 - t1


def parse_only(files: Sequence[str]) -> float:
    """Microseconds per page of ``parse_bytes`` alone, the files already in memory."""
    data = [(read_input(path), path) for path in files]
    with paused_gc():
        started = time.perf_counter()
        for raw, path in data:
            parse_bytes(raw, path)
        return (time.perf_counter() - started) / len(data) * 1e6


def _line(label: str, runs: Sequence[Run]) -> str:
    rates = [run.pages_per_second for run in runs]
    peak = max(run.peak_rss_mb for run in runs)
    shown = ", ".join(f"{rate:,.0f}" for rate in rates)
    return (
        f"{label:<26} {statistics.median(rates):>8,.0f} pages/s (median of {shown})"
        f"   peak RSS {peak:,.0f} MB"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.bench", description=__doc__)
    parser.add_argument("--pages", type=int, default=20_000, help="pages of the main corpus")
    parser.add_argument(
        "--big", type=int, default=100_000, help="pages of the memory run (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per --jobs value")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values")
    parser.add_argument("--sample", type=int, default=5_000, help="pages of the stage profile")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "ingest-bench",
        help="where the corpora and outputs go (outside the repository)",
    )
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.machine()}",
        flush=True,
    )
    folder = corpus(args.dir, args.pages, args.seed)
    files = collect_inputs([folder])
    out = args.dir / "out"
    results: dict[int, list[Run]] = {}
    for jobs in args.jobs:
        results[jobs] = [run_parse(folder, out, jobs, len(files)) for _ in range(args.runs)]
        print(_line(f"ingest parse --jobs {jobs}", results[jobs]), flush=True)
    if 1 in results and len(results) > 1:
        base = statistics.median(r.pages_per_second for r in results[1])
        for jobs, runs in results.items():
            if jobs != 1:
                speedup = statistics.median(r.pages_per_second for r in runs) / base
                print(f"  --jobs {jobs} is {speedup:.2f}x --jobs 1", flush=True)
    sample = files[: args.sample]
    print(f"parse only: {parse_only(sample):.0f} µs/page ({len(sample):,} pages in memory)")
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        spent = stage_times(sample, Path(scratch))
    total = sum(spent.values())
    parts = "  ".join(f"{name} {spent[name] / len(sample) * 1e6:.0f}" for name in STAGES)
    print(f"stages, µs/page, one process: {parts}  = {total / len(sample) * 1e6:.0f}")
    if args.big:
        big = corpus(args.dir, args.big, args.seed)
        jobs = max(args.jobs)
        run = run_parse(big, out, jobs, len(collect_inputs([big])))
        print(_line(f"{args.big:,} pages --jobs {jobs}", [run]), flush=True)
    shutil.rmtree(out, ignore_errors=True)
    failed = [r for runs in results.values() for r in runs if r.exit_code not in (0, 1)]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
