"""The report in a real browser: Debian's headless Chromium, driven by selenium.

Screenshots go to ``.pytest-artifacts/report/`` for a person to look at.
Where Chromium or chromedriver is missing the tests skip and say why.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import ingest
from tests.htmlreport import browser
from tests.htmlreport.conftest import SCRIPT_NAME, Built
from tests.paths import ROOT

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=str(browser.missing()))

ARTIFACTS = ROOT / ".pytest-artifacts" / "report"
CHARTS = ("chart-findings-by-rule", "chart-rank-by-type", "chart-components", "chart-rank-spread")


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    with browser.chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def chrome_without_js() -> Iterator[Any]:
    with browser.chromium(javascript=False) as driver:
        yield driver


def open_report(driver: Any, built: Built, shot: str) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(built.html.as_uri())
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(int(height), 8000))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{shot}.png"))
    driver.set_window_size(1280, 900)


def chart_sizes(driver: Any) -> dict[str, list[float]]:
    return driver.execute_script(  # type: ignore[no-any-return]
        """const sizes = {};
        document.querySelectorAll("figure.chart").forEach(f => {
          const box = f.querySelector("svg").getBoundingClientRect();
          sizes[f.id] = [box.width, box.height];
        });
        return sizes;"""
    )


def requests(driver: Any) -> list[str]:
    """Every URL the page asked for, from Chrome's DevTools network log.

    The browser's own pages (``chrome://``, its new-tab page) are not the report's, and a
    ``data:`` URI is no request at all.
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("chrome://", "chrome-untrusted://", "data:")):
                urls.append(url)
    return urls


def visible_rows(driver: Any, table: str, column: int) -> list[str]:
    return driver.execute_script(  # type: ignore[no-any-return]
        f"""return [...document.querySelectorAll("#{table} tbody tr")]
            .map(r => r.cells[{column}].textContent.trim());"""
    )


def test_corpus_report_renders_without_errors_or_requests(
    chrome: Any, corpus_report: Built
) -> None:
    open_report(chrome, corpus_report, "corpus")
    assert chrome.get_log("browser") == []
    assert requests(chrome) == [corpus_report.html.as_uri()]
    sizes = chart_sizes(chrome)
    assert sorted(sizes) == sorted(CHARTS[:3])  # nothing disagrees in the corpus
    assert all(width > 100 and height > 30 for width, height in sizes.values())
    assert chrome.find_element("id", "run-files").text == "5"
    assert chrome.find_element("id", "run-ok").text == "5"
    assert chrome.find_element("id", "run-errors").text == "2"
    assert chrome.find_element("id", "run-warnings").text == "5"


def test_synthetic_report_counts_equal_the_tables(chrome: Any, synth_report: Built) -> None:
    open_report(chrome, synth_report, "synthetic-2000")
    assert chrome.get_log("browser") == []
    assert requests(chrome) == [synth_report.html.as_uri()]
    sizes = chart_sizes(chrome)
    assert sorted(sizes) == sorted(CHARTS)
    assert all(width > 100 and height > 30 for width, height in sizes.values())
    pages = ingest.load(synth_report.out)["pages"]
    status = pages["status"].value_counts()
    shown = {
        key: int(chrome.find_element("id", f"run-{key}").text.replace(",", ""))
        for key in ("files", "ok", "partial", "failed")
    }
    assert shown == {
        "files": len(pages),
        "ok": status["ok"],
        "partial": status["partial"],
        "failed": status["failed"],
    }


def test_injected_script_shows_as_text(chrome: Any, synth_report: Built) -> None:
    open_report(chrome, synth_report, "synthetic-2000")
    assert chrome.execute_script("return document.scripts.length") == 1
    cells = visible_rows(chrome, "disagreements-table", 0)
    assert SCRIPT_NAME in cells
    labels = chrome.execute_script(
        """return [...document.querySelectorAll("#chart-rank-spread text")]
            .map(t => t.textContent);"""
    )
    assert f"{SCRIPT_NAME} (Model)" in labels


def test_findings_sort_filter_and_page(chrome: Any, synth_report: Built) -> None:
    open_report(chrome, synth_report, "synthetic-2000")
    findings = ingest.load(synth_report.out)["findings"]
    status = chrome.find_element("css selector", "#findings-table .pager-status")
    assert status.text == f"rows 1–100 of {len(findings)}"
    assert len(visible_rows(chrome, "findings-table", 1)) == 100
    chrome.find_element("css selector", "#findings-table th:nth-child(2)").click()
    codes = visible_rows(chrome, "findings-table", 1)
    assert codes == sorted(findings["code"])[:100]
    chrome.find_element("css selector", "#findings-table th:nth-child(2)").click()
    assert visible_rows(chrome, "findings-table", 1) == sorted(findings["code"], reverse=True)[:100]
    search = chrome.find_element("css selector", "#findings-table input[type=search]")
    search.send_keys("IG104")
    expected = int((findings["code"] == "IG104").sum())
    assert 0 < expected < 100
    assert visible_rows(chrome, "findings-table", 1) == ["IG104"] * expected
    assert status.text == f"rows 1–{expected} of {expected}"
    search.clear()
    search.send_keys("no such finding anywhere")
    assert visible_rows(chrome, "findings-table", 1) == []
    assert status.text == "no rows match"


def test_next_page_shows_the_next_rows(chrome: Any, synth_report: Built) -> None:
    open_report(chrome, synth_report, "synthetic-2000")
    first = visible_rows(chrome, "findings-table", 0)
    chrome.find_element("css selector", "#findings-table button.next").click()
    second = visible_rows(chrome, "findings-table", 0)
    assert len(second) == 100 and set(first).isdisjoint(second)
    status = chrome.find_element("css selector", "#findings-table .pager-status").text
    assert status.startswith("rows 101–200 of ")


def test_without_javascript_charts_and_every_row_are_there(
    chrome_without_js: Any, synth_report: Built
) -> None:
    open_report(chrome_without_js, synth_report, "synthetic-2000-no-js")
    assert chrome_without_js.get_log("browser") == []
    sizes = chart_sizes_without_js(chrome_without_js)
    assert sorted(sizes) == sorted(CHARTS)
    assert all(width > 100 and height > 30 for width, height in sizes.values())
    rows = chrome_without_js.find_elements("css selector", "#findings-table tbody tr")
    assert len(rows) == len(ingest.load(synth_report.out)["findings"])
    tools = chrome_without_js.find_element("css selector", "#findings-table .tools")
    assert not tools.is_displayed()


def chart_sizes_without_js(driver: Any) -> dict[str, list[float]]:
    """The charts' sizes read through WebDriver itself (the page runs no script)."""
    return {
        figure.get_attribute("id"): [
            figure.find_element("tag name", "svg").size["width"],
            figure.find_element("tag name", "svg").size["height"],
        ]
        for figure in driver.find_elements("css selector", "figure.chart")
    }
