"""Turns the grammar's tokens into a page record.

The transformer runs inside the LALR parser (no tree is built), and only
for ``start``, which gets every token of the page in order. It builds the
parts as :mod:`ingest.page.records`, resolves names against the table header and
returns a :class:`ingest.page.records.Page` (without its source and id, which the
parser fills in). The public parse functions validate it into models; the
batch workers use it as it is.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import NamedTuple

from lark import Token, Transformer

from ingest.errors import ParseError
from ingest.page.records import (
    Capability,
    CapabilitySection,
    FeatureRow,
    FeatureTable,
    Page,
    PageError,
    Summary,
    Verdict,
)
from ingest.parse.cell_values import CELL_VALUES
from ingest.parse.claims import (
    MISSING,
    resolve,
    score_claim,
    section_side,
    split_cells,
    verdict_claims,
)
from ingest.parse.page_checks import (
    CELL_FITS,
    UNEXPECTED_LINE,
    checked_more,
    checked_table,
    inside_table,
    repeated_parts,
)

# Possessive: no part gives back what it took, so a long hostile line is read once.
_SEPARATOR = re.compile(r"^\|?(?:\s*+:?-++:?\s*+\|)++\s*+:?-*+:?\s*+$")
_HEADING_SUFFIX = " Capabilities\n"

_new = tuple.__new__
"""``_new(Record, (every field, in order))``: builds a record without the named-tuple
constructor's argument handling, which costs twice as much. Used for every record built
here (a page builds dozens: table rows, capabilities)."""


class _More(NamedTuple):
    k: int | None
    line: int


class _Section:
    """A capability section as the tokens build it (changed in place as they come)."""

    __slots__ = ("capabilities", "heading", "line", "more")

    def __init__(
        self, heading: str | None, line: int, capabilities: list[Capability], more: _More | None
    ) -> None:
        self.heading = heading
        self.line = line
        self.capabilities = capabilities
        self.more = more


def _row(cells: list[str], line: int, rejoined: bool) -> FeatureRow:
    raw_a = cells[1] if len(cells) > 1 and cells[1] != MISSING else None
    raw_b = cells[2] if len(cells) > 2 and cells[2] != MISSING else None
    return FeatureRow(
        cells[0], raw_a, raw_b, CELL_VALUES[raw_a], CELL_VALUES[raw_b], line, rejoined, len(cells)
    )


_NOT_MISSING = {MISSING: None}
"""``_NOT_MISSING.get(cell, cell)``: the cell's raw text, None for `—` (in C, with ``map``)."""


def _three_cell_table(text: str, line: int) -> tuple[FeatureTable, bool] | None:
    """The table when every line of ``text`` is `|a|b|c|` and the second is the separator,
    and whether every cell fits its column (then :func:`checked_table` has nothing to do).

    One ``split("|")`` of the whole table and ``map`` over its columns: no Python
    code runs per row or per cell (measured, A/B on the corpus: build_table 16.7 ->
    14.1 us a page). None when the table is any other shape: then the general path.
    """
    count = text.count("\n")  # lines; four `|` each: counted before splitting (no copy)
    if count < 2 or text.count("|") != 4 * count:
        return None
    parts = text.split("|")
    if parts[0] or parts[4::4].count("\n") != count:
        return None
    at = len(parts[1]) + len(parts[2]) + len(parts[3]) + 5  # the separator line
    if not _SEPARATOR.match(text[at : at + len(parts[5]) + len(parts[6]) + len(parts[7]) + 4]):
        return None
    cells = [*map(str.strip, parts)]
    raw_a = [*map(_NOT_MISSING.get, cells[10::4], cells[10::4])]
    raw_b = [*map(_NOT_MISSING.get, cells[11::4], cells[11::4])]
    values = CELL_VALUES.__getitem__
    columns = (cells[9::4], raw_a, raw_b, map(values, raw_a), map(values, raw_b))
    rows = zip(*columns, range(line + 2, line + count), repeat(False), repeat(3))
    fits = CELL_FITS.__getitem__
    every_fits = all(map(fits, raw_a)) and all(map(fits, raw_b))
    table = (cells[2], cells[3], tuple(map(_new, repeat(FeatureRow), rows)), line)
    return _new(FeatureTable, table), every_fits


def _table(text: str, line: int, errors: list[PageError]) -> FeatureTable:
    """:func:`checked_table` of :func:`build_table`, skipped when every cell fits its column:
    a dict lookup per cell instead of a Python loop per row (measured, A/B on the corpus:
    build and check 23.5-27.5 -> 14.8-17.5 us a page)."""
    built = _three_cell_table(text, line)
    if built is not None and built[1]:
        return built[0]
    table = built[0] if built is not None else _any_table(text, line, errors)
    return checked_table(table, text, errors)


def build_table(text: str, line: int, errors: list[PageError] | None = None) -> FeatureTable:
    """Header, separator and rows; rows the scraper broke over lines are re-joined.

    Blank lines between rows carry nothing; a stray line between two rows (one
    that does not start with `|`, see the TABLE terminal) is an unexpected
    line, added to ``errors`` (IG004).
    """
    built = _three_cell_table(text, line)
    return built[0] if built is not None else _any_table(text, line, errors)


