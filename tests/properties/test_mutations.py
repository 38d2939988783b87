"""Mutated pages (lines dropped, duplicated, swapped or cut; bytes flipped, inserted or
deleted; other line endings; a BOM) give a Page or a ParseError, nothing else.

Termination is asserted (an alarm fails an input that runs for seconds); how long a
parse takes is reported to hypothesis as a target, so it searches for slow inputs,
and shows the slowest in ``--hypothesis-show-statistics``. Performance itself is
measured by the benchmark, not asserted here.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

import pytest
from hypothesis import given, target
from hypothesis import strategies as st

import ingest
from ingest.testing import mutants
from tests.properties.paths import CORPUS_PAGES

pytestmark = pytest.mark.property

HANG_SECONDS = 5.0
"""Far above any parse (milliseconds): only a runaway parse trips it."""
BUDGET_MS = 50.0
"""What one page may cost (the issue's figure); reported, not asserted."""

CORPUS = st.sampled_from([ingest.parse_file(path) for path in CORPUS_PAGES])


class ParseHang(AssertionError):
    pass


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def _raise(signum: int, frame: FrameType | None) -> None:
        raise ParseHang(f"parsing took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_or_error(data: bytes) -> None:
    started = time.perf_counter()
    with alarm(HANG_SECONDS):
        try:
            page = ingest.parse_bytes(data, source="mutant.txt")
        except ingest.ParseError as error:
            assert error.line >= 1 and error.column >= 1
            assert "\n" not in str(error) and str(error).startswith("mutant.txt:")
        else:
            assert isinstance(page, ingest.Page)
    elapsed = (time.perf_counter() - started) * 1000
    if elapsed > BUDGET_MS:  # a busy machine must not pass for a slow input: best of three
        elapsed = min(elapsed, parse_ms(data), parse_ms(data))
    target(elapsed, label="parse ms")


def parse_ms(data: bytes) -> float:
    started = time.perf_counter()
    with suppress(ingest.ParseError):
        ingest.parse_bytes(data)
    return (time.perf_counter() - started) * 1000


@given(mutants())
def test_a_mutated_generated_page_gives_a_page_or_a_parse_error(data: bytes) -> None:
    parse_or_error(data)


@given(mutants(CORPUS))
def test_a_mutated_corpus_page_gives_a_page_or_a_parse_error(data: bytes) -> None:
    parse_or_error(data)
