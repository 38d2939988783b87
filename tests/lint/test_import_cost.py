"""What `ingest check` and a batch worker's page loop import: no pydantic, no pyarrow.

pydantic costs ~40 ms to import and its models as much again to build, so the
rules and the linter work on named-tuple records and only the public API
(``ingest.check``, ``ingest.check_page``, ``ingest.fix``) turns findings into
:class:`ingest.Finding` models. Each probe runs in a fresh interpreter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_probe import cli_probe, loaded, report
from tests.paths import PAGE_002, ROOT

HEAVY = ("pydantic", "pyarrow", "numpy", "importlib.resources")
"""Also ``importlib.resources``: its import is an eighth of ``ingest check FILE``; the
grammar and its tables are read from beside the code (``ingest.parse.package_data``)."""

CHECK_PROBE = cli_probe(HEAVY)

WORKER_PROBE = """
import sys
from ingest.parse.api import parse_record
from ingest.rules import ArtifactFacts, check_page, drift_findings, parse_error_finding
from ingest.errors import ParseError
findings = []
facts = []
for path in sys.argv[1:]:
    page = parse_record(open(path, "rb").read(), path, recover=True)
    findings += check_page(page, path)
    facts += ArtifactFacts.from_page(page, path)
findings += drift_findings(facts)
findings.append(parse_error_finding(ParseError("x", path="bad.txt")))
assert findings and all(type(f).__module__ == "ingest.page.findings" for f in findings)
""" + report(HEAVY)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "rdjson"])
def test_check_of_a_file_loads_neither_pydantic_nor_pyarrow(fmt: str) -> None:
    assert loaded(CHECK_PROBE, "check", str(PAGE_002), "--format", fmt) == []


def test_check_of_a_folder_with_statistics_loads_neither(tmp_path: Path) -> None:
    assert loaded(CHECK_PROBE, "check", str(ROOT / "corpus"), "--statistics", cwd=tmp_path) == []


def test_writing_a_baseline_loads_neither(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    assert loaded(CHECK_PROBE, "check", str(PAGE_002), "--write-baseline", str(target)) == []
    assert target.is_file()


def test_reading_a_baseline_or_settings_validates_them_with_pydantic(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    loaded(CHECK_PROBE, "check", str(PAGE_002), "--write-baseline", str(target))
    with_pydantic = ["pydantic", "importlib.resources"]  # pydantic's own import loads it
    assert loaded(CHECK_PROBE, "check", str(PAGE_002), "--baseline", str(target)) == with_pydantic
    (tmp_path / "ingest.toml").write_text('select = ["IG1"]\n', "utf-8")
    page = tmp_path / "p.txt"
    page.write_bytes(PAGE_002.read_bytes())
    assert loaded(CHECK_PROBE, "check", str(page), cwd=tmp_path) == with_pydantic


def test_a_workers_page_loop_loads_neither() -> None:
    pages = [str(path) for path in sorted((ROOT / "corpus").glob("*.txt"))]
    assert loaded(WORKER_PROBE, *pages) == []
