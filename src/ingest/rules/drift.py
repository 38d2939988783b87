"""IG501 artifact-drift: one artifact should show the same figures on every page of a batch.

Pages are snapshots taken at different times, so the same artifact (same name
and Type) may show a different UnfragileRank, Pricing or capability count on
different pages. The facts are small tuples, so that a batch can collect them
from its output tables and call :func:`drift_findings` once at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from ingest.page.findings import Finding
from ingest.page.format import SIDES, Side
from ingest.page.records import FeatureRow, Page, from_model
from ingest.rules.context import rows_by_name, value
from ingest.rules.family import RuleFamily
from ingest.rules.rule import Rule

if TYPE_CHECKING:
    from ingest.page import models

ARTIFACT_DRIFT = Rule(
    code="IG501",
    name="artifact-drift",
    severity="warning",
    scope="batch",
    fix="none",
    fix_why="Which page's figures are stale cannot be read from the pages.",
    summary="across the checked batch, one artifact (same name and type) shows different "
    "UnfragileRank, pricing or capability count on different pages; one finding per page, "
    "naming the other pages",
    template="{subject} ({type}) differs across pages: {differences}",
    what="Across all pages checked together, groups the artifacts by name and Type and\n"
    "reports, on each page, the UnfragileRank, Pricing or Capabilities it shows that\n"
    "other pages contradict (one finding per artifact and page, at the first\n"
    "differing row, naming up to three other pages).",
    why="Pages are snapshots taken at different times: an analyst joining them needs to\n"
    "know which figures are stale.",
    example="a.txt: | UnfragileRank | 42/100 | 58/100 |\n"
    "b.txt: | UnfragileRank | 51/100 | 60/100 |      (FLUX.1 Pro on both)",
    instead="the same | UnfragileRank | ... | 58/100 | for FLUX.1 Pro on every page",
)

NAMED_PAGES = 3
"""How many other pages a message names before it only counts them."""


class ArtifactFacts(NamedTuple):
    """What one page shows about one of its two artifacts, and on which lines."""

    page_id: str
    path: str
    subject: str
    type: str | None
    rank: float | None
    pricing: str | None
    capabilities: int | None
    rank_line: int | None = None
    pricing_line: int | None = None
    capabilities_line: int | None = None

    @classmethod
    def from_page(cls, page: models.Page | Page, path: str | None = None) -> list[ArtifactFacts]:
        """The facts of both subjects of ``page`` (``path`` defaults to ``page.source``)."""
        page = from_model(page)
        where = path if path is not None else (page.source or "<text>")
        rows = rows_by_name(page.table.rows)
        kind, rank, pricing = rows.get("type"), rows.get("unfragilerank"), rows.get("pricing")
        capabilities = rows.get("capabilities")
        facts: list[ArtifactFacts] = []
        for side in SIDES:
            declared = None if capabilities is None else value(capabilities, side)
            facts.append(
                cls(
                    page_id=page.page_id,
                    path=where,
                    subject=page.subject_a if side == "a" else page.subject_b,
                    type=_raw(kind, side),
                    rank=None if rank is None else value(rank, side),
                    pricing=_raw(pricing, side),
                    capabilities=None if declared is None else int(declared),
                    rank_line=None if rank is None else rank.line,
                    pricing_line=None if pricing is None else pricing.line,
                    capabilities_line=None if capabilities is None else capabilities.line,
                )
            )
        return facts


def _raw(row: FeatureRow | None, side: Side) -> str | None:
    if row is None:
        return None
    return row.raw_a if side == "a" else row.raw_b


class _Fact(NamedTuple):
    feature: str
    value: Callable[[ArtifactFacts], object]
    line: Callable[[ArtifactFacts], int | None]
    show: Callable[[object], str]


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_FACTS = (
    _Fact("UnfragileRank", lambda f: f.rank, lambda f: f.rank_line, lambda v: f"{_number(v)}/100"),
    _Fact("Pricing", lambda f: f.pricing, lambda f: f.pricing_line, str),
    _Fact(
        "Capabilities",
        lambda f: f.capabilities,
        lambda f: f.capabilities_line,
        lambda v: f"{_number(v)} decomposed",
    ),
)


def drift_findings(facts: Iterable[ArtifactFacts]) -> list[Finding]:
    """IG501 findings for every artifact whose figures differ between pages.

    One finding per artifact and page showing a contradicted figure, at the
    first differing row, naming up to :data:`NAMED_PAGES` other pages. A page
    listed twice (same path and page id) counts once. Sorted like a report.
    """
    groups: dict[tuple[str, str | None], dict[tuple[str, str], ArtifactFacts]] = {}
    for fact in facts:
        group = groups.setdefault((fact.subject, fact.type), {})
        group.setdefault((fact.path, fact.page_id), fact)
    findings: list[Finding] = []
    for (subject, kind), members in groups.items():
        if len(members) > 1:
            findings += _group_findings(subject, kind, list(members.values()))
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return findings


class _Shown:
    """One figure's values across the pages of an artifact, in the order pages show them.

    Built once per artifact, so that each page's message costs the same
    however many values the figure takes (a message names only the first
    :data:`NAMED_PAGES` other values and counts the rest).
    """

    def __init__(self, fact: _Fact, by_value: dict[object, list[ArtifactFacts]]) -> None:
        self.fact = fact
        self.pages = {value: len(pages) for value, pages in by_value.items()}
        self.total = sum(self.pages.values())
        self.first = [
            (value, f"{fact.show(value)} on {pages[0].path}")
            for value, pages in list(by_value.items())[: NAMED_PAGES + 1]
        ]

    def difference(self, shown: object) -> str:
        """`UnfragileRank 58/100 here, but 60/100 on b.txt (+2 more pages)`."""
        named = [text for value, text in self.first if value != shown][:NAMED_PAGES]
        unnamed = self.total - self.pages[shown] - len(named)
        tail = f" (+{unnamed} more page{'s' if unnamed > 1 else ''})" if unnamed else ""
        return f"{self.fact.feature} {self.fact.show(shown)} here, but {', '.join(named)}{tail}"


def _group_findings(subject: str, kind: str | None, members: list[ArtifactFacts]) -> list[Finding]:
    buckets: list[_Shown] = []
    for fact in _FACTS:
        by_value: dict[object, list[ArtifactFacts]] = {}
        for member in members:
            shown = fact.value(member)
            if shown is not None:
                by_value.setdefault(shown, []).append(member)
        if len(by_value) > 1:
            buckets.append(_Shown(fact, by_value))
    if not buckets:
        return []
    findings: list[Finding] = []
    for member in members:
        differences: list[str] = []
        first: _Fact | None = None
        for bucket in buckets:
            shown = bucket.fact.value(member)
            if shown is None:
                continue
            first = first or bucket.fact
            differences.append(bucket.difference(shown))
        if first is None:
            continue
        findings.append(
            ARTIFACT_DRIFT.finding(
                path=member.path,
                line=first.line(member) or 1,
                page_id=member.page_id,
                subject=subject,
                feature=first.feature,
                type=kind if kind is not None else "no Type",
                differences="; ".join(differences),
            )
        )
    return findings


FAMILY = RuleFamily(rules=(ARTIFACT_DRIFT,))
"""IG501 has no page check: a batch calls :func:`drift_findings` once over its pages' facts."""
