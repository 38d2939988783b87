"""The feature table of a synthetic page: what it says about each artifact, and more.

Every cell is drawn with the number the parser must read from it (``42/100`` ->
42.0, ``$1.25/1M tokens`` -> 1.25, ``2024-05-01`` -> 2024.0), computed from how the
cell was written, not by parsing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.synth import vocabulary as v
from ingest.synth.draft import RowDraft
from ingest.synth.draw import Draw


@dataclass(frozen=True)
class Artifact:
    """What the table says about one subject; the same on every page it is on."""

    name: str
    type: str
    rank: int
    pricing: str
    capabilities: int


def draw_rows(draw: Draw, a: Artifact, b: Artifact, consistent: bool) -> list[RowDraft]:
    """The rows of FORMAT.md for ``a`` and ``b``, plus up to two extra rows; free pages
    (not ``consistent``) also lose rows, get `—` cells and odd cell counts."""
    rows = [
        RowDraft(v.TYPE_ROW, a.type, b.type, None, None),
        RowDraft(v.RANK_ROW, f"{a.rank}/100", f"{b.rank}/100", float(a.rank), float(b.rank)),
    ]
    for name in v.COMPONENTS:
        value_a, value_b = _component(draw), _component(draw)
        rows.append(RowDraft(name, str(value_a), str(value_b), float(value_a), float(value_b)))
    rows.append(RowDraft(v.PRICING_ROW, a.pricing, b.pricing, None, None))
    rows.append(
        RowDraft(
            v.CAPABILITIES_ROW,
            f"{a.capabilities} decomposed",
            f"{b.capabilities} decomposed",
            float(a.capabilities),
            float(b.capabilities),
        )
    )
    matched_a, matched_b = draw.integer(0, 3), draw.integer(0, 3)
    rows.append(RowDraft(v.TIMES_MATCHED_ROW, str(matched_a), str(matched_b), matched_a, matched_b))
    for _ in range(draw.integer(0, 2)):
        rows.insert(draw.integer(0, len(rows)), _extra_row(draw, rows))
    if not consistent:
        rows = [_odd_row(draw, row) for row in rows if not draw.chance(0.05)]
        if draw.chance(0.2):
            rows.reverse()
    return rows


def _component(draw: Draw) -> int:
    return draw.integer(0, 9) if draw.chance(0.05) else draw.integer(0, 1)


def _extra_row(draw: Draw, rows: list[RowDraft]) -> RowDraft:
    """A row real pages sometimes carry, with a value the table reads a number from."""
    taken = {row.name for row in rows}
    name = draw.choice([n for n in v.EXTRA_ROW_NAMES if n not in taken] or ["Notes"])
    cells = [_extra_cell(draw, name), _extra_cell(draw, name)]
    return RowDraft(name, cells[0][0], cells[1][0], cells[0][1], cells[1][1])


def _extra_cell(draw: Draw, name: str) -> tuple[str | None, float | None]:
    if draw.chance(0.2):
        return None, None  # shown as `—`
    if name == "Starting Price":
        if draw.chance(0.3):
            mantissa, exponent = draw.integer(1, 9), draw.integer(1, 9)
            return f"${mantissa}.00e-{exponent} per prompt token", float(
                f"{mantissa}.00e-{exponent}"
            )
        dollars, cents = draw.integer(0, 30), draw.integer(0, 99)
        return f"${dollars}.{cents:02d}/1M tokens", float(f"{dollars}.{cents:02d}")
    if name == "Context Window":
        tokens = draw.integer(1, 2_000_000)
        return f"{tokens:,} tokens", float(tokens)
    if name == "GitHub Stars":
        thousands, tenths = draw.integer(0, 99), draw.integer(0, 9)
        return f"{thousands}.{tenths}k", float(thousands * 1000 + tenths * 100)
    if name == "Last Updated":
        year, month = draw.integer(2019, 2026), draw.integer(1, 12)
        return f"{year}-{month:02d}-01", None  # a date: no number
    return draw.choice(("MIT", "Apache-2.0", "Proprietary", "n/a")), None


def _odd_row(draw: Draw, row: RowDraft) -> RowDraft:
    """Free pages only: `—` cells, and rows with a missing or an extra cell."""
    if draw.chance(0.05):
        return RowDraft(row.name, None, row.raw_b, None, row.value_b)
    if draw.chance(0.03):
        return RowDraft(row.name, row.raw_a, None, row.value_a, None, cells=2)
    if draw.chance(0.03):
        return RowDraft(row.name, row.raw_a, row.raw_b, row.value_a, row.value_b, cells=4)
    return row
