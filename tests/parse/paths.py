"""Where the parser tests find their fixtures (the shared paths: :mod:`tests.paths`)."""

from __future__ import annotations

from pathlib import Path

from tests.paths import CORPUS as CORPUS
from tests.paths import CORPUS_PAGES as CORPUS_PAGES
from tests.paths import PAGE_000 as PAGE_000
from tests.paths import PAGE_002 as PAGE_002
from tests.paths import ROOT as ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
