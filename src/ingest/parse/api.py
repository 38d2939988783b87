"""`parse_text` and `parse_file`: bytes or text in, a :class:`Page` or a :class:`ParseError` out.

Input hygiene happens here, before the grammar sees the text: UTF-8 with or
without BOM, CRLF/CR/LF, trailing blanks and a missing final newline all give
the same page. Empty files, binary data and invalid UTF-8 raise ParseError,
and so does every grammar failure, with line, column and what was expected.

``parse_record`` / ``parse_file_record`` stop before the models and return
the :mod:`ingest.page.records` tuples the batch workers and the rules work on.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from typing import TYPE_CHECKING

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ingest.errors import ParseError
from ingest.page import records
from ingest.page.records import to_model
from ingest.parse.grammar import page_parser
from ingest.parse.page_checks import UNEXPECTED_LINE
from ingest.parse.reader import DEFAULT_MAX_BYTES, printable_path, read_input
from ingest.parse.recovery import parse_recovering
from ingest.parse.render import UNIQUE, VS_ALTERNATIVES

if TYPE_CHECKING:
    from ingest.page.models import Page

_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode("utf-8")
_WIDE_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_WIDE_BOM_BYTES = tuple(bom for bom, _ in _WIDE_BOMS)

_TRAILING_BLANK = re.compile(rb"\n(?<=[ \t]\n)")
"""A line end right after a blank or tab. Led by the newline, so that ``re`` scans for
that rare byte and looks behind only there: ~5 µs a page where splitting the page into
lines takes ~10 µs and ``b" \\n" in data`` ~10 µs per search (spaces are everywhere).
Linear time: one test per newline."""

_EXPECTED = {
    "TITLE": "a title line '<A> vs <B>'",
    "SUMMARY": "the summary line",
    "TABLE": "the feature table '| Feature | <A> | <B> |'",
    "HEADING": "a '<name> Capabilities' heading",
    "CAPABILITIES": "a capability description",
    "MORE": "'+<k> more capabilities'",
    "VERDICT_HEADING": "'Verdict'",
    "VERDICT_TEXT": "the verdict paragraph",
    "TRAILER": "the page trailer",
    "$END": "the end of the page",
}
_EXPECTED_ORDER = list(_EXPECTED)


def describe_expected(names: set[str] | frozenset[str]) -> str:
    """Terminal names -> `a, b or c` in page order."""
    known = [_EXPECTED[n] for n in _EXPECTED_ORDER if n in names]
    known += sorted(n for n in names if n not in _EXPECTED and n != "BLANK")
    if not known:
        return ""
    if len(known) == 1:
        return known[0]
    return ", ".join(known[:-1]) + " or " + known[-1]


def normalize(text: str, *, line_ends: bool = True, blanks: bool = True) -> str:
    """One canonical text: no BOM, LF endings, no trailing blanks, a final newline.

    ``line_ends=False`` / ``blanks=False`` skip checks the caller already knows
    are unnecessary (searching the raw bytes is several times faster than
    searching a decoded non-ASCII string).
    """
    if text.startswith(_BOM):
        text = text[1:]
    if line_ends and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if blanks and (" \n" in text or "\t\n" in text or text.endswith((" ", "\t"))):
        # Line by line, not a `[ \t]+$` regex: that one retries from every blank of an
        # interior run of blanks (quadratic on a long run).
        text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])
    if not text.endswith("\n"):
        text += "\n"
    return text


def decode(data: bytes, path: str | None = None) -> str:
    """UTF-8 bytes (BOM allowed) -> text; binary, invalid or empty input -> ParseError."""
    if data.startswith(_WIDE_BOM_BYTES):  # one call, not four, for the usual page (~0.2 µs)
        for bom, encoding in _WIDE_BOMS:
            if data.startswith(bom):
                raise ParseError(
                    f"{encoding} is not supported, convert to UTF-8",
                    path=path,
                    expected="UTF-8 text",
                )
    skip = len(_BOM_BYTES) if data.startswith(_BOM_BYTES) else 0
    body = data[skip:] if skip else data
    if not body or body.isspace():  # as `not body.strip()`, without copying the page
        raise ParseError("empty file", path=path, expected="a comparison page")
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _locate(data, nul)
        raise ParseError(
            "binary data: NUL byte",
            path=path,
            line=line,
            column=column,
            expected="UTF-8 text",
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _locate(data[skip:], exc.start)  # columns after the BOM, as editors show
        raise ParseError(
            f"invalid UTF-8: byte 0x{data[skip + exc.start]:02x}",
            path=path,
            line=line,
            column=column,
            expected="UTF-8 text",
        ) from None


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def parse_text(
    text: str, source: str | None = None, *, page_id: str | None = None, recover: bool = False
) -> Page:
    """Parse the text of one page.

    ``source`` is recorded as the page's path and used in error messages.
    ``page_id`` defaults to the sha256 of the text's UTF-8 bytes.
    ``recover=True`` skips the lines the grammar does not expect and lists
    them in ``page.errors`` (IG004); ``False`` raises at the first.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Where parse_bytes would stop on these characters' bytes.
        before = text[: exc.start].encode("utf-8", errors="surrogatepass")
        skip = len(_BOM_BYTES) if before.startswith(_BOM_BYTES) else 0
        line, column = _locate(before[skip:], len(before) - skip)
        raise ParseError(
            f"lone surrogate U+{ord(text[exc.start]):04X}: not Unicode text",
            path=source,
            line=line,
            column=column,
            expected="UTF-8 text",
        ) from None
    if page_id is None:
        page_id = hashlib.sha256(data).hexdigest()
    decode(data, source)  # empty, NUL: the same errors, at the same place, as parse_bytes
    return to_model(_parse_clean(normalize(text), source, page_id, recover))


