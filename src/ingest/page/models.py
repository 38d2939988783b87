"""Typed, immutable models of a comparison page.

Every part of a page keeps the 1-based source ``line`` it was read from, and
claims keep the 1-based ``column`` where they start inside that line, so that
a finding can point at the exact text it is about.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ingest.page.findings import Finding as FindingRecord
from ingest.page.findings import Severity
from ingest.page.format import CAPABILITIES_ROW as CAPABILITIES_ROW
from ingest.page.format import COMPONENTS as COMPONENTS
from ingest.page.format import PRICING_ROW as PRICING_ROW
from ingest.page.format import RANK_ROW as RANK_ROW
from ingest.page.format import SCHEMA_VERSION as SCHEMA_VERSION
from ingest.page.format import SIDES as SIDES
from ingest.page.format import LeadPhrase as LeadPhrase
from ingest.page.format import Side as Side


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class FeatureRow(_Model):
    """One row of the feature table, re-joined if the scraper broke it over lines."""

    name: str
    raw_a: str | None
    """The cell as displayed for subject a; ``None`` where the page shows ``—``."""
    raw_b: str | None
    value_a: float | None
    """The number in the cell (``42/100`` -> 42, ``6 decomposed`` -> 6, ``$1.25/1M`` -> 1.25)."""
    value_b: float | None
    line: int
    rejoined: bool = False
    """True when the row was put back together from several source lines."""
    cells: int = 3
    """How many cells the (re-joined) row had; a well-formed row has 3."""


class FeatureTable(_Model):
    """The markdown table: header names and every row, in page order."""

    header_a: str
    header_b: str
    rows: tuple[FeatureRow, ...]
    line: int

    def row(self, name: str) -> FeatureRow | None:
        """The row whose feature name equals ``name`` (case-insensitive), if any."""
        wanted = name.casefold()
        for row in self.rows:
            if row.name.casefold() == wanted:
                return row
        return None


class Capability(_Model):
    """One capability: optional title, description, `Unique:` and `vs alternatives:` text."""

    title: str | None
    description: str
    unique: str | None
    vs_alternatives: str | None
    line: int
    """Line of the description (the title, when present, is the line above)."""


class CapabilitySection(_Model):
    """The capabilities listed for one subject, under its `<name> Capabilities` heading."""

    heading: str | None
    """The name as written in the heading; ``None`` for a section without heading."""
    side: Side | None
    """The subject the section belongs to; ``None`` if the heading names neither."""
    capabilities: tuple[Capability, ...]
    more: int | None
    """The ``k`` of ``+k more capabilities``, if the section ends with it."""
    line: int
    more_line: int | None = None

    @property
    def listed(self) -> int:
        return len(self.capabilities)


class ScoreClaim(_Model):
    """`X ranks/scores higher at n/100 vs Y at m/100.`"""

    winner: str
    winner_side: Side | None
    winner_score: int
    loser: str
    loser_side: Side | None
    loser_score: int
    line: int
    column: int


class LeadClaim(_Model):
    """One dimension of `P leads on d1 and d2` or `Q is stronger on d`."""

    subject: str
    side: Side | None
    feature: str
    """The table row the dimension names (its table spelling), or the text as written."""
    phrase: LeadPhrase
    line: int
    column: int
    """Column of the dimension word inside the line."""


class FreeTierClaim(_Model):
    """`R also has a free tier, making it more accessible.`"""

    subject: str
    side: Side | None
    line: int
    column: int


class Summary(_Model):
    """The line under the title: a score claim, or free text such as
    `Side-by-side comparison to help you choose.`"""

    text: str
    claim: ScoreClaim | None
    line: int


class Verdict(_Model):
    """The paragraph under `Verdict`, with the claims it makes."""

    text: str
    """The paragraph; empty when the page stops right after the heading."""
    claim: ScoreClaim | None
    leads: tuple[LeadClaim, ...]
    free_tier: FreeTierClaim | None
    unparsed: tuple[str, ...]
    """Sentences of the paragraph that match no known claim form."""
    line: int
    heading_line: int


class PageError(_Model):
    """Something wrong on a page that still parsed: a line skipped by error recovery, a number
    out of its range, a repeated part.

    The page keeps every other part; its status in a batch is ``partial``, and
    ``ingest check`` reports each error as a finding with its ``code``.
    """

    code: str
    """The rule code of the finding (``IG004``, ``IG005``, ``IG006``)."""
    message: str
    line: int
    column: int
    text: str
    """The offending line."""


class Page(_Model):
    """A parsed comparison page."""

    source: str | None
    page_id: str
    """sha256 (hex) of the file's bytes, or of the UTF-8 text given to ``parse_text``."""
    title: str
    title_line: int
    subject_a: str
    subject_b: str
    summary: Summary | None
    table: FeatureTable
    sections: tuple[CapabilitySection, ...]
    verdict: Verdict | None
    trailer: tuple[str, ...]
    complete: bool
    """False when the page stops before its verdict (cut off by the scraper)."""
    errors: tuple[PageError, ...] = ()
    """What is wrong on the page although it parsed; empty for a clean page."""

    def subject(self, side: Side) -> str:
        return self.subject_a if side == "a" else self.subject_b

    def section(self, side: Side) -> CapabilitySection | None:
        """The first capability section of ``side``, if the page has one."""
        for section in self.sections:
            if section.side == side:
                return section
        return None

    def declared_capabilities(self, side: Side) -> int | None:
        """The ``n`` of the table's ``n decomposed``, if the page shows one."""
        row = self.table.row("Capabilities")
        if row is None:
            return None
        value = row.value_a if side == "a" else row.value_b
        return None if value is None else int(value)


class Finding(BaseModel):
    """What a rule reports: which rule, how bad, where, and about what.

    ``line`` and ``column`` are 1-based; the column is that of the claim inside
    its line where there is one. ``subject`` and ``feature`` name what the
    finding is about (``None`` where that does not apply). This is the public,
    validated model (``ingest.Finding``); the rules and the linter work on its
    record, :class:`ingest.page.findings.Finding`, and :meth:`from_record`
    turns one into the other at the API's boundary.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    page_id: str | None = None
    subject: str | None = None
    feature: str | None = None

    @classmethod
    def from_record(cls, record: FindingRecord) -> Finding:
        """The model of a finding record."""
        return cls(**record._asdict())
