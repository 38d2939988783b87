"""The report's content, read back from its HTML: exact counts, rows, links and changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ingest
from ingest.htmlreport import run_sections
from tests.htmlreport.conftest import CORPUS, Built
from tests.htmlreport.html import table_rows


def count(html: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}" data-count="(\d+)"', html)
    assert match is not None, element_id
    return int(match.group(1))


def shown(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}" data-count="\d+">([^<]*)<', html)
    assert match is not None, element_id
    return match.group(1)


def test_run_counts_equal_the_pages_and_findings_tables(synth_report: Built) -> None:
    tables = ingest.load(synth_report.out)
    status = tables["pages"]["status"].value_counts()
    severity = tables["findings"]["severity"].value_counts()
    html = synth_report.text()
    assert count(html, "run-files") == len(tables["pages"]) == 2_004
    assert shown(html, "run-files") == "2,004"
    assert count(html, "run-ok") == status["ok"]
    assert count(html, "run-partial") == status["partial"]
    assert count(html, "run-failed") == status["failed"] == 1
    assert count(html, "run-errors") == severity["error"]
    assert count(html, "run-warnings") == severity["warning"]


def test_corpus_findings_table_lists_every_finding_errors_first(corpus_report: Built) -> None:
    rows = table_rows(corpus_report.text(), "findings-table")
    corpus = str(CORPUS) + "/"
    assert [(row[0].removeprefix(corpus), row[1], row[2]) for row in rows] == [
        ("002_9e1b73b20691a311.txt:2:1", "IG104", "error"),
        ("002_9e1b73b20691a311.txt:47:1", "IG104", "error"),
        ("000_91da0c470094187d.txt:60:138", "IG202", "warning"),
        ("001_2e741cea5e3c9ee4.txt:60:101", "IG202", "warning"),
        ("002_9e1b73b20691a311.txt:47:163", "IG202", "warning"),
        ("003_b7000c482674d1d3.txt:57:91", "IG202", "warning"),
        ("004_60ef58da2206c293.txt:60:154", "IG202", "warning"),
    ]
    assert rows[2][3] == (
        "'FLUX.1 Pro is stronger on adoption' is not confirmed: the table's Adoption is 1 for "
        "both, and displayed values are rounded"
    )


def test_findings_past_the_limit_are_counted_not_shown(
    synth_report: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_sections, "FINDINGS_SHOWN", 100)
    html = ingest.report(synth_report.out, tmp_path / "r.html").read_text(encoding="utf-8")
    findings = ingest.load(synth_report.out)["findings"]
    assert len(table_rows(html, "findings-table")) == 100
    hidden = len(findings) - 100
    assert f'id="findings-table-hidden" data-hidden="{hidden}"' in html
    assert f"{hidden:,} more rows are not shown in this report ({len(findings):,} in all)." in html


def test_each_rule_bar_links_to_its_doc(corpus_report: Built) -> None:
    html = corpus_report.text()
    links = re.findall(r'xlink:href="([^"]*)"', html)
    assert sorted(links) == ["#rule-IG104", "#rule-IG202"]
    assert '<dt id="rule-IG104">' in html and '<dt id="rule-IG202">' in html


def test_failed_and_partial_pages_show_their_first_error(synth_report: Built) -> None:
    rows = table_rows(synth_report.text(), "problems-table")
    pages = ingest.load(synth_report.out)["pages"]
    assert len(rows) == int((pages["status"] != "ok").sum())
    by_file = {row[0].rsplit("/", 1)[-1]: row[1:] for row in rows}
    assert by_file["empty.txt:1:1"] == ["failed", "empty file"]
    assert by_file["cut.txt:20:1"] == [
        "partial",
        "the page stops after line 20 before its verdict: its leads, free tier and "
        "capability counts cannot be checked",
    ]


def test_artifacts_that_disagree_list_their_values_and_pages(synth_report: Built) -> None:
    html = synth_report.text()
    rows = table_rows(html, "disagreements-table")
    scripted = [row for row in rows if row[0] == "<script>alert(1)</script>"]
    assert scripted == [
        [
            "<script>alert(1)</script>",
            "Model",
            "2",
            "42 ×1, 47 ×1",
            "Free ×2",
            "6 ×2",
            "script-drift.txt, script.txt",
        ]
    ]
    assert count(html, "disagreements-count") >= 1


def test_every_chart_is_inline_svg_aggregated_not_one_mark_per_page(synth_report: Built) -> None:
    html = synth_report.text()
    charts = re.findall(r'<figure class="chart" id="([^"]+)"><svg', html)
    assert charts == [
        "chart-findings-by-rule",
        "chart-rank-by-type",
        "chart-components",
        "chart-rank-spread",
    ]
    components = html.split('id="chart-components"')[1].split("</figure>")[0]
    circles = components.count('role-mark"') + components.count("<path transform=")
    assert 0 < circles < 2_004 / 2


def test_the_report_needs_no_network(synth_report: Built) -> None:
    html = synth_report.text()
    assert re.findall(r"<(?:link|img|iframe|object|embed)\b", html) == []
    assert re.findall(r"\bsrc=", html) == []
    assert re.findall(r"url\((?!#)", html) == []  # url(#gradient_0) is inside the page
    assert "default-src 'none'" in html
    assert html.count("<script") == 1


def test_against_reports_exactly_the_three_edits(against_report: Built) -> None:
    html = against_report.text()
    assert [count(html, f"changes-{kind}") for kind in ("added", "removed", "ranks")] == [1, 1, 1]
    assert count(html, "changes-verdicts") == 0
    assert table_rows(html, "changes-added-table") == [["005_added.txt"]]
    assert table_rows(html, "changes-removed-table") == [["003_b7000c482674d1d3.txt"]]
    assert table_rows(html, "changes-ranks-table") == [
        ["001_2e741cea5e3c9ee4.txt", "vit-base-patch16-224", "51", "55", "+4"]
    ]
    # The moved rank makes both quoted scores stale: two new IG102, nothing fixed.
    assert [row[:2] for row in table_rows(html, "changes-new-table")] == [
        ["001_2e741cea5e3c9ee4.txt", "IG102"],
        ["001_2e741cea5e3c9ee4.txt", "IG102"],
    ]
    assert count(html, "changes-fixed") == 0
    assert 'id="chart-rank-moves"><svg' in html


def test_without_against_there_is_no_changes_section(corpus_report: Built) -> None:
    assert 'id="changes"' not in corpus_report.text()


def test_report_defaults_to_out_report_html(corpus_report: Built) -> None:
    written = ingest.report(corpus_report.out)
    assert written == corpus_report.out / "report.html"
    assert "<title>ingest report: out</title>" in written.read_text(encoding="utf-8")
