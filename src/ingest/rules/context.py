"""What every page rule needs at hand: the page record, its path, its rows, a findings list.

Built once per page so that the rules look rows up in a dict instead of
scanning the table again for every claim (``check_page`` is on the batch
writer's hot path).
"""

from __future__ import annotations

from ingest.page.findings import Finding
from ingest.page.format import Side
from ingest.page.records import CapabilitySection, FeatureRow, Page
from ingest.parse.claims import MISSING
from ingest.rules.rule import Rule


def other_side(side: Side) -> Side:
    return "b" if side == "a" else "a"


def cell(row: FeatureRow, side: Side) -> str:
    """The cell as displayed (``—`` where the page shows no value)."""
    raw = row.raw_a if side == "a" else row.raw_b
    return MISSING if raw is None else raw


def value(row: FeatureRow, side: Side) -> float | None:
    return row.value_a if side == "a" else row.value_b


_LAST: tuple[tuple[FeatureRow, ...], dict[str, FeatureRow]] = ((), {})
"""The last table looked up and its dict: one tuple, so a thread reads a matching pair."""


def rows_by_name(rows: tuple[FeatureRow, ...]) -> dict[str, FeatureRow]:
    """The first row of each case-folded feature name (what ``FeatureTable.row`` finds).

    Remembers the last table (rows are immutable): the normalizer's ``pages`` row
    then reads the dict the rules just built (~3 µs a page). Callers must not change it.
    """
    global _LAST
    last_rows, last = _LAST
    if rows is last_rows:
        return last
    by_name: dict[str, FeatureRow] = {}
    for row in rows:
        by_name.setdefault(row.name.casefold(), row)
    _LAST = (rows, by_name)
    return by_name


class PageContext:
    """One page under check: lookups shared by the rules and the findings they report.

    ``enabled`` is the codes to report (None: all); a finding of any other rule
    is dropped before its message is built.
    """

    __slots__ = ("enabled", "findings", "page", "page_id", "path", "rows")

    def __init__(self, page: Page, path: str, enabled: frozenset[str] | None = None) -> None:
        self.page = page
        self.path = path
        self.enabled = enabled
        self.page_id = page.page_id
        self.findings: list[Finding] = []
        self.rows = rows_by_name(page.table.rows)

    def row(self, name: str) -> FeatureRow | None:
        """The first table row called ``name`` (case-insensitive), like ``FeatureTable.row``."""
        return self.rows.get(name.casefold())

    def name(self, side: Side) -> str:
        """The subject's name as the table header spells it."""
        return self.page.subject_a if side == "a" else self.page.subject_b

    def section(self, side: Side) -> CapabilitySection | None:
        """The first capability section of ``side``, like ``Page.section``."""
        for section in self.page.sections:
            if section.side == side:
                return section
        return None

    def report(
        self,
        rule: Rule,
        line: int,
        column: int = 1,
        *,
        subject: str | None = None,
        feature: str | None = None,
        variant: str | None = None,
        **values: object,
    ) -> None:
        """Add a finding of ``rule`` on this page, if ``rule`` is enabled."""
        if self.enabled is not None and rule.code not in self.enabled:
            return
        self.findings.append(
            rule.finding(
                path=self.path,
                line=line,
                column=column,
                page_id=self.page_id,
                subject=subject,
                feature=feature,
                variant=variant,
                **values,
            )
        )
