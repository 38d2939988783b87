"""The rule catalogue: codes, names and docs, selection by prefix, and the README table."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from ingest.rules import RULES, UnknownRuleError, get_rule, select_codes
from ingest.rules.registry import readme_block, readme_table, update_readme
from tests.rules.paths import README, ROOT

ISSUE_TABLE = {
    "IG001": ("parse-error", "error"),
    "IG002": ("truncated-page", "warning"),
    "IG003": ("malformed-row", "warning"),
    "IG004": ("unexpected-line", "error"),
    "IG005": ("number-out-of-range", "error"),
    "IG006": ("repeated-part", "error"),
    "IG101": ("subject-mismatch", "error"),
    "IG102": ("score-mismatch", "error"),
    "IG103": ("winner-contradicted", "error"),
    "IG104": ("winner-on-tie", "error"),
    "IG201": ("lead-contradicted", "error"),
    "IG202": ("lead-on-tie", "warning"),
    "IG203": ("lead-omitted", "warning"),
    "IG301": ("free-tier", "error"),
    "IG401": ("capability-count", "error"),
    "IG501": ("artifact-drift", "warning"),
}


def test_catalogue_has_the_issue_codes_names_and_default_severities() -> None:
    assert {code: (r.name, r.severity) for code, r in RULES.items()} == ISSUE_TABLE
    assert list(RULES) == sorted(RULES)


def test_every_rule_has_a_doc_with_all_parts() -> None:
    for rule in RULES.values():
        assert re.fullmatch(r"IG\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        for part in (rule.summary, rule.what, rule.why, rule.example, rule.instead):
            assert part.strip(), (rule.code, part)
        doc = rule.doc()
        for heading in ("What it does", "Why is this bad", "Example", "Use instead", "Message"):
            assert f"\n{heading}\n" in doc, (rule.code, heading)


def test_message_templates_only_use_named_fields() -> None:
    for rule in RULES.values():
        for template in (rule.template, *rule.alternates.values()):
            fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
            assert fields, template
            assert all(name.isidentifier() for name in fields), template


def test_rule_is_found_by_code_in_any_case_or_by_name() -> None:
    assert get_rule("ig104") is RULES["IG104"]
    assert get_rule("winner-on-tie") is RULES["IG104"]
    with pytest.raises(UnknownRuleError, match="unknown rule 'IG999'"):
        get_rule("IG999")


def test_select_takes_codes_prefixes_lists_and_commas() -> None:
    assert select_codes("IG2") == {"IG201", "IG202", "IG203"}
    assert select_codes(["IG104", "ig3"]) == {"IG104", "IG301"}
    assert select_codes("IG104,IG202") == {"IG104", "IG202"}
    assert select_codes(None, "IG1,IG2,IG3,IG4") == {
        "IG001",
        "IG002",
        "IG003",
        "IG004",
        "IG005",
        "IG006",
        "IG501",
    }
    assert select_codes("ALL", "IG0") == set(RULES) - {
        "IG001",
        "IG002",
        "IG003",
        "IG004",
        "IG005",
        "IG006",
    }
    assert select_codes() == set(RULES)


def test_select_of_an_unknown_code_is_an_error_not_an_empty_selection() -> None:
    with pytest.raises(UnknownRuleError, match="unknown rule code or prefix 'IG9'"):
        select_codes("IG9")
    with pytest.raises(UnknownRuleError, match="'XX'"):
        select_codes(None, ["XX"])


def test_readme_rule_table_is_the_registry_table() -> None:
    assert readme_block(README.read_text("utf-8")) == readme_table()


def test_readme_table_lists_every_rule_in_order() -> None:
    rows = [line for line in readme_table().splitlines() if line.startswith("| IG")]
    assert [row.split(" | ")[0][2:] for row in rows] == list(RULES)


def test_update_readme_rewrites_only_the_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    stale = readme_table().replace("winner-on-tie", "old-name")
    readme.write_text(f"# title\n\n{stale}\n\ntail\n")
    assert update_readme(readme) is True
    assert readme.read_text() == f"# title\n\n{readme_table()}\n\ntail\n"
    assert update_readme(readme) is False


def test_module_prints_the_rule_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ingest.rules"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout == readme_table() + "\n"
    assert result.stderr == ""


def test_package_root_exports_the_validator() -> None:
    for name in ("check", "check_page", "Report", "Finding", "RULES"):
        assert name in ingest.__all__
    assert ingest.RULES is RULES
