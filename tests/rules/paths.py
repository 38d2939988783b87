"""Where the validator tests find the corpus, their fixtures and the golden findings."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN_FINDINGS = ROOT / "tests" / "golden" / "findings.json"
README = ROOT / "README.md"
CONSISTENT = FIXTURES / "consistent.txt"
CONSISTENT_TIE = FIXTURES / "consistent_tie.txt"
PAGE_000 = CORPUS / "000_91da0c470094187d.txt"
PAGE_002 = CORPUS / "002_9e1b73b20691a311.txt"


def rule_fixtures() -> list[Path]:
    """Every fixture with its expected findings next to it (`NAME.json`): a page or a folder."""
    return sorted(path.with_suffix("") for path in FIXTURES.glob("*.json"))
