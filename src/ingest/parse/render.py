"""``render(page)``: the canonical text of a :class:`~ingest.page.models.Page` (parsing inverted).

Parsing the rendered text gives the page back: ``parse_text(render(p)) == p`` for
every page whose line numbers follow the canonical layout (no blank lines, one
line per table row) and whose ``page_id`` is the sha256 of that text. What the
model does not keep is written in its one canonical form: the table header's
first cell is ``Feature``, the separator ``|---|---|---|``, rows the scraper
broke over several lines are written as one row, and ``+k more`` always says
``capabilities``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from ingest.parse.claims import MISSING

if TYPE_CHECKING:
    from ingest.page.models import FeatureTable, Page

TABLE_CORNER = "Feature"
SEPARATOR = "|---|---|---|"
HEADING_SUFFIX = " Capabilities"
VERDICT_HEADING = "Verdict"
UNIQUE = "Unique:"
VS_ALTERNATIVES = "vs alternatives:"


class RowLike(Protocol):
    """What a row is written from (a ``FeatureRow``, or a synthetic draft of one)."""

    @property
    def name(self) -> str: ...
    @property
    def raw_a(self) -> str | None: ...
    @property
    def raw_b(self) -> str | None: ...
    @property
    def cells(self) -> int: ...


class CapabilityLike(Protocol):
    """What a capability is written from."""

    @property
    def title(self) -> str | None: ...
    @property
    def description(self) -> str: ...
    @property
    def unique(self) -> str | None: ...
    @property
    def vs_alternatives(self) -> str | None: ...


class SectionLike(Protocol):
    """What a capability section is written from."""

    @property
    def heading(self) -> str | None: ...
    @property
    def capabilities(self) -> Sequence[CapabilityLike]: ...
    @property
    def more(self) -> int | None: ...


def render(page: Page) -> str:
    """The text of ``page``, one LF-terminated line per part, without blank lines."""
    return "\n".join(page_lines(page)) + "\n"


def page_lines(page: Page) -> Iterator[str]:
    """The lines of the canonical text, in page order."""
    yield page.title
    if page.summary is not None:
        yield page.summary.text
    yield from table_lines(page.table)
    for section in page.sections:
        yield from section_lines(section)
    if page.verdict is not None:
        yield VERDICT_HEADING
        if page.verdict.text:
            yield page.verdict.text
            yield from page.trailer


def table_lines(table: FeatureTable) -> Iterator[str]:
    """Header, separator and one line per row."""
    yield from header_lines(table.header_a, table.header_b)
    for row in table.rows:
        yield row_line(row)


def header_lines(subject_a: str, subject_b: str) -> tuple[str, str]:
    """`| Feature | A | B |` and the separator."""
    return f"| {TABLE_CORNER} | {subject_a} | {subject_b} |", SEPARATOR


def row_line(row: RowLike) -> str:
    """`| name | a | b |`; ``None`` cells are `—`, and a row keeps its number of cells
    (missing cells are left out, extra ones written empty), so a malformed row stays one."""
    cells = [row.name, _cell(row.raw_a), _cell(row.raw_b)][: max(1, row.cells)]
    cells += [""] * (row.cells - len(cells))
    return "| " + " | ".join(cells) + " |"


def _cell(raw: str | None) -> str:
    return MISSING if raw is None else raw


def section_lines(section: SectionLike) -> Iterator[str]:
    """`<name> Capabilities` (unless headless), the capabilities, `+k more capabilities`."""
    if section.heading is not None:
        yield section.heading + HEADING_SUFFIX
    for capability in section.capabilities:
        yield from capability_lines(capability)
    if section.more is not None:
        yield more_line(section.more)


def more_line(k: int) -> str:
    return f"+{k} more capabilities"


def capability_lines(capability: CapabilityLike) -> Iterator[str]:
    """[title] description [Unique: ...] [vs alternatives: ...]."""
    if capability.title is not None:
        yield capability.title
    yield capability.description
    if capability.unique is not None:
        yield _labelled(UNIQUE, capability.unique)
    if capability.vs_alternatives is not None:
        yield _labelled(VS_ALTERNATIVES, capability.vs_alternatives)


def _labelled(label: str, text: str) -> str:
    return f"{label} {text}" if text else label


# ---------------------------------------------------------------- claim sentences
# What `ingest check --fix` writes in place of a claim that contradicts the table.

NEUTRAL_SUMMARY = "Side-by-side comparison to help you choose."
"""The summary line a fix leaves where the only sentence named a winner on a tie."""


def score_sentence(winner: str, verb: str, winner_score: int, loser: str, loser_score: int) -> str:
    """`W ranks higher at n/100 vs L at m/100.` (``verb`` is `ranks` or `scores`)."""
    return f"{winner} {verb} higher at {winner_score}/100 vs {loser} at {loser_score}/100."


def join_dimensions(dimensions: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(dimensions) <= 1:
        return "".join(dimensions)
    return ", ".join(dimensions[:-1]) + " and " + dimensions[-1]


def lead_sentence(
    leader: str | None, leads_on: Sequence[str], stronger: str | None, stronger_on: Sequence[str]
) -> str:
    """`P leads on d, while Q is stronger on e.` (either half alone; empty without leads)."""
    halves = []
    if leader is not None and leads_on:
        halves.append(f"{leader} leads on {join_dimensions(leads_on)}")
    if stronger is not None and stronger_on:
        halves.append(f"{stronger} is stronger on {join_dimensions(stronger_on)}")
    return ", while ".join(halves) + "." if halves else ""


def free_tier_sentence(subject: str) -> str:
    """`R also has a free tier, making it more accessible.`"""
    return f"{subject} also has a free tier, making it more accessible."