def _any_table(text: str, line: int, errors: list[PageError] | None) -> FeatureTable:
    """:func:`build_table` of a table of any shape (the general path)."""
    lines = text.split("\n")[:-1]
    header = split_cells(lines[0])
    if len(header) < 3:
        raise ParseError(
            "the table header names fewer than two subjects",
            line=line,
            column=1,
            text=lines[0],
            expected="'| Feature | <A> | <B> |'",
        )
    sep = _separator_at(lines, line, errors)
    rows = _joined_rows(lines, sep, line, len(header), errors)
    return FeatureTable(header[1], header[2], tuple(rows), line)


def _separator_at(lines: list[str], line: int, errors: list[PageError] | None) -> int:
    """The separator's index in ``lines`` (the table's): 1, or 2 under a stray line (IG004)."""
    if len(lines) > 2 and not _SEPARATOR.match(lines[1]) and _SEPARATOR.match(lines[2]):
        if lines[1] and errors is not None:
            message = inside_table(lines[1], "the separator '|---|---|---|'")
            errors.append(PageError(UNEXPECTED_LINE, message, line + 1, 1, lines[1]))
        return 2
    if len(lines) < 2 or not _SEPARATOR.match(lines[1]):
        raise ParseError(
            "the table header is not followed by its separator",
            line=line + 1,
            column=1,
            text=lines[1] if len(lines) > 1 else "",
            expected="'|---|---|---|'",
        )
    return 1


def _joined_rows(
    lines: list[str], sep: int, line: int, width: int, errors: list[PageError] | None
) -> list[FeatureRow]:
    """The rows under the separator, a row broken over lines re-joined (up to ``width``
    cells); a stray line between rows is an IG004 error."""
    rows: list[FeatureRow] = []
    pending: list[str] = []
    pending_line = 0
    pending_parts = 0
    for offset, text_line in enumerate(lines[sep + 1 :], start=sep + 1):
        if not text_line.startswith("|"):
            if text_line and errors is not None:
                message = inside_table(text_line)
                errors.append(PageError(UNEXPECTED_LINE, message, line + offset, 1, text_line))
            continue
        cells = split_cells(text_line)
        if pending and len(pending) + len(cells) <= width:
            pending += cells
            pending_parts += 1
        else:
            if pending:
                rows.append(_row(pending, pending_line, pending_parts > 1))
            pending, pending_line, pending_parts = cells, line + offset, 1
        if len(pending) >= width:
            rows.append(_row(pending, pending_line, pending_parts > 1))
            pending = []
    if pending:
        rows.append(_row(pending, pending_line, pending_parts > 1))
    return rows


_CAPABILITY = re.compile(
    r"(?:([^\n]{0,80}+)(?<![.!?:;,])\n"  # a title: at most 80 characters, no final punctuation,
    r"(?=(?!Unique:|vs alternatives:)[^\n]*+\n(?:Unique:|vs alternatives:)))?"  # then the shape
    r"([^\n]*+)\n"  # the description
    r"(?:Unique:[^\S\n]*+([^\n]*+)\n)?"  # leading blanks left out here: no copy to strip them
    r"(?:vs alternatives:[^\S\n]*+([^\n]*+)\n)?"
)
"""One capability of a CAPABILITIES run, from the start of a line: [title] description
[Unique:] [vs alternatives:]. Each part is one possessive line, the title's lookahead reads
two lines ahead at most: linear on any text (tests/hostile)."""


def build_capabilities(block: str, first_line: int) -> list[Capability]:
    """A CAPABILITIES run -> one record per capability.

    Mirrors the terminal: [title] description [Unique:] [vs alternatives:],
    where a title is a line of at most 80 characters without final
    punctuation whose next line is a description followed by Unique/vs.
    One :data:`_CAPABILITY` match per capability, from where the last one
    ended (a run is capabilities and nothing else, so the matches tile it).
    ``block`` ends with a newline, as every CAPABILITIES token does: each line
    then matches as a description at least, so no search ever scans past a
    line start (what keeps the matching linear).
    """
    capabilities: list[Capability] = []
    line = first_line
    for title, description, unique, vs_alternatives in map(
        re.Match.groups, _CAPABILITY.finditer(block)
    ):
        if title is not None:
            line += 1
        capabilities.append(
            _new(
                Capability,
                (
                    title,
                    description,
                    None if unique is None else unique.strip(),
                    None if vs_alternatives is None else vs_alternatives.strip(),
                    line,
                ),
            )
        )
        line += 1 + (unique is not None) + (vs_alternatives is not None)
    return capabilities


