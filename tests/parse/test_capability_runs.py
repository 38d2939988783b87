"""``build_capabilities`` (one regex match per capability) against the line loop it replaced.

The loop below is the transformer's former reading of a CAPABILITIES run,
kept here as the oracle: [title] description [Unique:] [vs alternatives:],
a title being a line of at most 80 characters without final punctuation
whose next line is no claim line and the line after that is one. The regex
must read every run the same, on the corpus and on generated runs whose
lines sit at the edges (80/81 characters, final punctuation, claim lines
anywhere, empty claim lines, Unicode whitespace around claims).
"""

from __future__ import annotations

import gc
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.page.records import Capability
from ingest.parse.api import parse_record
from ingest.parse.transformer import build_capabilities
from tests.parse.paths import CORPUS_PAGES

_UNIQUE = "Unique:"
_VS = "vs alternatives:"
_CLAIM_LINES = (_UNIQUE, _VS)
_FINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",")


def line_loop(block: str, first_line: int) -> list[Capability]:
    lines = block.split("\n")
    lines.pop()
    count = len(lines)
    capabilities: list[Capability] = []
    index = 0
    while index < count:
        title: str | None = None
        text = lines[index]
        if (
            index + 2 < count
            and len(text) <= 80
            and not text.endswith(_FINAL_PUNCTUATION)
            and not lines[index + 1].startswith(_CLAIM_LINES)
            and lines[index + 2].startswith(_CLAIM_LINES)
        ):
            title = text
            index += 1
        description = index
        index += 1
        unique: str | None = None
        vs_alternatives: str | None = None
        if index < count and lines[index].startswith(_UNIQUE):
            unique = lines[index][7:].strip()
            index += 1
        if index < count and lines[index].startswith(_VS):
            vs_alternatives = lines[index][16:].strip()
            index += 1
        record = (title, lines[description], unique, vs_alternatives, first_line + description)
        capabilities.append(Capability(*record))
    return capabilities


def test_every_corpus_run_reads_as_the_loop_read_it() -> None:
    runs = 0
    for path in CORPUS_PAGES:
        page = parse_record(path.read_bytes(), str(path))
        for section in page.sections:
            if not section.capabilities:
                continue
            first = section.capabilities[0]
            start = first.line - (first.title is not None)
            lines = path.read_text("utf-8").split("\n")
            last = section.capabilities[-1]
            stop = last.line + (last.unique is not None) + (last.vs_alternatives is not None)
            block = "\n".join(lines[start - 1 : stop]) + "\n"
            assert build_capabilities(block, start) == line_loop(block, start)
            runs += 1
    assert runs >= 10


_PIECES = st.sampled_from(
    [
        "Unique: one of a kind",
        "Unique:",
        "Unique:\u2003spaced\u00a0",
        "vs alternatives: cheaper",
        "vs alternatives:",
        "Unique vs alternatives:",
        "Short title",
        "Short title.",
        "Title ending in a colon:",
        "x" * 80,
        "x" * 81,
        "y" * 79 + ".",
        "A long description of what the tool does, with a final full stop.",
        "Verdict-like Capabilities",
        " leading space",
        "",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14), st.integers(1, 10_000))
def test_generated_runs_read_as_the_loop_read_them(lines: list[str], first_line: int) -> None:
    block = "\n".join(lines) + "\n"
    assert build_capabilities(block, first_line) == line_loop(block, first_line)


def test_a_hostile_run_costs_linear_time() -> None:
    """Lines of 80 characters without punctuation, each followed by a non-claim line: the
    title lookahead reads two lines at every capability start, never more. Ten times the
    text costs about ten times the time (quadratic would be a hundred): the best of three
    runs each, without the cyclic collector, whose passes grow with the records built."""
    unit = "t" * 80 + "\n" + "d" * 200 + "\n"
    small, large = unit * 2_000, unit * 20_000

    def seconds(block: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            build_capabilities(block, 1)
            best = min(best, time.perf_counter() - started)
        return best

    assert len(build_capabilities(large, 1)) == 40_000
    gc.disable()
    try:
        ratio = seconds(large) / max(seconds(small), 1e-4)
    finally:
        gc.enable()
    assert ratio < 30, ratio
