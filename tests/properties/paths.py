"""Where the property tests find their fixtures (the shared paths: :mod:`tests.paths`)."""

from __future__ import annotations

from pathlib import Path

from tests.paths import CORPUS_PAGES as CORPUS_PAGES
from tests.paths import PAGE_002 as PAGE_002
from tests.paths import ROOT as ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RENDER_CASES = sorted(
    path for path in (FIXTURES / "render").glob("*.txt") if not path.name.endswith(".expected.txt")
)
