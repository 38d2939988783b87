"""What scrapers do to a file's bytes without changing its content (line ends, a BOM,
trailing blanks, a missing final newline) does not change the parsed page."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ingest
from ingest.testing import pages

pytestmark = pytest.mark.property

BOM = b"\xef\xbb\xbf"


def same_page(data: bytes, page: ingest.Page) -> None:
    expected = page.model_copy(update={"page_id": hashlib.sha256(data).hexdigest()})
    assert ingest.parse_bytes(data) == expected


@given(
    pages(),
    st.sampled_from([b"\n", b"\r\n", b"\r"]),
    st.booleans(),
    st.booleans(),
)
def test_line_ends_a_bom_and_the_final_newline_do_not_change_the_page(
    page: ingest.Page, line_end: bytes, bom: bool, final_newline: bool
) -> None:
    lines = ingest.render(page).encode("utf-8").split(b"\n")[:-1]
    data = (BOM if bom else b"") + line_end.join(lines) + (line_end if final_newline else b"")
    same_page(data, page)


@given(pages(), st.sampled_from([b"\n", b"\r\n", b"\r"]), st.data())
def test_trailing_blanks_do_not_change_the_page(
    page: ingest.Page, line_end: bytes, data: st.DataObject
) -> None:
    lines = ingest.render(page).encode("utf-8").split(b"\n")[:-1]
    padded = [
        line + data.draw(st.sampled_from([b"", b" ", b"\t", b"  \t "]), label=f"blanks {i}")
        for i, line in enumerate(lines)
    ]
    same_page(line_end.join(padded) + line_end, page)
