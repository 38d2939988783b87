"""Page text that is not what it seems: lone surrogates, NULs, wide encodings, repeated parts."""

from __future__ import annotations

import codecs

import pytest

import ingest
from ingest.rules import check_page
from tests.hostile.process import GOOD_PAGE

GOOD = GOOD_PAGE.read_text("utf-8")


def error_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(ingest.ParseError) as caught:
        call()
    return str(caught.value)


def test_a_lone_surrogate_is_a_parse_error_where_parse_bytes_would_stop() -> None:
    text = "A vs B\nab\ud800c\n"
    assert error_of(lambda: ingest.parse_text(text, source="t.txt")) == (
        "t.txt:2:3: lone surrogate U+D800: not Unicode text (expected UTF-8 text)"
    )
    data = text.encode("utf-8", errors="surrogatepass")
    assert error_of(lambda: ingest.parse_bytes(data, source="t.txt")).startswith("t.txt:2:3: ")


@pytest.mark.parametrize("text", ["A vs B\nx\x00y\n", "\ufeffA\x00 vs B\n", "\x00"])
def test_a_nul_in_text_is_located_as_parse_bytes_locates_it(text: str) -> None:
    from_text = error_of(lambda: ingest.parse_text(text, source="t.txt"))
    from_bytes = error_of(lambda: ingest.parse_bytes(text.encode("utf-8"), source="t.txt"))
    assert from_text == from_bytes
    assert from_text.endswith(": binary data: NUL byte (expected UTF-8 text)")


def test_a_nul_is_reported_at_its_line_and_column() -> None:
    assert error_of(lambda: ingest.parse_text("A vs B\nx\x00y\n", source="t.txt")) == (
        "t.txt:2:2: binary data: NUL byte (expected UTF-8 text)"
    )


@pytest.mark.parametrize("text", ["", " \n\t", "\ufeff", "\ufeff \r\n"])
def test_empty_text_is_empty_for_both(text: str) -> None:
    expected = "t.txt:1:1: empty file (expected a comparison page)"
    assert error_of(lambda: ingest.parse_text(text, source="t.txt")) == expected
    assert error_of(lambda: ingest.parse_bytes(text.encode("utf-8"), source="t.txt")) == expected


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
    ],
)
def test_a_wide_encoding_is_named(codec: str, bom: bytes, name: str) -> None:
    data = bom + GOOD.encode(codec)
    assert error_of(lambda: ingest.parse_bytes(data, source="w.txt")) == (
        f"w.txt:1:1: {name} is not supported, convert to UTF-8 (expected UTF-8 text)"
    )


def repeated(page: ingest.Page) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in check_page(page) if f.code == "IG006"]


def test_a_page_concatenated_twice_is_partial_with_an_ig006_finding() -> None:
    page = ingest.parse_text(GOOD + "\n" + GOOD, source="p.txt")
    message = "the title line again after the verdict: a second page follows the first"
    assert [(e.code, e.line, e.column, e.message) for e in page.errors] == [
        ("IG006", 50, 1, message)
    ]
    assert repeated(page) == [("IG006", 50, 1, message)]
    assert ingest.to_arrow([page])["pages"].column("status").to_pylist() == ["partial"]


def test_a_hundred_verdict_headings_are_an_ig006_finding() -> None:
    page = ingest.parse_text(GOOD.replace("Verdict\n", "Verdict\n" * 100), source="p.txt")
    message = "a second 'Verdict' heading where the verdict paragraph should be"
    assert repeated(page) == [("IG006", 47, 1, message)]
    assert ingest.to_arrow([page])["pages"].column("status").to_pylist() == ["partial"]


def test_a_table_row_after_the_verdict_is_an_ig006_finding() -> None:
    page = ingest.parse_text(GOOD + "\n| Type | Model | Model |\n", source="p.txt")
    assert repeated(page) == [
        ("IG006", 50, 1, "a table row after the verdict: a second page follows the first")
    ]


def test_a_clean_page_has_no_errors_and_is_ok() -> None:
    page = ingest.parse_text(GOOD, source="p.txt")
    assert page.errors == ()
    assert ingest.to_arrow([page])["pages"].column("status").to_pylist() == ["ok"]
