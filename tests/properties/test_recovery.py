"""Inserting one line into a valid page costs that line and nothing else.

Which insertions are prose, and which are errors (README, "Error recovery"):

- a line that is not a marker (see the grammar's comments), inserted at a
  capability boundary (before a capability, a heading, `+k more` or `Verdict`),
  is prose: it becomes a capability of its own, or the title of the
  capability under it. No finding; every other fact is unchanged.
- a `Unique:`, `vs alternatives:` or table-row line inserted at a capability
  boundary where it cannot belong to the capability above it, and any line
  that is not a row inserted inside the table, are errors: exactly one IG004
  finding, at the inserted line, and every other fact is unchanged.

Left out, because the format gives them a meaning by position: the line under
the title is the summary, the line under `Verdict` the verdict paragraph, what
follows the verdict the trailer, whatever they say; a `|` line right under the
table (or one line below it) is a row of the table; a line after `+k more`
starts a section without heading; and `<name> Capabilities` directly above a
`Unique:` line is a description with its claim line (the grammar's decision).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import ingest
from ingest.testing import pages

pytestmark = pytest.mark.property

_LINE_KEYS = frozenset({"line", "title_line", "heading_line", "more_line"})
_MARKERS = ("|", "Unique:", "vs alternatives:", "+")

# One line of text: no line break, no NUL (binary), no lone surrogate.
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"),
    min_size=1,
    max_size=60,
)


def _is_prose(line: str) -> bool:
    """Not a marker line where a capability may start (see the grammar's comments)."""
    return (
        bool(line.strip())
        and not line.startswith(_MARKERS)
        and line.rstrip(" \t") != "Verdict"
        and not line.rstrip(" \t").endswith(" Capabilities")
    )


def _unshifted(value: Any, inserted: int) -> Any:
    """A page dump with every line number after the inserted line moved back by one."""
    if isinstance(value, dict):
        return {
            key: (
                item - 1
                if key in _LINE_KEYS and isinstance(item, int) and item > inserted
                else _unshifted(item, inserted)
            )
            for key, item in value.items()
            if key not in ("source", "page_id")
        }
    if isinstance(value, (list, tuple)):
        return [_unshifted(item, inserted) for item in value]
    return value


class _Spot(NamedTuple):
    line: int
    stray: frozenset[str]
    """The markers whose line here cannot belong to the capability above (`|` always can't)."""
    prose: bool
    """A prose line here joins the section above (not after `+k more`, which ends it)."""
    row: bool
    """A `|` line here is not read as a row of the table (not right under it)."""


def _boundaries(page: ingest.Page) -> list[_Spot]:
    """Every capability boundary of a page below the line under its table."""
    found: list[_Spot] = []
    after_more = False
    after_heading = False  # `<name> Capabilities` then `Unique:` is a description (grammar)

    every = frozenset(("|", "Unique:", "vs alternatives:"))

    def add(line: int, stray: frozenset[str], prose: bool) -> None:
        nonlocal after_heading
        found.append(_Spot(line, frozenset({"|"}) if after_heading else stray, prose, True))
        after_heading = False

    stray = every  # what the line above the next spot leaves stray: the table, nothing
    for section in page.sections:
        if section.heading is not None:
            add(section.line, stray, not after_more)  # the line above ends the last section
            after_heading = True
            stray = every
        positional = section.heading is None and after_more
        after_more = False
        for capability in section.capabilities:
            if not positional:  # a section without heading after `+k more` starts by position
                add(capability.line - (capability.title is not None), stray, True)
            # `Unique:` attaches to a description alone, `vs alternatives:` to one without it.
            has_vs = capability.vs_alternatives is not None
            stray = frozenset(
                {"|"}
                | ({"Unique:"} if capability.unique is not None or has_vs else set())
                | ({"vs alternatives:"} if has_vs else set())
            )
        if section.more_line is not None:
            add(section.more_line, stray, True)
            after_more = True
            stray = every
    if page.verdict is not None:
        add(page.verdict.heading_line, stray, not after_more)
    table_end = page.table.rows[-1].line if page.table.rows else page.table.line + 1
    # Right under the table a `|` line is a row, and a line then a `|` line is a
    # stray line inside the table (the TABLE terminal).
    return [
        spot._replace(row=spot.line > table_end + 2) for spot in found if spot.line > table_end + 1
    ]


def _insert(page: ingest.Page, line: int, text: str) -> ingest.Page:
    lines = ingest.render(page).split("\n")
    lines.insert(line - 1, text)
    return ingest.parse_text("\n".join(lines), recover=True)


@given(pages(), st.data())
def test_prose_at_a_capability_boundary_is_a_capability_and_costs_nothing(
    page: ingest.Page, data: st.DataObject
) -> None:
    spots = [spot.line for spot in _boundaries(page) if spot.prose]
    assume(spots)
    line = data.draw(st.sampled_from(spots))
    text = data.draw(_TEXT.filter(_is_prose))
    recovered = _insert(page, line, text.strip(" \t"))
    assert [e for e in recovered.errors if e.code == "IG004"] == []
    dump = _unshifted(recovered.model_dump(), line)
    original = _unshifted(page.model_dump(), 10**9)
    prose = text.strip(" \t")
    found = 0
    for section in dump["sections"]:  # take the inserted line out again
        kept = []
        for capability in section["capabilities"]:
            if not found and capability["line"] == line:
                found += 1
                if capability["title"] is None:
                    assert capability["description"] == prose
                    continue  # a capability of its own
                assert capability["title"] == prose  # the title of the capability under it
                capability = {**capability, "title": None}
            kept.append(capability)
        section["capabilities"] = kept
    assert found == 1
    assert dump == original


@given(pages(), st.data())
def test_a_stray_claim_or_row_line_is_one_finding_at_that_line(
    page: ingest.Page, data: st.DataObject
) -> None:
    marker = data.draw(st.sampled_from(["Unique:", "vs alternatives:", "|"]))
    spots = [s.line for s in _boundaries(page) if marker in s.stray and (s.row or marker != "|")]
    assume(spots)
    line = data.draw(st.sampled_from(spots))
    text = marker + data.draw(_TEXT).rstrip(" \t")
    recovered = _insert(page, line, text)
    unexpected = [(e.code, e.line, e.column) for e in recovered.errors if e.code == "IG004"]
    assert unexpected == [("IG004", line, 1)]
    dump = _unshifted(recovered.model_dump(), line)
    dump["errors"] = [e for e in dump["errors"] if e["line"] != line]
    assert dump == _unshifted(page.model_dump(), 10**9)
    findings = [(f.code, f.line) for f in ingest.check_page(recovered)]
    assert findings.count(("IG004", line)) == 1


@given(pages(), st.data())
def test_a_line_that_is_not_a_row_inside_the_table_is_one_finding(
    page: ingest.Page, data: st.DataObject
) -> None:
    rows = [row.line for row in page.table.rows]
    assume(len(rows) >= 2)
    line = data.draw(st.sampled_from(rows[1:]))  # between two rows
    text = data.draw(_TEXT.filter(lambda t: bool(t.strip()) and not t.startswith("|")))
    recovered = _insert(page, line, text.rstrip(" \t"))
    assert [(e.code, e.line) for e in recovered.errors if e.code == "IG004"] == [("IG004", line)]
    dump = _unshifted(recovered.model_dump(), line)
    dump["errors"] = [e for e in dump["errors"] if e["line"] != line]
    assert dump == _unshifted(page.model_dump(), 10**9)
