"""Hostile names in the HTML report: whatever a page calls its subjects shows as text."""

from __future__ import annotations

import html

import pytest

import ingest
from tests.htmlreport.conftest import hostile_pages

NAMES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</svg><script>alert(2)</script>",
    "a & b ]]> <!-- c",
)


def _page_named(template: str, name: str) -> str:
    return template.replace("rorshark-vit-base", name)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("hostile-report")
    folder = hostile_pages(root / "in")
    template = (
        (folder / "script.txt")
        .read_text(encoding="utf-8")
        .replace("<script>alert(1)</script>", "rorshark-vit-base")
    )
    for index, name in enumerate(NAMES[1:]):
        (folder / f"named-{index}.txt").write_text(_page_named(template, name), encoding="utf-8")
        drifted = template.replace("| UnfragileRank | 42/100 |", "| UnfragileRank | 45/100 |")
        (folder / f"drift-{index}.txt").write_text(_page_named(drifted, name), encoding="utf-8")
    out = root / "out"
    ingest.ingest([str(folder)], out, jobs=1)
    return ingest.report(out, root / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_hostile_subject_is_escaped_everywhere(report_html: str, name: str) -> None:
    assert name not in report_html
    escaped = html.escape(name, quote=False)
    # In the disagreements table, the findings messages and the rank-spread chart's labels.
    assert report_html.count(escaped) + report_html.count(html.escape(name)) >= 3


def test_only_the_report_s_own_script_and_no_injected_element(report_html: str) -> None:
    assert report_html.count("<script") == 1
    assert "<img" not in report_html
    assert report_html.count("<svg") == report_html.count("</svg>") == 4
