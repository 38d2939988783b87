"""``ingest report``: one self-contained HTML page about a run, with charts, from its tables.

``report(out)`` reads an output folder (and optionally an older one to compare
with), aggregates what a reader asks first, draws the charts as inline SVG and
writes one file that opens offline, with or without JavaScript. Needs the
``ingest[report]`` extra (altair, vl-convert-python, jinja2).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.htmlreport import artifacts, charts, run_sections
from ingest.htmlreport.changes import compare
from ingest.htmlreport.page import render_html
from ingest.htmlreport.tables import ReportInputError, RunTables, read_run

REPORT_NAME = "report.html"
"""Where ``ingest parse --report`` and ``report(out)`` write: ``OUT/report.html``."""

__all__ = ["REPORT_NAME", "ReportInputError", "bench_report", "build_context", "report"]


def build_context(
    run: RunTables, old: RunTables | None = None, *, title: str | None = None
) -> dict[str, Any]:
    """Every section's facts and charts, ready for the template."""
    rules = run_sections.rule_rows(run.findings)
    rule_bars = run_sections.rule_chart_data(rules)
    sides = artifacts.sides(run.pages)
    ranks = artifacts.rank_cells(sides)
    components = artifacts.component_cells(run)
    disagreements, disagreeing, spread = artifacts.disagreements(sides)
    context: dict[str, Any] = {
        "title": title or f"ingest report: {run.root.name or run.root}",
        "out": str(run.root),
        "version": run.manifest.ingest_version,
        "written_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "run": run_sections.run_facts(run),
        "rules": rules,
        "findings": run_sections.findings_table(run.findings, run_sections.FINDINGS_SHOWN),
        "problems": run_sections.problem_pages(run),
        "disagreements": disagreements,
        "disagreeing": disagreeing,
        "rule_chart": charts.findings_by_rule(rule_bars) if len(rule_bars) else "",
        "rank_chart": charts.rank_by_type(ranks) if len(ranks) else "",
        "component_chart": charts.components_against_rank(components) if len(components) else "",
        "spread_chart": charts.rank_spread(spread) if len(spread) else "",
        "changes": None,
        "moves_chart": "",
        "changed_chart": "",
    }
    if old is not None:
        changes = compare(old, run, str(old.root))
        context["changes"] = changes
        if len(changes.moves):
            context["moves_chart"] = charts.rank_moves(changes.moves)
        if len(changes.by_rule):
            context["changed_chart"] = charts.findings_changed(changes.by_rule)
    return context


def report(
    out: str | os.PathLike[str],
    path: str | os.PathLike[str] | None = None,
    against: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
) -> Path:
    """Write the HTML report of the output folder ``out`` to ``path`` (default OUT/report.html).

    ``against`` is an older output folder: the report then says what changed
    since. Raises :class:`ReportInputError` (a ``ValueError``) for a folder
    that is not a readable ingest output, ``OSError`` if ``path`` cannot be
    written. The file is written beside ``path`` and renamed into place.
    """
    run = read_run(out)
    old = read_run(against) if against is not None else None
    html = render_html(build_context(run, old, title=title))
    target = Path(path) if path is not None else Path(out) / REPORT_NAME
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(html, encoding="utf-8")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def bench_report(out_dir: str | os.PathLike[str]) -> tuple[float, int]:
    """Seconds to write the report of ``out_dir`` (to a file beside it) and its size in bytes."""
    target = Path(out_dir).with_name(Path(out_dir).name + "-report.html")
    started = time.perf_counter()
    report(out_dir, target)
    seconds = time.perf_counter() - started
    return seconds, target.stat().st_size