class PageTransformer(Transformer[Token, Page]):
    """Builds the page record when the LALR parser reduces ``start``.

    The grammar's other rules are inlined, so ``start`` gets the page's
    tokens in order: one Python call per page instead of one per part.
    """

    def start(self, tokens: list[Token]) -> Page:
        title = tokens[0]
        errors: list[PageError] = []
        summary_token, table, sections, verdict_tokens = _read_tokens(tokens, errors)
        a, b = table.header_a, table.header_b
        summary = None
        if summary_token is not None:
            text, line = summary_token.value[:-1], summary_token.line or 1
            scored = score_claim(text, line, a, b, errors=errors)
            summary = _new(Summary, (text, scored[0] if scored is not None else None, line))
        verdict = None
        trailer: list[str] = []
        if verdict_tokens:
            verdict = _build_verdict(verdict_tokens, table, errors)
            if len(verdict_tokens) > 2:
                trailer = verdict_tokens[2].value.rstrip("\n").split("\n")
                trailer_line = verdict_tokens[2].line or 1
            else:
                trailer_line = 0
            repeated_parts(title.value[:-1], verdict, trailer, trailer_line, errors)
        headed = _headings(sections, a, b)
        return _new(
            Page,
            (
                None,
                "",
                title.value[:-1],
                title.line or 1,
                a,
                b,
                summary,
                table,
                tuple([_build_section(s, i, a, b) for i, s in enumerate(headed)]),
                verdict,
                tuple(trailer),
                verdict is not None and bool(verdict.text),
                tuple(errors),
            ),
        )


def _read_tokens(
    tokens: list[Token], errors: list[PageError]
) -> tuple[Token | None, FeatureTable, list[_Section], list[Token]]:
    """The page's tokens after the title, in order: its summary token, table, capability
    sections (as they come, headings not yet resolved) and verdict tokens."""
    summary: Token | None = None
    table: FeatureTable | None = None
    sections: list[_Section] = []
    verdict: list[Token] = []
    for token in tokens[1:]:
        kind = token.type
        if kind == "CAPABILITIES":
            capabilities = build_capabilities(token.value, token.line or 1)
            if not sections or sections[-1].more is not None:
                first = capabilities[0]  # a section without heading: its first lines
                sections.append(_Section(None, first.line - (first.title is not None), [], None))
            sections[-1].capabilities += capabilities
        elif kind == "HEADING":
            heading = token.value[: -len(_HEADING_SUFFIX)]
            sections.append(_Section(heading, token.line or 1, [], None))
        elif kind == "MORE":
            line = token.line or 1
            more = _new(_More, (checked_more(token.value, line, errors), line))
            if not sections or sections[-1].more is not None:
                sections.append(_Section(None, line, [], more))
            else:
                sections[-1].more = more
        elif kind == "TABLE":
            table = _table(token.value, token.line or 1, errors)
        elif kind == "SUMMARY":
            summary = token
        else:  # VERDICT_HEADING, VERDICT_TEXT, TRAILER
            verdict.append(token)
    assert table is not None  # the grammar requires one
    return summary, table, sections, verdict


def _headings(sections: list[_Section], a: str, b: str) -> list[_Section]:
    """``sections`` with the headings that are prose folded back into the section above.

    A heading names a subject of the table. A `<text> Capabilities` line that
    names neither, inside a section (not after its `+k more`) and followed by a
    later heading that does name one, is a one-line capability description
    that happens to end like a heading. A misnamed heading with no named one
    after it stays a heading (IG101 reports it).
    """
    named = [s.heading is not None and resolve(s.heading, a, b) is not None for s in sections]
    if all(named[1:]) or not any(named[1:]):
        return sections  # every heading names a subject, or none after the first does
    kept: list[_Section] = []
    for index, section in enumerate(sections):
        above = kept[-1] if kept else None
        if (
            section.heading is None
            or named[index]
            or above is None
            or above.more is not None
            or not any(named[index + 1 :])
        ):
            kept.append(section)
            continue
        text = section.heading + _HEADING_SUFFIX[:-1]
        prose = _new(Capability, (None, text, None, None, section.line))
        capabilities = [*above.capabilities, prose, *section.capabilities]
        above.capabilities = capabilities
        above.more = section.more
    return kept


def _build_section(raw: _Section, index: int, a: str, b: str) -> CapabilitySection:
    # An unnamed or misnamed section takes its place's subject; the
    # validator reports a heading that names the wrong subject.
    side = section_side(raw.heading, index, a, b)
    k, more_line = (raw.more.k, raw.more.line) if raw.more else (None, None)
    fields = (raw.heading, side, tuple(raw.capabilities), k, raw.line, more_line)
    return _new(CapabilitySection, fields)


def _build_verdict(tokens: list[Token], table: FeatureTable, errors: list[PageError]) -> Verdict:
    """`Verdict`, then the paragraph (a page may stop right after the heading)."""
    heading_line = tokens[0].line or 1
    if len(tokens) < 2:
        return Verdict("", None, (), None, (), heading_line, heading_line)
    text, line = tokens[1].value[:-1], tokens[1].line or 1
    features = {row.name.casefold(): row.name for row in table.rows}
    claim, leads, free, unparsed = verdict_claims(
        text, line, table.header_a, table.header_b, features, errors
    )
    return _new(Verdict, (text, claim, tuple(leads), free, tuple(unparsed), line, heading_line))
