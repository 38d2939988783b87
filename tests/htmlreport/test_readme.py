"""The README's report section: its recipes run as written, every option is documented."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import ingest
from ingest.cli.report import report
from tests.htmlreport.conftest import CORPUS
from tests.readme import README, code_blocks, section


def test_every_option_of_report_is_documented() -> None:
    documented = section("report")
    for param in report.params:
        for option in param.opts:
            shown = "OUT" if option == "out" else option
            assert f"`{shown}" in documented, option


def test_python_recipes_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ingest.ingest([str(CORPUS)], "old-out", jobs=1)
    shutil.copytree("old-out", "out")
    namespace: dict[str, Any] = {}
    for block in code_blocks("report", "python"):
        exec(compile(block, str(README), "exec"), namespace)
    assert (tmp_path / "out" / "report.html").is_file()
    html = (tmp_path / "q3.html").read_text(encoding="utf-8")
    assert "<title>Q3 crawl</title>" in html and 'id="changes"' in html
