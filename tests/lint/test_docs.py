"""The documentation a user can reach (issue 15): docs/rules.md is generated from the
catalogue and current, docs/format.md exists and is linked, every rule documents its fix."""

from __future__ import annotations

from pathlib import Path

from ingest.rules import RULES
from ingest.rules.docs import main, rules_markdown
from ingest.rules.rule import APPLICABILITIES
from tests.paths import ROOT


def test_rules_md_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == rules_markdown(), (
        "run: python -m ingest.rules.docs docs/rules.md"
    )


def test_rules_md_has_a_section_per_rule_with_its_fix() -> None:
    text = rules_markdown()
    for code, rule in RULES.items():
        assert f"\n## {code} {rule.name}\n" in text
        assert f"Fix: **{rule.fix}**" in text


def test_every_rule_says_why_its_fix_is_what_it_is() -> None:
    assert {rule.fix for rule in RULES.values()} <= set(APPLICABILITIES)
    assert [code for code, rule in RULES.items() if not rule.fix_why.strip()] == []


def test_the_generator_writes_the_file(tmp_path: Path) -> None:
    assert main([str(tmp_path / "rules.md")]) == 0
    assert (tmp_path / "rules.md").read_text("utf-8") == rules_markdown()


def test_the_readme_links_the_docs_and_no_longer_cites_format_md() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "[docs/format.md](docs/format.md)" in readme
    assert "[docs/rules.md](docs/rules.md)" in readme
    assert (ROOT / "docs" / "format.md").read_text("utf-8").startswith("# The page format")
