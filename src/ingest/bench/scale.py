"""The scale part of ``make bench``: the cost curve of both engines, and the incremental re-run.

Every figure is one ``ingest parse`` in a fresh process (see
:func:`ingest.bench.common.run_parse`): pages/s end to end, so the Dask engine's
figures include starting its local cluster, and the peak RSS of the largest
process of the run (the command, or one of its workers). Results are printed
as Markdown tables, ready for the README.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Sequence
from pathlib import Path

from ingest.bench.common import Run, corpus, run_parse
from ingest.synth.corpus import PAGES_PER_FOLDER


def curve_inputs(root: Path, pages: int, largest: int, seed: int) -> list[Path]:
    """Folders holding exactly ``pages`` pages.

    The first sub-folders of the largest corpus where ``pages`` is a multiple
    of their size (no corpus to write), else a corpus of its own.
    """
    if pages % PAGES_PER_FOLDER == 0 and pages <= largest:
        folder = corpus(root, largest, seed)
        return [folder / f"{index:03d}" for index in range(pages // PAGES_PER_FOLDER)]
    return [corpus(root, pages, seed)]


def _cell(run: Run | None) -> str:
    if run is None:
        return "| - | - "
    return f"| {run.pages_per_second:,.0f} | {run.peak_rss_mb:,.0f} MB "


def cost_curve(
    root: Path, sizes: Sequence[int], engines: Sequence[str], jobs: int, seed: int
) -> list[Run]:
    """``ingest parse`` over each size with each engine, printed as a table; the runs."""
    runs: list[Run] = []
    if not sizes:
        return runs
    largest = max(sizes)
    out = root / "out-curve"
    header = "".join(f"| {engine} pages/s | {engine} peak RSS " for engine in engines)
    print(f"\ncost curve, --jobs {jobs} (pages/s end to end, including start-up):", flush=True)
    print(f"| pages {header}|")
    print("|---:" + "|---:|---:" * len(engines) + "|", flush=True)
    for pages in sizes:
        inputs = curve_inputs(root, pages, largest, seed)
        row = f"| {pages:,} "
        for engine in engines:
            run = run_parse(inputs, out, jobs, pages, ["--engine", engine])
            runs.append(run)
            row += _cell(run)
        print(row + "|", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return runs


def incremental_rerun(root: Path, pages: int, jobs: int, seed: int, runs: int) -> list[Run]:
    """A first ``--incremental`` run over ``pages`` pages, then ``runs`` unchanged re-runs."""
    folder = corpus(root, pages, seed)
    out = root / "out-incremental"
    shutil.rmtree(out, ignore_errors=True)
    first = run_parse(folder, out, jobs, pages, ["--incremental"])
    again = [run_parse(folder, out, jobs, pages, ["--incremental"]) for _ in range(runs)]
    shutil.rmtree(out, ignore_errors=True)
    seconds = statistics.median(run.seconds for run in again)
    peak = max(run.peak_rss_mb for run in again)
    shown = ", ".join(f"{run.seconds:.2f}" for run in again)
    print(f"\nincremental, {pages:,} pages, --jobs {jobs}:", flush=True)
    print("| run | seconds | pages/s | peak RSS |")
    print("|---|---:|---:|---:|")
    print(
        f"| first (parses every page) | {first.seconds:.2f} | "
        f"{first.pages_per_second:,.0f} | {first.peak_rss_mb:,.0f} MB |"
    )
    print(
        f"| unchanged re-run (median of {shown}) | {seconds:.2f} | "
        f"{pages / seconds:,.0f} | {peak:,.0f} MB |"
    )
    print(f"re-run / first run: {seconds / first.seconds:.3f}", flush=True)
    return [first, *again]
