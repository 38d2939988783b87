"""BOM, line endings, trailing blanks and a missing final newline give the same page."""

from __future__ import annotations

import pytest

import ingest
from tests.parse.paths import PAGE_002

VARIANTS = {
    "bom": lambda t: "\ufeff" + t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "trailing_blanks": lambda t: t.replace("\n", "  \t\n"),
    "no_final_newline": lambda t: t.rstrip("\n"),
    "everything": lambda t: "\ufeff" + t.replace("\n", " \r\n").rstrip("\r\n"),
}


def _without_identity(page: ingest.Page) -> dict[str, object]:
    return page.model_dump(exclude={"page_id"})


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_scraper_noise_gives_the_same_model(name: str) -> None:
    text = PAGE_002.read_text("utf-8")
    clean = ingest.parse_text(text)
    noisy = ingest.parse_text(VARIANTS[name](text))
    assert _without_identity(noisy) == _without_identity(clean)


def test_bom_in_bytes_is_accepted_and_hashed_as_given() -> None:
    import hashlib

    data = b"\xef\xbb\xbf" + PAGE_002.read_bytes()
    page = ingest.parse_bytes(data, source="bom.txt")
    assert page.subject_a == "rorshark-vit-base"
    assert page.page_id == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_invalid_utf8_is_located_in_columns_as_an_editor_shows_them(bom: bytes) -> None:
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_bytes(bom + b"A vs B\nab\xffc\n", source="bad.txt")
    error = caught.value
    assert (error.line, error.column, error.message) == (2, 3, "invalid UTF-8: byte 0xff")


def test_blank_lines_between_parts_are_ignored_but_lines_keep_their_numbers() -> None:
    lines = PAGE_002.read_text("utf-8").splitlines(keepends=True)
    lines.insert(13, "\n")  # between the table and the first heading
    page = ingest.parse_text("".join(lines))
    assert page.sections[0].line == 15
    assert page.sections[0].listed == 6
