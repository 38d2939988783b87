"""Every kind of bad input raises ParseError with the right line, column and message."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from tests.parse.paths import PAGE_002


def _error(text: str) -> ingest.ParseError:
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_text(text, source="page.txt")
    return caught.value


def _page_lines() -> list[str]:
    return PAGE_002.read_text("utf-8").splitlines(keepends=True)


def test_empty_file_is_a_parse_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_file(empty)
    assert (caught.value.line, caught.value.column, caught.value.message) == (1, 1, "empty file")
    assert str(caught.value) == f"{empty}:1:1: empty file (expected a comparison page)"


def test_whitespace_only_text_is_empty() -> None:
    assert _error(" \r\n\t\n").message == "empty file"


def test_binary_data_points_at_the_first_nul_byte() -> None:
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_bytes(b"PK\x03\x04\nab\x00cd", source="x.zip")
    error = caught.value
    assert (error.line, error.column, error.message) == (2, 3, "binary data: NUL byte")
    assert error.expected == "UTF-8 text"


def test_invalid_utf8_points_at_the_bad_byte() -> None:
    data = "a vs b\nsümmary \xff".encode("latin-1").replace(b"\xfc", "ü".encode())
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_bytes(data, source="bad.txt")
    assert (caught.value.line, caught.value.column) == (2, 9)
    assert caught.value.message == "invalid UTF-8: byte 0xff"
    assert isinstance(caught.value, ValueError)


def test_a_first_line_without_vs_is_not_a_title() -> None:
    error = _error("Just some notes\n")
    assert (error.line, error.column) == (1, 1)
    assert error.message == "unexpected line 'Just some notes'"
    assert error.expected == "a title line '<A> vs <B>'"


def test_a_page_that_stops_before_its_table_says_the_table_was_expected() -> None:
    error = _error("".join(_page_lines()[:2]))
    assert (error.line, error.message) == (2, "the page ends after line 2")
    assert "the feature table" in error.expected


def test_a_table_without_separator_is_located_on_the_header_line_below() -> None:
    lines = _page_lines()
    del lines[3]
    error = _error("".join(lines))
    assert (error.line, error.column) == (4, 1)
    assert error.message == "the table header is not followed by its separator"
    assert error.text == "| Type | Model | Model |"


def test_a_table_header_with_one_subject_is_rejected() -> None:
    lines = _page_lines()
    lines[2] = "| Feature | rorshark-vit-base |\n"
    error = _error("".join(lines))
    assert (error.line, error.message) == (3, "the table header names fewer than two subjects")


def test_an_orphan_unique_line_is_named() -> None:
    lines = _page_lines()
    del lines[17]  # the description of the second capability
    error = _error("".join(lines))
    assert (error.line, error.column) == (18, 1)
    assert error.message == "a 'Unique:' line with no capability description above it"
    assert error.text.startswith("Unique: Uses learned positional embeddings")


def test_a_table_row_after_the_capabilities_is_named() -> None:
    lines = _page_lines()
    lines.insert(20, "| Quality | 1 | 0 |\n")
    error = _error("".join(lines))
    assert (error.line, error.message) == (21, "a table row outside the feature table")


def test_parse_error_string_is_one_line_with_location_and_expectation() -> None:
    error = _error(
        "a vs b\n| Feature | a | b |\n|---|---|---|\n| x | 1 | 2 |\nvs alternatives: x\n"
    )
    assert "\n" not in str(error)
    assert str(error) == (
        "page.txt:5:1: a 'vs alternatives:' line with no capability description above it"
        " (expected a '<name> Capabilities' heading, a capability description,"
        " '+<k> more capabilities' or 'Verdict')"
    )


def test_missing_file_and_directory_are_parse_errors(tmp_path: Path) -> None:
    with pytest.raises(ingest.ParseError, match="no such file"):
        ingest.parse_file(tmp_path / "nope.txt")
    with pytest.raises(ingest.ParseError, match="is a directory"):
        ingest.parse_file(tmp_path)


def test_parse_error_survives_pickling() -> None:
    import pickle

    error = _error("Just some notes\n")
    # No context: lark's exception (and the lexer state it holds) must not ride
    # along, as tblib (installed by Dask) would pickle it with the error.
    assert error.__context__ is None
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.column, copy.expected, str(copy)) == (
        error.path,
        error.line,
        error.column,
        error.expected,
        str(error),
    )


def test_parse_error_pickles_with_tblib_installed() -> None:
    """Dask installs tblib's pickling, which pickles an error's traceback and context too."""
    import pickle

    support = pytest.importorskip("tblib.pickling_support")
    error = _error("Just some notes\n")
    support.install(error)
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
