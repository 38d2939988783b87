"""The run's sections of the report: the run itself, findings by rule, and the pages in trouble.

Every figure here is computed from the tables (the manifest only says how the
run was made), so the report shows what the Parquet files hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ingest.htmlreport.tables import RunTables
from ingest.rules import RULES

FINDINGS_SHOWN = 2_000
"""Findings rows written into the report; the rest are counted in a note."""
PROBLEM_PAGES_SHOWN = 500
SEVERITY_ORDER = {"error": 0, "warning": 1}


@dataclass(frozen=True)
class RunFacts:
    files: int
    ok: int
    partial: int
    failed: int
    errors: int
    warnings: int
    seconds: float
    started_at: str
    as_of: str
    inputs: tuple[str, ...]
    versions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    severity: str
    count: int
    summary: str
    what: str
    why: str


@dataclass(frozen=True)
class Table:
    """Rows of text cells for the page, and how many rows the data held in all."""

    rows: list[tuple[str, ...]]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


def run_facts(run: RunTables) -> RunFacts:
    status = run.pages["status"].value_counts()
    severity = run.findings["severity"].value_counts()
    manifest = run.manifest
    as_of = getattr(manifest, "as_of", None)
    versions = {"ingest": manifest.ingest_version, "schema": manifest.schema_version}
    versions.update(manifest.versions)
    return RunFacts(
        files=len(run.pages),
        ok=int(status.get("ok", 0)),
        partial=int(status.get("partial", 0)),
        failed=int(status.get("failed", 0)),
        errors=int(severity.get("error", 0)),
        warnings=int(severity.get("warning", 0)),
        seconds=manifest.seconds,
        started_at=manifest.started_at,
        as_of=str(as_of) if as_of else f"not recorded (run started {manifest.started_at[:10]})",
        inputs=manifest.inputs,
        versions=tuple(versions.items()),
    )


def rule_rows(findings: pd.DataFrame) -> list[RuleRow]:
    """Every rule of the catalogue with its count in this run, most frequent first."""
    counts = findings["code"].value_counts()
    rows = [
        RuleRow(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            count=int(counts.get(rule.code, 0)),
            summary=rule.summary,
            what=" ".join(rule.what.split()),
            why=" ".join(rule.why.split()),
        )
        for rule in RULES.values()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def rule_chart_data(rows: list[RuleRow]) -> pd.DataFrame:
    """The bars of the findings-by-rule chart: only rules that fired."""
    fired = [row for row in rows if row.count]
    return pd.DataFrame(
        {
            "label": [f"{row.code} {row.name}" for row in fired],
            "count": [row.count for row in fired],
            "severity": [row.severity for row in fired],
            "href": [f"#rule-{row.code}" for row in fired],
        }
    )


def _location(path: object, line: object, column: object) -> str:
    return f"{path}:{line}:{column}"


def findings_table(findings: pd.DataFrame, limit: int = FINDINGS_SHOWN) -> Table:
    """Errors first, then by file and line; at most ``limit`` rows."""
    ordered = findings.assign(_rank=findings["severity"].map(SEVERITY_ORDER).fillna(2))
    ordered = ordered.sort_values(["_rank", "path", "line", "column", "code"], kind="stable")
    shown = ordered.head(limit)
    rows: list[tuple[str, ...]] = [
        (_location(path, line, column), str(code), str(severity), str(message))
        for path, line, column, code, severity, message in zip(
            shown["path"],
            shown["line"],
            shown["column"],
            shown["code"],
            shown["severity"],
            shown["message"],
            strict=True,
        )
    ]
    return Table(rows=rows, total=len(findings))


def problem_pages(run: RunTables, limit: int = PROBLEM_PAGES_SHOWN) -> Table:
    """Failed pages with their error, partial pages with their first finding (location first)."""
    pages = run.pages
    failed = pages.loc[pages["status"] == "failed", ["source_path"]]
    errors = run.errors.sort_values(["source_path", "line", "column"]).drop_duplicates(
        "source_path"
    )
    failed = failed.merge(errors, on="source_path", how="left")
    partial = pages.loc[pages["status"] == "partial", ["source_path"]]
    first = (
        run.findings.rename(columns={"path": "source_path"})
        .sort_values(["source_path", "line", "column"])
        .drop_duplicates("source_path")
    )
    partial = partial.merge(first, on="source_path", how="left")
    rows: list[tuple[str, ...]] = []
    for status, frame in (("failed", failed), ("partial", partial)):
        for path, line, column, message in zip(
            frame["source_path"], frame["line"], frame["column"], frame["message"], strict=True
        ):
            if len(rows) >= limit:
                break
            where = str(path) if pd.isna(line) else _location(path, int(line), int(column))
            rows.append((where, status, "" if pd.isna(message) else str(message)))
    return Table(rows=rows, total=len(failed) + len(partial))
