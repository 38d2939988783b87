"""What every part of ``make bench`` shares: the :class:`Run` figure, the corpus, a timed run.

:func:`run_parse` is one ``ingest parse`` in a fresh process, timed with its
peak RSS; :func:`corpus` writes a seeded synthetic corpus once per folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


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
    os.sync()  # the kernel writes the new files out now, not during the timed runs
    print(f"  written in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


TABLE_HEAD = """\
Alpha vs Beta
Alpha ranks higher at 60/100 vs Beta at 40/100. Backed by match graph evidence.
| Feature | Alpha | Beta |
|---|---|---|
| Type | Model | Model |
| UnfragileRank | 60/100 | 40/100 |
| Adoption | 1 | 0 |
| Quality | 1 | 0 |
| Pricing | Free | Paid |
| Capabilities | {listed} decomposed | 1 decomposed |
"""
"""Title, summary and table of the small Alpha-vs-Beta page the bench's hand-built pages
start with (``{listed}``: Alpha's declared capabilities)."""

_MEASURE = """
import os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
"""Runs a command and reports its wall time, peak RSS (KB) and exit code.

A small process of its own, because a child's peak RSS starts at the size of
the process that forked it, and this benchmark's own process is large."""


def ingest_command() -> list[str]:
    """How to run ``ingest``: the console script next to this Python, as a user types it."""
    script = Path(sys.executable).with_name("ingest")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ingest.cli"]


def run_measured(command: Sequence[str], pages: int) -> Run:
    """``command`` in a fresh process: its wall time, peak RSS and exit code."""
    report = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    seconds, peak_kb, code = report.stdout.split()
    return Run(pages, float(seconds), int(peak_kb) / 1024, int(code))


def run_parse(
    folder: Path | Sequence[Path], out: Path, jobs: int, pages: int, options: Sequence[str] = ()
) -> Run:
    """``ingest parse folder... -o out --jobs N --quiet [options]`` in a fresh process, timed."""
    folders = [folder] if isinstance(folder, Path) else list(folder)
    command = [*ingest_command(), "parse", *map(str, folders), "-o", str(out)]
    command += ["--jobs", str(jobs), "--quiet", *options]
    return run_measured(command, pages)
