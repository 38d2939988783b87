"""The options of ``python -m ingest.bench`` (``make bench``), and the cases ``--only`` picks."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

CASES = ("parse", "profile", "memory", "report", "scale", "hostile", "big", "drift")
"""What ``--only`` can pick: ``parse`` (throughput per ``--jobs`` and the CPU check),
``profile`` (parse only and the stages), ``memory`` (the ``--big`` corpus), ``report``
(the HTML report of that corpus's output: render time and size; runs with ``memory``),
``scale`` (the
cost curve and the incremental re-run), ``hostile`` (the worst ms/KB of hostile lines),
``big`` (big pages' peak RSS) and ``drift`` (IG501's time and RSS at scale)."""


def _cases(text: str) -> set[str]:
    chosen = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(chosen - set(CASES))
    if unknown or not chosen:
        shown = ", ".join(unknown) or repr(text)
        raise argparse.ArgumentTypeError(
            f"unknown case {shown} (expected some of {', '.join(CASES)})"
        )
    return chosen


def bench_arguments(argv: Sequence[str] | None, description: str | None) -> argparse.Namespace:
    """The options of ``python -m ingest.bench`` (exits 2 with one line on a usage error)."""
    parser = argparse.ArgumentParser(prog="python -m ingest.bench", description=description)
    parser.add_argument(
        "--only",
        type=_cases,
        default=set(CASES),
        metavar="CASES",
        help=f"comma-separated cases to run (default: all of {','.join(CASES)})",
    )
    parser.add_argument("--pages", type=int, default=20_000, help="pages of the main corpus")
    parser.add_argument(
        "--big", type=int, default=100_000, help="pages of the memory run (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per --jobs value")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values")
    parser.add_argument("--sample", type=int, default=5_000, help="pages of the stage profile")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--curve",
        type=int,
        nargs="*",
        default=[1_000, 10_000, 100_000],
        help="pages of each cost-curve point (none: skip)",
    )
    parser.add_argument(
        "--engines", nargs="+", default=["local", "dask"], help="engines of the cost curve"
    )
    parser.add_argument(
        "--incremental",
        type=int,
        default=20_000,
        help="pages of the incremental re-run measure (0: skip)",
    )
    parser.add_argument(
        "--big-pages", type=int, default=10, help="pages just under --max-bytes of the big case"
    )
    parser.add_argument(
        "--drift",
        type=int,
        nargs="*",
        default=[10_000, 100_000, 1_000_000],
        help="pages of distinct artifacts of each drift case (a synthetic pages table)",
    )
    parser.add_argument(
        "--drift-one",
        type=int,
        default=40_000,
        help="pages of one artifact of the drift case where every page drifts (0: skip)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where corpora and outputs go, kept and reused by later runs "
        "(default: a private temporary folder, removed at the end)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (its path is printed)"
    )
    args = parser.parse_args(argv)
    if args.dir is not None and args.dir.exists() and not args.dir.is_dir():
        parser.error(f"--dir {args.dir}: not a folder")
    return args
