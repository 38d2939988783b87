"""Where the validator tests find their fixtures (the shared paths: :mod:`tests.paths`)."""

from __future__ import annotations

from pathlib import Path

from tests.paths import CORPUS as CORPUS
from tests.paths import GOLDEN_FINDINGS as GOLDEN_FINDINGS
from tests.paths import PAGE_000 as PAGE_000
from tests.paths import PAGE_002 as PAGE_002
from tests.paths import README as README
from tests.paths import ROOT as ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONSISTENT = FIXTURES / "consistent.txt"
CONSISTENT_TIE = FIXTURES / "consistent_tie.txt"


def rule_fixtures() -> list[Path]:
    """Every fixture with its expected findings next to it (`NAME.json`): a page or a folder."""
    return sorted(path.with_suffix("") for path in FIXTURES.glob("*.json"))
