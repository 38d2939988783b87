"""``python -m ingest.bench``: throughput and memory of ``ingest parse`` (what ``make bench`` runs).

Generates seeded synthetic corpora in a private temporary folder (removed at
the end; ``--dir`` names a folder that is kept and reused by later runs), then
measures, on this machine (``--only`` picks some of these cases):

- ``parse``: ``ingest parse`` end to end with each ``--jobs`` value: pages/s,
  the median of ``--runs`` rounds (one run per value each), and the peak RSS
  of the largest process of the run (from ``wait4``: the command and every
  worker it waited for);
- ``profile``: where one page's time goes, stage by stage, in one process:
  read, parse, check, normalize (rows and Arrow tables) and write (Parquet);
- ``memory``: a second, larger corpus once, to show that peak RSS does not
  grow with it;
- ``report``: the HTML report of that larger corpus's output (render time and
  file size; needs ``ingest[report]`` and runs with ``memory``);
- ``scale``: the cost curve (1k, 10k, 100k pages, local and Dask engines side
  by side) and an ``--incremental`` re-run over an unchanged corpus
  (:mod:`ingest.bench.scale`);
- ``hostile``: the cost per KB of hostile lines, and the worst of them
  (:mod:`ingest.bench.hostile`);
- ``big``: ten pages just under ``--max-bytes`` with ``--jobs 1``, the peak
  RSS per process (:mod:`ingest.bench.big`);
- ``drift``: IG501's time and peak RSS over a synthetic ``pages`` table of
  10k, 100k and 1M pages of distinct artifacts and 40k of one artifact
  (:mod:`ingest.bench.drift`);
- ``peer``: ``ingest parse --jobs 1`` against the hand-written regex+pydantic
  peer over the same files (median ratio of ``--pairs`` alternated pairs),
  ``--jobs 2`` over ``--jobs 1``, and the wall time of ``ingest check FILE``
  and of ``ingest parse`` of five files (:mod:`ingest.bench.peer_case`).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import ingest
from ingest.batch.worker import paused_gc
from ingest.bench.args import bench_arguments
from ingest.bench.big import big_pages_case
from ingest.bench.common import Run, corpus, run_parse
from ingest.bench.drift import drift_cases
from ingest.bench.instructions import instructions_case
from ingest.bench.peer_case import peer_case
from ingest.bench.scale import cost_curve, incremental_rerun
from ingest.bench.stages import STAGES, stage_times
from ingest.jobs.discover import collect_inputs
from ingest.parse.api import parse_bytes, parse_record
from ingest.parse.reader import read_input


def parse_only(files: Sequence[str], models: bool = False) -> float:
    """CPU microseconds per page of parsing alone, the files already in memory.

    Into the records a batch worker uses, or with ``models`` into the
    validated models ``parse_bytes`` returns.
    """
    parse = parse_bytes if models else parse_record
    data = [(read_input(path), path) for path in files]
    with paused_gc():
        started = time.process_time()
        for raw, path in data:
            parse(raw, path)
        return (time.process_time() - started) / len(data) * 1e6


def cpu_check(loops: int = 2_000_000, repeat: int = 5) -> float:
    """Milliseconds of a fixed pure-Python loop (median of ``repeat``): this machine's speed now.

    Shared VMs change speed from minute to minute; printed before and after
    the runs, it tells whether two benchmark runs can be compared.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for step in range(loops):
            total += step
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def _line(label: str, runs: Sequence[Run]) -> str:
    rates = [run.pages_per_second for run in runs]
    peak = max(run.peak_rss_mb for run in runs)
    shown = ", ".join(f"{rate:,.0f}" for rate in rates)
    return (
        f"{label:<26} {statistics.median(rates):>8,.0f} pages/s (median of {shown})"
        f"   peak RSS {peak:,.0f} MB"
    )


