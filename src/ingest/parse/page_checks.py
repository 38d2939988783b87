"""Checks the transformer runs while it builds a page: numbers in range, no part repeated.

What fails here does not stop the parse: the value is left empty and a
:class:`ingest.page.records.PageError` is added to the page (its status becomes
``partial`` and ``ingest check`` reports it). Ranges, by column:

- a table cell's value: a finite number (``1e309`` and longer digit runs are not);
- the ``Capabilities`` row (``n decomposed``) and ``+k more``: a whole number in
  :data:`ingest.parse.claims.COUNT_RANGE` (int32 columns);
- a score cell ``n/m`` (the UnfragileRank row): ``0 <= n <= m``;
- a quoted score ``n/100``: :data:`ingest.parse.claims.SCORE_RANGE` (checked in
  :mod:`ingest.parse.claims`, where the sentence is read).
"""

from __future__ import annotations

import math
from typing import Final

from ingest.page.records import FeatureRow, FeatureTable, PageError, Verdict
from ingest.parse.cell_values import CELL_VALUES, CELLS_KEPT, parse_cell
from ingest.parse.claims import COUNT_RANGE, OUT_OF_RANGE, shown_number, whole_number

REPEATED_PART = "IG006"
"""The code of a page error for a title, table or Verdict heading seen again after the verdict."""
UNEXPECTED_LINE = "IG004"
"""The code of a page error for a line the grammar skipped (:mod:`ingest.parse.recovery`)."""

_CAPABILITIES = "capabilities"
_LOW, _HIGH = COUNT_RANGE
_INF = math.inf
_SHORT = len(str(_HIGH)) if _LOW <= 0 else 0
"""A run of fewer digits than this is a whole number in :data:`COUNT_RANGE`."""


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _in_count_range(value: float | None) -> bool:
    return value is None or _LOW <= value <= _HIGH


def _score_over_scale(raw: str | None, value: float | None) -> bool:
    """``n/m`` with ``n`` outside ``0..m`` (`99999999999/100`): a score cannot exceed its scale."""
    if value is None or 0 <= value <= 100 or raw is None or "/" not in raw:
        return False
    cell = parse_cell(raw)
    if cell.kind != "score" or cell.unit is None:
        return False
    scale = float(cell.unit[1:])
    return not 0 <= value <= scale


def _range_problem(value: float, count_row: bool, over_scale: bool) -> str | None:
    """What is wrong with a cell's ``value`` in its column, or None if it fits."""
    if not math.isfinite(value):
        return "is not a finite number"
    if over_scale:
        return "is out of range for a score (0 to its scale)"
    if count_row and not _LOW <= value <= _HIGH:
        return f"is out of range for a count ({_LOW}-{_HIGH})"
    return None


def _emptied_row(
    row: FeatureRow,
    count_row: bool,
    line_text: str,
    subjects: tuple[str, str],
    errors: list[PageError],
) -> FeatureRow:
    """``row`` with each value that does not fit its column emptied and reported at its cell
    in ``line_text``."""
    values = [row.value_a, row.value_b]
    after = line_text.find("|", 1) + 1
    for side, (raw, value) in enumerate(zip((row.raw_a, row.raw_b), values, strict=True)):
        if raw is None or value is None:
            continue
        at = line_text.find(raw, after)
        after = at + len(raw) if at >= 0 else after
        what = _range_problem(value, count_row, _score_over_scale(raw, value))
        if what is None:
            continue
        values[side] = None
        message = (
            f"the {_shown(row.name)} cell '{_shown(raw)}' of {_shown(subjects[side])} "
            f"{what}: its value is left empty"
        )
        errors.append(
            PageError(OUT_OF_RANGE, message, row.line, at + 1 if at >= 0 else 1, line_text)
        )
    return row._replace(value_a=values[0], value_b=values[1])


