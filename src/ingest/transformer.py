"""Turns the grammar's tokens into page fields, one method per grammar rule.

The transformer runs inside the LALR parser (no tree is built). Rules below
``start`` build the parts as plain fields; ``start`` resolves names against
the table header and returns the fields of a :class:`~ingest.models.Page`,
which the parser validates into models in one call (one pydantic call per
page instead of one per part keeps parsing cheap).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lark import Token, Transformer

from ingest.claims import MISSING, cell_value, resolve, score_claim, split_cells, verdict_claims
from ingest.errors import ParseError
from ingest.models import Side

Fields = dict[str, Any]

_SEPARATOR = re.compile(r"^\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")
_MORE = re.compile(r"\+(\d+)")
_HEADING_SUFFIX = " Capabilities\n"
_UNIQUE = "Unique:"
_VS = "vs alternatives:"


class _Line(NamedTuple):
    text: str
    line: int


class _More(NamedTuple):
    k: int
    line: int


class _Section(NamedTuple):
    heading: str | None
    line: int
    capabilities: list[Fields]
    more: _More | None


class _Verdict(NamedTuple):
    heading_line: int
    text: _Line | None
    trailer: tuple[str, ...]


def _at(token: Token) -> int:
    """The token's 1-based line (always set by the lexer)."""
    return token.line or 1


def _line(token: Token) -> _Line:
    """A one-line token without its newline."""
    return _Line(token.value[:-1], _at(token))


def _row(cells: list[str], line: int, rejoined: bool) -> Fields:
    raw_a = cells[1] if len(cells) > 1 and cells[1] != MISSING else None
    raw_b = cells[2] if len(cells) > 2 and cells[2] != MISSING else None
    return {
        "name": cells[0],
        "raw_a": raw_a,
        "raw_b": raw_b,
        "value_a": cell_value(raw_a),
        "value_b": cell_value(raw_b),
        "line": line,
        "rejoined": rejoined,
        "cells": len(cells),
    }


_ROW3 = re.compile(r"^\|([^|\n]*)\|([^|\n]*)\|([^|\n]*)\|$", re.MULTILINE)


def _well_formed_rows(body: str, first_line: int) -> list[Fields]:
    """The rows of ``body`` that have exactly three cells (the common case, in one regex pass).

    The caller uses them only when every line matched; otherwise it takes the
    general path that re-joins broken rows.
    """
    rows: list[Fields] = []
    for offset, (name, a, b) in enumerate(_ROW3.findall(body)):
        a = a.strip()
        b = b.strip()
        raw_a = None if a == MISSING else a
        raw_b = None if b == MISSING else b
        rows.append(
            {
                "name": name.strip(),
                "raw_a": raw_a,
                "raw_b": raw_b,
                "value_a": cell_value(raw_a),
                "value_b": cell_value(raw_b),
                "line": first_line + offset,
                "rejoined": False,
                "cells": 3,
            }
        )
    return rows


def build_table(text: str, line: int) -> Fields:
    """Header, separator and rows; rows the scraper broke over lines are re-joined."""
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
    if len(lines) < 2 or not _SEPARATOR.match(lines[1]):
        raise ParseError(
            "the table header is not followed by its separator",
            line=line + 1,
            column=1,
            text=lines[1] if len(lines) > 1 else "",
            expected="'|---|---|---|'",
        )
    width = len(header)
    if width == 3:
        rows = _well_formed_rows(text[len(lines[0]) + len(lines[1]) + 2 :], line + 2)
        if len(rows) == len(lines) - 2:
            return {"header_a": header[1], "header_b": header[2], "rows": rows, "line": line}
    rows = []
    pending: list[str] = []
    pending_line = 0
    pending_parts = 0
    for offset, text_line in enumerate(lines[2:], start=2):
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
    return {"header_a": header[1], "header_b": header[2], "rows": rows, "line": line}


_CLAIM_LINES = (_UNIQUE, _VS)
_FINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",")


def build_capabilities(block: str, first_line: int) -> list[Fields]:
    """A CAPABILITIES run -> one dict per capability.

    Mirrors the terminal: [title] description [Unique:] [vs alternatives:],
    where a title is a line of at most 80 characters without final
    punctuation whose next line is a description followed by Unique/vs.
    """
    lines = block.split("\n")
    lines.pop()  # the run ends with a newline
    count = len(lines)
    capabilities: list[Fields] = []
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
        description_index = index
        index += 1
        unique: str | None = None
        vs_alternatives: str | None = None
        if index < count and lines[index].startswith(_UNIQUE):
            unique = lines[index][len(_UNIQUE) :].strip()
            index += 1
        if index < count and lines[index].startswith(_VS):
            vs_alternatives = lines[index][len(_VS) :].strip()
            index += 1
        capabilities.append(
            {
                "title": title,
                "description": lines[description_index],
                "unique": unique,
                "vs_alternatives": vs_alternatives,
                "line": first_line + description_index,
            }
        )
    return capabilities


