"""What a run found, from its tables (never by parsing again): ``ingest summary``'s content.

Counts by status and by rule, the failed and partial files with their first
error, and the artifacts whose pages disagree the most (widest rank spread
first), sortable and filterable. Pure Arrow over the tables of one snapshot.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Final

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dataset.manifest import Manifest
from ingest.dataset.read import read_snapshot

SORTS: Final = ("spread", "pages", "key")
"""How artifacts are ordered: widest rank spread, most pages, or by key."""

_TABLES = ("pages", "errors", "findings", "artifacts")
ARTIFACT_COLUMNS: Final = (
    "artifact_key",
    "names",
    "types",
    "n_pages",
    "rank_min",
    "rank_max",
    "rank_spread",
    "pricings",
    "declared_counts",
    "disagrees",
)
"""The columns of the artifacts a summary lists, in order."""


@dataclass(frozen=True)
class Filters:
    """Which artifacts a summary lists, and in which order."""

    sort: str = "spread"
    all_artifacts: bool = False
    """Also those whose pages agree (by default only those that disagree)."""
    type: str | None = None
    """Only artifacts with this Type (ignoring case)."""
    min_pages: int = 1
    limit: int = 20


@dataclass(frozen=True)
class RunSummary:
    """One run's summary: each part is plain data (lists of dicts), ready for any format."""

    manifest: Manifest
    status: dict[str, int]
    rules: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    artifacts: list[dict[str, Any]]
    artifacts_total: int
    pages: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": self.manifest.summary_line(),
            "status": self.status,
            "rules": self.rules,
            "problems": self.problems,
            "artifacts": self.artifacts,
            "artifacts_total": self.artifacts_total,
        }


def _status(pages: pa.Table) -> dict[str, int]:
    counts = {"ok": 0, "partial": 0, "failed": 0}
    grouped = pages.group_by("status").aggregate([("status", "count")]).to_pylist()
    for row in grouped:
        counts[row["status"]] = row["status_count"]
    return counts


def _rules(findings: pa.Table) -> list[dict[str, Any]]:
    grouped = findings.group_by(["code", "name", "severity"]).aggregate([("code", "count")])
    rows = grouped.rename_columns(["code", "name", "severity", "count"]).to_pylist()
    return sorted(rows, key=lambda row: (-row["count"], row["code"]))


def _problems(pages: pa.Table, errors: pa.Table, findings: pa.Table) -> list[dict[str, Any]]:
    """Each failed or partial page with its first error (for a partial page without an
    errors row, a page cut off before its verdict: its first finding)."""
    bad = pages.filter(pc.not_equal(pages["status"], "ok")).select(["source_path", "status"])
    first: dict[str, dict[str, Any]] = {}
    for table in (findings, errors):  # errors last: they win where both exist
        ordered = table.select(["source_path", "line", "column", "message"]).sort_by(
            [("source_path", "ascending"), ("line", "ascending"), ("column", "ascending")]
        )
        seen: set[str] = set()
        for row in ordered.filter(pc.is_in(ordered["source_path"], bad["source_path"])).to_pylist():
            if row["source_path"] not in seen:
                seen.add(row["source_path"])
                first[row["source_path"]] = row
    return [
        {
            **row,
            **{k: v for k, v in first.get(row["source_path"], {}).items() if k != "source_path"},
        }
        for row in bad.to_pylist()
    ]


def _artifacts(artifacts: pa.Table, filters: Filters) -> tuple[list[dict[str, Any]], int]:
    spread = pc.subtract(artifacts["rank_max"], artifacts["rank_min"])
    table = artifacts.append_column("rank_spread", spread)
    keep = pc.greater_equal(table["n_pages"], filters.min_pages)
    if not filters.all_artifacts:
        keep = pc.and_(keep, table["disagrees"])
    if filters.type is not None:
        types = pc.utf8_lower(pc.list_flatten(table["types"]))
        parents = pc.list_parent_indices(table["types"])
        matching = pc.unique(parents.filter(pc.equal(types, filters.type.casefold())))
        has_type = pc.is_in(pa.array(range(table.num_rows), pa.int64()), matching)
        keep = pc.and_(keep, has_type)
    table = table.filter(keep)
    orders = {
        "spread": [("rank_spread", "descending"), ("n_pages", "descending")],
        "pages": [("n_pages", "descending"), ("rank_spread", "descending")],
        "key": [],
    }
    table = table.sort_by([*orders[filters.sort], ("artifact_key", "ascending")])
    shown = table.slice(0, filters.limit).select(list(ARTIFACT_COLUMNS))
    return shown.to_pylist(), table.num_rows


def summarize(
    out: str | os.PathLike[str], filters: Filters = Filters(), pages_shown: int = 0
) -> RunSummary:
    """The summary of the output folder ``out``, from one snapshot of its tables."""
    manifest, tables = read_snapshot(out, _TABLES)
    pages = tables["pages"]
    artifacts, total = _artifacts(tables["artifacts"], filters)
    return RunSummary(
        manifest=manifest,
        status=_status(pages),
        rules=_rules(tables["findings"]),
        problems=_problems(pages, tables["errors"], tables["findings"]),
        artifacts=artifacts,
        artifacts_total=total,
        pages=pages.slice(0, pages_shown).to_pylist(),
    )