def _throughput(args: argparse.Namespace, root: Path) -> list[Run]:
    folder = corpus(root, args.pages, args.seed)
    files = collect_inputs([folder])
    print(f"CPU check before: {cpu_check():.0f} ms for a 2M-step Python loop", flush=True)
    out = root / "out"
    results: dict[int, list[Run]] = {jobs: [] for jobs in args.jobs}
    for _ in range(args.runs):  # rounds of one run per --jobs value: a VM that slows slows all
        for jobs in args.jobs:
            results[jobs].append(run_parse(folder, out, jobs, len(files)))
    for jobs, runs in results.items():
        print(_line(f"ingest parse --jobs {jobs}", runs), flush=True)
    if 1 in results and len(results) > 1:
        base = statistics.median(r.pages_per_second for r in results[1])
        for jobs, runs in results.items():
            if jobs != 1:
                speedup = statistics.median(r.pages_per_second for r in runs) / base
                print(f"  --jobs {jobs} is {speedup:.2f}x --jobs 1", flush=True)
    print(f"CPU check after: {cpu_check():.0f} ms", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return [run for runs in results.values() for run in runs]


def _profile(args: argparse.Namespace, root: Path) -> None:
    sample = collect_inputs([corpus(root, args.pages, args.seed)])[: args.sample]
    print(
        f"parse only: {parse_only(sample):.0f} µs/page into records (as the workers do), "
        f"{parse_only(sample, models=True):.0f} µs/page into models (parse_bytes); "
        f"{len(sample):,} pages in memory"
    )
    with tempfile.TemporaryDirectory(dir=root) as scratch:
        # A first pass pays the once-per-process costs (pyarrow's conversions
        # import pandas, Parquet loads its codecs); the second is steady state.
        stage_times(sample[:500], Path(scratch) / "warm")
        spent = stage_times(sample, Path(scratch) / "measured")
    total = sum(spent.values())
    parts = "  ".join(f"{name} {spent[name] / len(sample) * 1e6:.0f}" for name in STAGES)
    print(f"stages, CPU µs/page, one warm process: {parts}  = {total / len(sample) * 1e6:.0f}")


def _memory(args: argparse.Namespace, root: Path) -> list[Run]:
    if not args.big:
        return []
    big = corpus(root, args.big, args.seed)
    jobs = max(args.jobs)
    run = run_parse(big, root / "out", jobs, len(collect_inputs([big])))
    print(_line(f"{args.big:,} pages --jobs {jobs}", [run]), flush=True)
    if "report" in args.only:
        _report(root / "out", args.big)
    shutil.rmtree(root / "out", ignore_errors=True)
    return [run]


def _report(out: Path, pages: int) -> None:
    """Seconds and bytes of the HTML report of the memory run's output (``ingest[report]``)."""
    try:
        from ingest.htmlreport import bench_report

        seconds, size = bench_report(out)
    except ImportError as error:
        print(f"report: not measured (needs ingest[report]: {error})", flush=True)
        return
    print(
        f"report of {pages:,} pages: {seconds:.2f} s to render, {size / 1e6:.2f} MB",
        flush=True,
    )


def _scale(args: argparse.Namespace, root: Path) -> list[Run]:
    jobs = max(args.jobs)
    runs = cost_curve(root, args.curve, args.engines, jobs, args.seed)
    if args.incremental:
        runs += incremental_rerun(root, args.incremental, jobs, args.seed, args.runs)
    return runs


def _hostile() -> None:
    """The hostile-lines table and its worst ms/KB (a line saying why, if it cannot run)."""
    try:
        module = importlib.import_module("ingest.bench.hostile")
        report = module.hostile_report()
        worst = module.worst_ms_per_kb(report)
    except (ImportError, AttributeError) as error:
        print(f"\nhostile lines: not measured (ingest.bench.hostile: {error})", flush=True)
        return
    print("\nhostile lines (parse and check of a page holding one such line):", flush=True)
    print("| line kind | size | ms/KB |")
    print("|---|---:|---:|")
    for kind, size, ms in report:
        print(f"| {kind} | {size // 1024} KB | {ms:.3f} |")
    print(f"worst ms/KB over the hostile line kinds: {worst:.3f}", flush=True)


def _drift(args: argparse.Namespace, root: Path) -> None:
    cases = [(pages, "distinct") for pages in args.drift]
    if args.drift_one:
        cases.append((args.drift_one, "one"))
    runs = [run for run in drift_cases(root, cases) if run.shape == "distinct"]
    if len(runs) > 1:
        low, high = runs[0], runs[-1]
        print(
            f"drift peak RSS, {low.pages:,} -> {high.pages:,} pages of distinct artifacts: "
            f"{low.peak_rss_mb:,.0f} -> {high.peak_rss_mb:,.0f} MB",
            flush=True,
        )


def bytecode_state(package: Path = Path(ingest.__file__).parent) -> str:
    """Whether every module of ``package`` has up-to-date bytecode (else start-up compiles it).

    With ``PYTHONDONTWRITEBYTECODE`` set and no compiled files, every process
    compiles each module it imports: ``ingest check FILE`` 0.20-0.25 s instead of
    0.13 s here. ``make bench`` compiles first (``make bytecode``).
    """
    sources = sorted(package.rglob("*.py"))
    stale = 0
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        if not cached.is_file() or cached.stat().st_mtime < source.stat().st_mtime:
            stale += 1
    if not stale:
        return f"bytecode: all {len(sources)} modules compiled"
    writes = "not written (PYTHONDONTWRITEBYTECODE)" if sys.dont_write_bytecode else "written"
    return (
        f"bytecode: {stale} of {len(sources)} modules not compiled, {writes}: start-up times "
        "include compiling them (make bytecode)"
    )


def compiled_modules(package: Path = Path(ingest.__file__).parent) -> list[str]:
    """The package's modules that are extension files (``parse/transformer`` for
    ``parse/transformer.cpython-311-x86_64-linux-gnu.so``), which the interpreter imports in
    place of their sources: the modules mypyc compiled."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return sorted(
        (path.parent / path.name.split(".")[0]).relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.name.endswith(suffixes)
    )


def build_state(package: Path = Path(ingest.__file__).parent) -> str:
    """Which build of the package runs: pure Python, or with modules compiled by mypyc."""
    compiled = compiled_modules(package)
    if not compiled:
        return "build: pure Python (INGEST_COMPILE=1 pip install . compiles the hot modules)"
    return f"build: {len(compiled)} modules compiled by mypyc ({', '.join(compiled)})"


def main(argv: Sequence[str] | None = None) -> int:
    args = bench_arguments(argv, __doc__)
    root: Path = (
        args.dir if args.dir is not None else Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    )
    root.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.machine()}; working in {root}",
        flush=True,
    )
    print(bytecode_state(), flush=True)
    print(build_state(), flush=True)
    every: list[Run] = []
    try:
        if "parse" in args.only:
            every += _throughput(args, root)
        if "profile" in args.only:
            _profile(args, root)
        if "memory" in args.only:
            every += _memory(args, root)
        if "scale" in args.only:
            every += _scale(args, root)
        if "hostile" in args.only:
            _hostile()
        if "big" in args.only and args.big_pages:
            every.append(big_pages_case(root, args.big_pages))
        if "drift" in args.only:
            _drift(args, root)
        if "peer" in args.only:
            every += peer_case(root, args.pages, args.seed, args.pairs, cpu_check)
        if "instructions" in args.only:
            instructions_case(corpus(root, args.pages, args.seed), root)
    finally:
        if args.dir is None and not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        elif args.dir is None:
            print(f"kept {root}", flush=True)
    failed = [r for r in every if r.exit_code not in (0, 1)]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
