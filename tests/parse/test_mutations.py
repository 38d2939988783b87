"""Arbitrary text and mutated corpus pages give a Page or a ParseError, nothing else."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ingest
from ingest.parse.api import normalize
from tests.parse.paths import CORPUS_PAGES

PAGES = [path.read_text("utf-8").splitlines(keepends=True) for path in CORPUS_PAGES]


def _parse_or_error(text: str) -> None:
    """A page whose id and table headers come from ``text``, or a one-line error inside it."""
    clean = normalize(text)
    try:
        page = ingest.parse_text(text)
    except ingest.ParseError as error:
        assert 1 <= error.line <= clean.count("\n") + 1 and error.column >= 1
        assert "\n" not in str(error)
    else:
        assert page.page_id == hashlib.sha256(text.encode("utf-8")).hexdigest()
        for header in (page.table.header_a, page.table.header_b):
            assert header.strip() == header != "" and header in clean


@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _parse_or_error(text)


@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(ingest.ParseError):
        ingest.parse_bytes(data)


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    lines = list(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "flip"]))
        if operation == "drop":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "truncate":
            lines = lines[:index]
        else:
            line = lines[index]
            if line:
                at = draw(st.integers(0, len(line) - 1))
                lines[index] = line[:at] + chr(draw(st.integers(0, 0x2FF))) + line[at + 1 :]
    return "".join(lines)


@given(mutated_page())
def test_line_mutations_of_corpus_pages(text: str) -> None:
    _parse_or_error(text)


@given(st.sampled_from(CORPUS_PAGES), st.data())
def test_byte_flips_of_corpus_files(path: Path, data: st.DataObject) -> None:
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    with contextlib.suppress(ingest.ParseError):
        ingest.parse_bytes(bytes(raw))


@pytest.mark.parametrize("cut", [1, 2, 3, 4, 13, 14, 15, 33, 58, 59, 60, 61])
def test_every_cut_of_a_page_parses_or_fails_cleanly(cut: int) -> None:
    _parse_or_error("".join(PAGES[0][:cut]))