def _parse_clean(
    clean: str, source: str | None, page_id: str, recover: bool = False
) -> records.Page:
    """Parse normalised text (see :func:`normalize`) into a page record.

    ``recover=True``: a line the grammar does not expect is skipped and
    recorded as an IG004 page error (:mod:`ingest.parse.recovery`); only a text
    that is not a page at all raises. ``recover=False``: the first such line
    raises, as does a stray line inside the table.
    """
    parser = page_parser()
    failure: ParseError | None = None
    try:
        try:
            page: records.Page = parser.parse(clean)  # type: ignore[assignment]
        except UnexpectedInput as exc:
            if not recover:
                raise
            page = parse_recovering(clean, exc, _what_is_wrong, describe_expected)
    except UnexpectedInput as exc:
        failure = _from_lark(exc, clean, source)
    except ParseError as exc:
        failure = exc.with_path(source) if source else exc
    except RecursionError:
        failure = ParseError("page too deeply nested", path=source)
    if failure is not None:
        # Raised outside the handler: the error holds no context (lark's
        # exception and, through it, the parser's state), so it stays small
        # and pickles even where tblib pickles tracebacks and contexts (Dask).
        failure.__context__ = None
        raise failure
    if not recover:
        for error in page.errors:
            if error.code == UNEXPECTED_LINE:
                raise ParseError(
                    error.message,
                    path=source,
                    line=error.line,
                    column=error.column,
                    text=error.text,
                )
    return tuple.__new__(records.Page, (source, page_id, *page[2:]))  # as _replace, cheaper


def parse_bytes(data: bytes, source: str | None = None, *, recover: bool = False) -> Page:
    """Parse raw file bytes; the page id is the sha256 of exactly these bytes."""
    return to_model(parse_record(data, source, recover=recover))


def parse_record(data: bytes, source: str | None = None, *, recover: bool = False) -> records.Page:
    """:func:`parse_bytes` without the models: the record the batch workers and rules use."""
    text = decode(data, source)
    if b"\r" in data:
        clean = normalize(text)  # CR line ends are rare: the full (slower) path
    else:
        # Trailing blanks before a newline, or at the very end (no final newline).
        blanks = _TRAILING_BLANK.search(data) is not None or data.endswith((b" ", b"\t"))
        clean = normalize(text, line_ends=False, blanks=blanks)
    return _parse_clean(clean, source, hashlib.sha256(data).hexdigest(), recover)


def parse_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, recover: bool = False
) -> Page:
    """Read and parse one page file.

    Unreadable files, directories, FIFOs and devices (never blocked on) and
    files over ``max_bytes`` raise ParseError too. A file name that is not
    valid UTF-8 is recorded with its bad bytes escaped (``\\xff``).
    """
    return to_model(parse_file_record(path, max_bytes=max_bytes, recover=recover))


def parse_file_record(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, recover: bool = False
) -> records.Page:
    """:func:`parse_file` without the models (see :func:`parse_record`)."""
    name = os.fspath(path)
    shown = printable_path(name)
    try:
        data = read_input(name, max_bytes)
    except ParseError as error:
        raise error.with_path(shown) from None
    return parse_record(data, shown, recover=recover)


def _ends_early(lines: list[str], source: str | None, expected: set[str]) -> ParseError:
    """The page stops where more was expected: located at the end of its last line."""
    line = max(1, len(lines) - 1)
    offending = lines[line - 1]
    return ParseError(
        f"the page ends after line {line}",
        path=source,
        line=line,
        column=len(offending) + 1,
        text=offending,
        expected=describe_expected(expected),
    )


def _from_lark(exc: UnexpectedInput, text: str, source: str | None) -> ParseError:
    lines = text.split("\n")
    if isinstance(exc, UnexpectedEOF):
        return _ends_early(lines, source, set(exc.expected))
    line = exc.line if isinstance(exc.line, int) and exc.line > 0 else 1
    column = exc.column if isinstance(exc.column, int) and exc.column > 0 else 1
    offending = lines[line - 1] if line - 1 < len(lines) else ""
    expected: set[str] = set()
    if isinstance(exc, UnexpectedToken):
        expected = set(exc.expected)
        if exc.token.type == "$END":
            return _ends_early(lines, source, expected)
    elif isinstance(exc, UnexpectedCharacters):
        expected = set(exc.allowed)
    return ParseError(
        _what_is_wrong(offending),
        path=source,
        line=line,
        column=column,
        text=offending,
        expected=describe_expected(expected),
    )


def _what_is_wrong(line: str) -> str:
    """A name for the common mistakes, from the offending line alone."""
    for label in (UNIQUE, VS_ALTERNATIVES):
        if line.startswith(label):
            return f"a '{label}' line with no capability description above it"
    if line.startswith("|"):
        return "a table row outside the feature table"
    if line == "Verdict":
        return "a second 'Verdict' heading"
    shown = line if len(line) <= 60 else line[:57] + "..."
    return f"unexpected line {shown!r}"
