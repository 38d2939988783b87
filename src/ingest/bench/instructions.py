"""The ``instructions`` case: ingest's worker loop against the peer's, in instructions a page.

This VM's speed changes by more than 2x from one run to the next, and its CPU
check does not follow every slowdown, so the wall-time peer ratio of the
``peer`` case moves by +-15 % between two runs an hour apart. Instructions
executed do not: callgrind counts them (``valgrind --tool=callgrind``, with
``PYTHONHASHSEED=0``), the same from run to run. Each loop runs twice in a fresh
process, over one page and over ``pages`` pages: the difference, divided by
the extra pages, is what a page costs once the process has started.

The loops are the peer's ``run_peer`` and the worker loop the ``profile``
case times (:func:`ingest.bench.stages.stage_times`: read, parse, check,
normalize, write). Neither counts process start-up or, for ingest, the end of
the run (drift, ``artifacts``, the manifest). sha256 is counted in both and
inflated in both: valgrind hides the CPU's SHA extensions from OpenSSL.

Opt-in (``--only instructions``; about 4 minutes for 500 pages): it needs
valgrind, a system package (``apt-get install valgrind``), and is skipped
with one line without it. ``python -m ingest.bench.instructions ingest|peer DIR``
is one loop, what the case runs under valgrind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

_COLLECTED = re.compile(r"^==\d++== Collected : (\d++)$", re.MULTILINE)
LOOPS = ("ingest", "peer")


def collected(stderr: str) -> int:
    """The instruction count callgrind prints at the end of a run."""
    found = _COLLECTED.findall(stderr)
    if len(found) != 1:
        raise RuntimeError(f"no single 'Collected' line in valgrind's output: {stderr[-300:]!r}")
    return int(found[0])


def _flat_copy(files: Sequence[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, file in enumerate(files):
        shutil.copyfile(file, folder / f"page{index:05d}.txt")
    return folder


def _count(valgrind: str, loop: str, folder: Path) -> int:
    command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, "-m", "ingest.bench.instructions", loop, str(folder)]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False, timeout=1800
    )
    if done.returncode != 0:
        raise RuntimeError(f"{loop} under valgrind exited {done.returncode}: {done.stderr[-300:]}")
    return collected(done.stderr)


def per_page(counts: dict[tuple[str, int], int], pages: int) -> dict[str, float]:
    """Instructions a page of each loop: (``pages`` run - one-page run) / (``pages`` - 1)."""
    return {loop: (counts[loop, pages] - counts[loop, 1]) / (pages - 1) for loop in LOOPS}


def instructions_case(corpus_folder: Path, root: Path, pages: int = 500) -> None:
    """Print each loop's instructions a page and their ratio (peer / ingest)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("instructions: skipped, valgrind is not installed (apt-get install valgrind)")
        return
    files = sorted(corpus_folder.rglob("*.txt"))[:pages]
    pages = len(files)
    if pages < 2:
        print("instructions: skipped, fewer than two pages")
        return
    scratch = Path(tempfile.mkdtemp(prefix="instructions-", dir=root))
    try:
        folders = {
            1: _flat_copy(files[:1], scratch / "one"),
            pages: _flat_copy(files, scratch / "all"),
        }
        counts = {
            (loop, size): _count(valgrind, loop, folder)
            for loop in LOOPS
            for size, folder in folders.items()
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    costs = per_page(counts, pages)
    print(
        f"instructions a page ({pages} pages, callgrind): ingest worker loop "
        f"{costs['ingest'] / 1e6:.3f} M, peer {costs['peer'] / 1e6:.3f} M: "
        f"peer / ingest {costs['peer'] / costs['ingest']:.2f}x",
        flush=True,
    )


def _ingest_loop(folder: Path) -> None:
    from ingest.batch.worker import skip_pandas_probe
    from ingest.bench.stages import stage_times
    from ingest.parse.grammar import page_parser

    skip_pandas_probe()
    page_parser()
    files = sorted(str(path) for path in folder.glob("*.txt"))
    with tempfile.TemporaryDirectory() as out:
        stage_times(files, Path(out) / "out")


def _peer_loop(folder: Path) -> None:
    from ingest.bench.peer import run_peer, skip_pandas_probe

    skip_pandas_probe()
    with tempfile.TemporaryDirectory() as out:
        run_peer([str(folder)], Path(out) / "out")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) != 2 or arguments[0] not in LOOPS:
        print("usage: python -m ingest.bench.instructions ingest|peer DIR", file=sys.stderr)
        return 2
    loop, folder = arguments[0], Path(arguments[1])
    (_ingest_loop if loop == "ingest" else _peer_loop)(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
