"""The options of ``python -m ingest.bench`` (``make bench``), and the cases ``--only`` picks."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CASES = (
    "parse",
    "profile",
    "memory",
    "report",
    "scale",
    "hostile",
    "big",
    "drift",
    "peer",
    "instructions",
)
"""What ``--only`` can pick: ``parse`` (throughput per ``--jobs`` and the CPU check),
``profile`` (parse only and the stages), ``memory`` (the ``--big`` corpus), ``report``
(the HTML report of that corpus's output: render time and size; runs with ``memory``),
``scale`` (the
cost curve and the incremental re-run), ``hostile`` (the worst ms/KB of hostile lines),
``big`` (big pages' peak RSS), ``drift`` (IG501's time and RSS at scale) and ``peer``
(ingest against the hand-written peer, the 2-job speed-up and the start-up wall times);
``instructions`` (the same two loops in instructions a page, under valgrind) only when
asked for."""
DEFAULT_CASES = frozenset(CASES) - {"instructions"}


def _cases(text: str) -> set[str]:
    chosen = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(chosen - set(CASES))
    if unknown or not chosen:
        shown = ", ".join(unknown) or repr(text)
        raise argparse.ArgumentTypeError(
            f"unknown case {shown} (expected some of {', '.join(CASES)})"
        )
    return chosen


def _sizes(default: list[int], what: str) -> dict[str, Any]:
    """A list of page counts (none: skip)."""
    return {"type": int, "nargs": "*", "default": default, "help": f"{what} (none: skip)"}


_OPTIONS: list[tuple[str, dict[str, Any]]] = [
    ("--pages", {"type": int, "default": 20_000, "help": "pages of the main corpus"}),
    ("--big", {"type": int, "default": 100_000, "help": "pages of the memory run (0: skip)"}),
    ("--runs", {"type": int, "default": 3, "help": "runs per --jobs value"}),
    ("--jobs", {"type": int, "nargs": "+", "default": [1, 2], "help": "--jobs values"}),
    ("--sample", {"type": int, "default": 5_000, "help": "pages of the stage profile"}),
    ("--seed", {"type": int, "default": 0}),
    ("--curve", _sizes([1_000, 10_000, 100_000], "pages of each cost-curve point")),
    (
        "--engines",
        {"nargs": "+", "default": ["local", "dask"], "help": "engines of the cost curve"},
    ),
    (
        "--incremental",
        {
            "type": int,
            "default": 20_000,
            "help": "pages of the incremental re-run measure (0: skip)",
        },
    ),
    (
        "--big-pages",
        {"type": int, "default": 10, "help": "pages just under --max-bytes of the big case"},
    ),
    (
        "--drift",
        _sizes(
            [10_000, 100_000, 1_000_000],
            "pages of distinct artifacts of each drift case (a synthetic pages table)",
        ),
    ),
    (
        "--drift-one",
        {
            "type": int,
            "default": 40_000,
            "help": "pages of one artifact of the drift case where every page drifts (0: skip)",
        },
    ),
    (
        "--pairs",
        {"type": int, "default": 5, "help": "alternated ingest/peer pairs of the peer case"},
    ),
]
"""The sizes and counts of the cases: (flag, ``add_argument`` keywords)."""


def bench_arguments(argv: Sequence[str] | None, description: str | None) -> argparse.Namespace:
    """The options of ``python -m ingest.bench`` (exits 2 with one line on a usage error)."""
    parser = argparse.ArgumentParser(prog="python -m ingest.bench", description=description)
    parser.add_argument(
        "--only",
        type=_cases,
        default=set(DEFAULT_CASES),
        metavar="CASES",
        help=f"comma-separated cases to run, of {','.join(CASES)} (default: all but instructions)",
    )
    for flag, keywords in _OPTIONS:
        parser.add_argument(flag, **keywords)
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
    if args.pairs < 1:
        parser.error("--pairs: at least 1")
    return args