def cell_fits(raw: str | None, value: float | None) -> bool:
    """The cell fits any column :func:`checked_table` puts it in: empty, or a finite
    number in :data:`ingest.parse.claims.COUNT_RANGE` and not over its scale.

    A table whose every cell fits needs no :func:`checked_table` (it would return it as is).
    """
    if value is None:
        return True
    return -_INF < value < _INF and _LOW <= value <= _HIGH and not _score_over_scale(raw, value)


class _Fits(dict[str | None, bool]):
    """Cell text -> :func:`cell_fits` of it and its value, remembered (as :data:`CELL_VALUES`)."""

    __slots__ = ()

    def __missing__(self, raw: str | None) -> bool:
        fits = cell_fits(raw, CELL_VALUES[raw])
        if len(self) < CELLS_KEPT:
            self[raw] = fits
        return fits


CELL_FITS: Final = _Fits({None: True})
"""``CELL_FITS[raw]``: :func:`cell_fits` of the cell ``raw`` with its value ``CELL_VALUES[raw]``."""


def checked_table(table: FeatureTable, text: str, errors: list[PageError]) -> FeatureTable:
    """``table`` with every value that does not fit its column emptied (and reported)."""
    bad: list[int] = []
    counts_at = -1  # the first Capabilities row: the one the `declared` columns read
    for index, row in enumerate(table.rows):
        a, b = row.value_a, row.value_b
        count_row = (
            counts_at == -1
            and len(row.name) == len(_CAPABILITIES)  # cheap before casefold
            and row.name.casefold() == _CAPABILITIES
        )
        if count_row:
            counts_at = index
        if (
            (a is not None and not -_INF < a < _INF)
            or (b is not None and not -_INF < b < _INF)
            or (count_row and not (_in_count_range(a) and _in_count_range(b)))
            or _score_over_scale(row.raw_a, a)
            or _score_over_scale(row.raw_b, b)
        ):
            bad.append(index)
    if not bad:
        return table
    rows = list(table.rows)
    lines = text.split("\n")
    subjects = (table.header_a, table.header_b)
    for index in bad:
        row = rows[index]
        line_text = lines[row.line - table.line] if row.line - table.line < len(lines) else ""
        rows[index] = _emptied_row(row, index == counts_at, line_text, subjects, errors)
    return table._replace(rows=tuple(rows))


def checked_more(value: str, line: int, errors: list[PageError]) -> int | None:
    """The ``k`` of a ``+k more capabilities`` token, or None (reported) when out of range."""
    digits = value[1 : value.index(" ")]
    # Fewer digits than the top of the range: in range, int() without a call (~0.2 us).
    count = int(digits) if len(digits) < _SHORT else whole_number(digits, _LOW, _HIGH)
    if count is None:
        message = (
            f"'+{shown_number(digits)} more capabilities' is out of range for a count "
            f"({_LOW}-{_HIGH}): the count is left empty"
        )
        errors.append(PageError(OUT_OF_RANGE, message, line, 2, value.rstrip("\n")))
    return count


def repeated_parts(
    title: str,
    verdict: Verdict,
    trailer: tuple[str, ...] | list[str],
    trailer_line: int,
    errors: list[PageError],
) -> None:
    """An IG006 error for the first part after the verdict that a page has only once."""
    if verdict.text == "Verdict":
        message = "a second 'Verdict' heading where the verdict paragraph should be"
        errors.append(PageError(REPEATED_PART, message, verdict.line, 1, verdict.text))
        return
    for offset, text in enumerate(trailer):
        if text == "Verdict":
            message = "a second 'Verdict' heading after the verdict"
        elif text == title:
            message = "the title line again after the verdict: a second page follows the first"
        elif text.startswith("|"):
            message = "a table row after the verdict: a second page follows the first"
        else:
            continue
        errors.append(PageError(REPEATED_PART, message, trailer_line + offset, 1, text))
        return


def inside_table(text: str, expected: str = "a table row '| <feature> | <a> | <b> |'") -> str:
    """The IG004 message for a line between two rows of the table that is not a row."""
    return f"unexpected line '{_shown(text)}' inside the feature table (expected {expected})"
