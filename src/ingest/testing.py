"""Hypothesis strategies for comparison pages: for ingest's own tests, and for yours.

>>> from hypothesis import given
>>> from ingest.testing import consistent_pages
>>> @given(consistent_pages())
... def test_my_pipeline_accepts_clean_pages(page): ...

- :func:`pages`: any well-formed page, consistent or not (cut-off pages, `—` cells,
  odd rows, claims naming a third name, ...); ``parse_text(render(p)) == p`` holds;
- :func:`consistent_pages`: pages that keep every promise of FORMAT.md;
- :func:`broken_pages`: ``(consistent page, the page with rule `code` broken)``;
- :func:`names`: subject names from a wide alphabet;
- :func:`mutants`: bytes of a page after drops, duplicates, swaps, truncations, byte
  flips, insertions and deletions, other line endings or a BOM.

The generators are those of :mod:`ingest.synth` (``ingest synth`` draws from them
with ``random.Random``); here each choice is a hypothesis draw, so a failing page
shrinks to a small one. Importing this module needs hypothesis (``ingest[test]``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from hypothesis import strategies as st

from ingest.page.models import Page
from ingest.parse.render import render
from ingest.synth.draft import Draft, assemble
from ingest.synth.generate import draw_name, draw_pair, generate_page
from ingest.synth.inject import PAGE_RULES, Unbreakable, break_rule, breakable_rules
from ingest.synth.table import Artifact

__all__ = [
    "PAGE_RULES",
    "HypothesisDraw",
    "Unbreakable",
    "break_rule",
    "breakable_rules",
    "broken_pages",
    "consistent_pages",
    "drafts",
    "mutants",
    "names",
    "pages",
]

T = TypeVar("T")


class HypothesisDraw:
    """A :class:`~ingest.synth.draw.Draw` whose choices are hypothesis draws."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        value: int = self._draw(st.integers(low, high))
        return value

    def chance(self, p: float) -> bool:
        if p <= 0.0:
            return False
        if p >= 1.0:
            return True
        # Shrinks towards 0, that is towards False: the plainer page.
        ticket: int = self._draw(st.integers(0, 999))
        return ticket >= 1000 - round(p * 1000)

    def choice(self, options: Sequence[T]) -> T:
        value: T = self._draw(st.sampled_from(options))
        return value

    def text(self, alphabet: str, low: int, high: int) -> str:
        value: str = self._draw(st.text(alphabet, min_size=low, max_size=high))
        return value


@st.composite
def names(draw: st.DrawFn) -> str:
    """A subject name: real-looking, or words of a wide alphabet, maybe with ` vs `."""
    return draw_name(HypothesisDraw(draw))


@st.composite
def _pairs(draw: st.DrawFn, tie: bool | None) -> tuple[Artifact, Artifact]:
    a, b = draw_pair(HypothesisDraw(draw))
    if tie is True and a.rank != b.rank:
        b = replace(b, rank=a.rank)
    elif tie is False and a.rank == b.rank:
        b = replace(b, rank=a.rank + 1 if a.rank < 100 else a.rank - 1)
    return a, b


@st.composite
def drafts(draw: st.DrawFn, *, consistent: bool = False, tie: bool | None = None) -> Draft:
    """A page as its parts (see :class:`~ingest.synth.draft.Draft`)."""
    a, b = draw(_pairs(tie))
    return generate_page(HypothesisDraw(draw), a, b, consistent=consistent)


def pages() -> st.SearchStrategy[Page]:
    """Any well-formed page: numbers and claims drawn independently of each other."""
    return drafts(consistent=False).map(assemble)


def consistent_pages(*, tie: bool | None = None) -> st.SearchStrategy[Page]:
    """Pages that keep every promise of FORMAT.md ("What the numbers promise").

    ``tie=True`` gives pages whose subjects have the same UnfragileRank, ``False``
    different ones, ``None`` either."""
    return drafts(consistent=True, tie=tie).map(assemble)


_NEEDS_TIE = {"IG104": True, "IG102": False, "IG103": False}


@st.composite
def broken_pages(draw: st.DrawFn, code: str) -> tuple[Page, Page]:
    """A consistent page and the same page with rule ``code`` broken once."""
    if code not in PAGE_RULES:
        raise ValueError(f"no page-level rule {code!r} (one of {', '.join(PAGE_RULES)})")
    page = draw(consistent_pages(tie=_NEEDS_TIE.get(code)))
    variant = draw(st.integers(0, 7))
    return page, break_rule(page, code, variant)


# ---------------------------------------------------------------- mutations


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _drop_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"\n".join(lines)


def _duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    lines.insert(at, lines[at])
    return b"\n".join(lines)


def _swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _truncate_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    return b"\n".join(lines[: draw(st.integers(0, len(lines)))])


def _truncate_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def _flip_byte(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    bit = draw(st.integers(0, 7))
    return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]


_INSERTS = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from([b"|", b"\n", b"\r", b"\x00", b"\xff", b" vs ", b"Unique:", b"Verdict\n"]),
)


def _insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(_INSERTS) + data[at:]


def _delete_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + data[at + draw(st.integers(1, 16)) :]


def _line_endings(draw: st.DrawFn, data: bytes) -> bytes:
    return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n"])))


def _bom(draw: st.DrawFn, data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


MUTATIONS: dict[str, Callable[[st.DrawFn, bytes], bytes]] = {
    "drop-line": _drop_line,
    "duplicate-line": _duplicate_line,
    "swap-lines": _swap_lines,
    "truncate-lines": _truncate_lines,
    "truncate-bytes": _truncate_bytes,
    "flip-byte": _flip_byte,
    "insert-bytes": _insert_bytes,
    "delete-bytes": _delete_bytes,
    "line-endings": _line_endings,
    "bom": _bom,
}
"""What scrapers and disks do to a page, by name."""


@st.composite
def mutants(draw: st.DrawFn, source: st.SearchStrategy[Page] | None = None) -> bytes:
    """The UTF-8 bytes of a page (from ``source``, default :func:`pages`) after one to
    three mutations of :data:`MUTATIONS`."""
    page = draw(source if source is not None else pages())
    data = render(page).encode("utf-8")
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3)):
        data = MUTATIONS[name](draw, data)
    return data
