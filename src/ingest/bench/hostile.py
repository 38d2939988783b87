"""Hostile lines: does one long line built from what the regexes look for cost linear time?

For each kind of line a page has, a page whose line of that kind is replaced
by 1, 10 and 100 KB of the fragments that kind's patterns anchor on (the
verdict's ``a leads on b, while c is stronger on d``, a title of ``x vs``,
...) is parsed with :func:`ingest.parse.api.parse_record` and checked with
:func:`ingest.rules.check_page`. The cost per KB must stay flat as the line
grows; ``make bench`` prints the worst figure and ``tests/hostile`` holds it
under a bound.

``python -m ingest.bench.hostile`` prints the table.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Sequence

from ingest.bench.common import TABLE_HEAD
from ingest.errors import ParseError
from ingest.parse.api import parse_record
from ingest.rules import check_page

SIZES = (1024, 10 * 1024, 100 * 1024)
"""The hostile line's length in bytes (1, 10 and 100 KB)."""

_VERDICT = (
    "Alpha scores higher at 60/100 vs Beta at 40/100. Alpha leads on adoption and quality. "
    "Alpha also has a free tier, making it more accessible."
)
_PAGE = (
    TABLE_HEAD.format(listed=2)
    + f"""\
Alpha Capabilities
Classifies images with a vision transformer.
Unique: Fine-tuned from a larger model.
vs alternatives: Faster than the usual ones.
Segments images into regions.
+0 more capabilities
Beta Capabilities
Generates images from text.
Unique: Works in a latent space.
vs alternatives: Uses less memory.
+0 more capabilities
Verdict
{_VERDICT}
Need something different?
Search the match graph →
"""
)

_SUMMARY = "Alpha ranks higher at 60/100 vs Beta at 40/100"
_SCORES = "Alpha scores higher at"
_VERDICT = f"{_SCORES} 60/100 vs Beta at 40/100"
_CAPABILITY = "Unique: vs alternatives: Verdict +1 more capabilit | Capabilities, "
_LEADS = "a leads on b, while c is stronger on d "
_SENTENCES = "Alpha leads on adoption. Gamma is stronger on quality, match graph and speed. "

_KINDS: dict[str, tuple[str, str, str, str]] = {
    # kind: (the start of the line it replaces, the text before the repeats, the
    # repeated fragment, the text after them)
    "title": ("Alpha vs Beta", "", "Alpha vs ", "Beta"),
    "summary": (f"{_SUMMARY}.", "", f"{_SUMMARY} ", ""),
    "separator": ("|---|", "|", "-|", "x"),
    "table row": ("| Adoption | 1 | 0 |", "| Adoption ", "| 1,0.5e-1 ", "|"),
    "cell": ("| Adoption | 1 | 0 |", "| Adoption | $1", ",000", ".25/1M tokens per 1M x! | 0 |"),
    "heading": ("Beta Capabilities", "", "Beta Capabilities ", "Capabilities"),
    "capability": ("Generates images from text.", "", _CAPABILITY, ""),
    "unique/vs": ("Unique: Works in a latent space.", "Unique:", " Unique: vs alternatives:", ""),
    "+k more": ("+0 more capabilities", "+", "9", " more capabilities"),
    "verdict": (_SCORES, f"{_VERDICT}. ", _LEADS, ""),
    "verdict sentences": (_SCORES, f"{_VERDICT}. ", _SENTENCES, ""),
    "verdict scores": (_SCORES, "", f"{_VERDICT} ", ""),
    "lead dimensions": (_SCORES, "Alpha leads on adoption", " ", "and quality."),
    "blank run": ("Segments images", "Segments", " \t", "images. "),
    "trailer": ("Need something different?", "", "Need something different? Verdict vs ", ""),
}
"""Each line kind, and how its hostile line is built."""


def hostile_page(kind: str, size: int) -> bytes:
    """The page whose ``kind`` line is replaced by a hostile line of about ``size`` bytes."""
    line, head, fragment, tail = _KINDS[kind]
    repeats = max(1, (size - len(head) - len(tail)) // len(fragment.encode("utf-8")))
    hostile = head + fragment * repeats + tail
    lines = _PAGE.split("\n")
    at = next(i for i, text in enumerate(lines) if text.startswith(line))
    lines[at] = hostile
    return "\n".join(lines).encode("utf-8")


def kinds() -> list[str]:
    """The line kinds, in page order."""
    return list(_KINDS)


def _run(data: bytes) -> None:
    # A page the grammar rejects is a finding too: its cost counts all the same.
    with contextlib.suppress(ParseError):
        check_page(parse_record(data, "hostile.txt"))


def _seconds(work: Callable[[], None], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def hostile_report(sizes: Sequence[int] = SIZES) -> list[tuple[str, int, float]]:
    """(line kind, hostile line size in bytes, ms per KB of that line) for every kind and size.

    Each figure is the best of a few runs (this is a shared machine), of
    parsing and checking the whole page.
    """
    report: list[tuple[str, int, float]] = []
    _run(hostile_page("title", 64))  # the grammar is built once per process: not a cost
    for kind in _KINDS:
        for size in sizes:
            data = hostile_page(kind, size)
            repeats = 5 if size <= 16 * 1024 else 3
            seconds = _seconds(functools.partial(_run, data), repeats)
            report.append((kind, size, seconds * 1000 / (size / 1024)))
    return report


def worst_ms_per_kb(report: Sequence[tuple[str, int, float]] | None = None) -> float:
    """The highest ms/KB at the largest size over every line kind."""
    rows = list(report) if report is not None else hostile_report()
    largest = max(size for _, size, _ in rows)
    return max(ms for _, size, ms in rows if size == largest)


def main() -> None:
    report = hostile_report()
    for kind, size, ms in report:
        print(f"{kind:<18} {size // 1024:>4} KB  {ms:8.3f} ms/KB")
    print(f"worst at {SIZES[-1] // 1024} KB: {worst_ms_per_kb(report):.3f} ms/KB")


if __name__ == "__main__":
    main()