class PageTransformer(Transformer[Token, Fields]):
    """Builds the parts of a page as the LALR parser reduces each rule."""

    def title(self, children: list[Token]) -> _Line:
        return _line(children[0])

    def summary(self, children: list[Token]) -> _Line:
        return _line(children[0])

    def table(self, children: list[Token]) -> Fields:
        token = children[0]
        return build_table(token.value, _at(token))

    def capabilities(self, children: list[Token]) -> list[Fields]:
        token = children[0]
        return build_capabilities(token.value, _at(token))

    def more(self, children: list[Token]) -> _More:
        token = children[0]
        match = _MORE.match(token.value)
        assert match is not None  # guaranteed by the MORE terminal
        return _More(int(match.group(1)), _at(token))

    def section(self, children: list[Any]) -> _Section:
        heading: str | None = None
        line = 0
        capabilities: list[Fields] = []
        more: _More | None = None
        for child in children:
            if isinstance(child, list):
                capabilities = child
            elif isinstance(child, _More):
                more = child
            else:
                heading = child.value[: -len(_HEADING_SUFFIX)]
                line = _at(child)
        if not line:
            if capabilities:
                first = capabilities[0]
                line = first["line"] - (first["title"] is not None)
            else:
                line = more.line if more else 1
        return _Section(heading, line, capabilities, more)

    def body(self, children: list[_Section]) -> list[_Section]:
        return children

    def verdict(self, children: list[Token]) -> _Verdict:
        heading_line = _at(children[0])
        text = _line(children[1]) if len(children) > 1 else None
        trailer = tuple(children[2].value.rstrip("\n").split("\n")) if len(children) > 2 else ()
        return _Verdict(heading_line, text, trailer)

    def start(self, children: list[Any]) -> Fields:
        title: _Line = children[0]
        summary_line: _Line | None = None
        table: Fields = {}
        sections: list[_Section] = []
        verdict_raw: _Verdict | None = None
        for child in children[1:]:
            if isinstance(child, dict):
                table = child
            elif isinstance(child, _Verdict):
                verdict_raw = child
            elif isinstance(child, list):
                sections = child
            else:
                summary_line = child
        a, b = table["header_a"], table["header_b"]
        summary = None
        if summary_line is not None:
            scored = score_claim(summary_line.text, summary_line.line, a, b)
            summary = {
                "text": summary_line.text,
                "claim": scored[0] if scored is not None else None,
                "line": summary_line.line,
            }
        verdict = _build_verdict(verdict_raw, table) if verdict_raw is not None else None
        return {
            "title": title.text,
            "title_line": title.line,
            "subject_a": a,
            "subject_b": b,
            "summary": summary,
            "table": table,
            "sections": [_build_section(s, i, a, b) for i, s in enumerate(sections)],
            "verdict": verdict,
            "trailer": verdict_raw.trailer if verdict_raw is not None else (),
            "complete": verdict is not None and bool(verdict["text"]),
        }


def _build_section(raw: _Section, index: int, a: str, b: str) -> Fields:
    side: Side | None = None
    if raw.heading is not None:
        side = resolve(raw.heading, a, b)
    if side is None and index < 2:
        # An unnamed or misnamed section takes its place's subject; the
        # validator reports a heading that names the wrong subject.
        side = "a" if index == 0 else "b"
    return {
        "heading": raw.heading,
        "side": side,
        "capabilities": raw.capabilities,
        "more": raw.more.k if raw.more else None,
        "line": raw.line,
        "more_line": raw.more.line if raw.more else None,
    }


def _build_verdict(raw: _Verdict, table: Fields) -> Fields:
    if raw.text is None:
        return {
            "text": "",
            "claim": None,
            "leads": (),
            "free_tier": None,
            "unparsed": (),
            "line": raw.heading_line,
            "heading_line": raw.heading_line,
        }
    features = {row["name"].casefold(): row["name"] for row in table["rows"]}
    claim, leads, free, unparsed = verdict_claims(
        raw.text.text, raw.text.line, table["header_a"], table["header_b"], features
    )
    return {
        "text": raw.text.text,
        "claim": claim,
        "leads": leads,
        "free_tier": free,
        "unparsed": unparsed,
        "line": raw.text.line,
        "heading_line": raw.heading_line,
    }
