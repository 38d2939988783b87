"""Error recovery on hostile pages: thousands of bad lines cost linear time, and are capped."""

from __future__ import annotations

import time

from ingest.parse.api import parse_record
from ingest.parse.recovery import MAX_ERRORS
from tests.parse.paths import PAGE_002

_HEAD = PAGE_002.read_text("utf-8").split("rorshark-vit-base Capabilities\n")[0]


def _page(bad_lines: int) -> bytes:
    """A page whose first section alternates a capability and a stray table row."""
    body = "".join(
        f"desc {i}.\nUnique: u\nvs alternatives: v\n| stray {i} |\n" for i in range(bad_lines)
    )
    return (_HEAD + "rorshark-vit-base Capabilities\n" + body).encode("utf-8")


def _seconds(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):  # best of three: a busy machine must not fail a linear parse
        started = time.perf_counter()
        parse_record(data, "hostile.txt", recover=True)
        best = min(best, time.perf_counter() - started)
    return best


def test_skipping_costs_linear_time_in_the_bad_lines() -> None:
    small, large = _seconds(_page(1000)), _seconds(_page(8000))
    # Linear: 8x the lines, 8x the time (quadratic would be 64x); generous for a shared machine.
    assert large < max(20 * small, 0.05), (small, large)


def test_thousands_of_bad_lines_keep_every_capability_and_fifty_errors() -> None:
    page = parse_record(_page(3000), "hostile.txt", recover=True)
    assert len(page.sections[0].capabilities) == 3000
    assert len(page.errors) == MAX_ERRORS + 1
    assert page.errors[-1].message == "... and 2950 more unexpected lines"
    first_bad = _HEAD.count("\n") + 5  # the heading, then a capability of three lines
    assert [e.line for e in page.errors[:2]] == [first_bad, first_bad + 4]
