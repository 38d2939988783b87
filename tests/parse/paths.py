"""Where the parser tests find their fixtures (the shared paths: :mod:`tests.paths`), and
how they read a page as the parser gets it."""

from __future__ import annotations

from pathlib import Path

from ingest.parse.api import normalize
from tests.paths import CORPUS as CORPUS
from tests.paths import CORPUS_PAGES as CORPUS_PAGES
from tests.paths import PAGE_000 as PAGE_000
from tests.paths import PAGE_002 as PAGE_002
from tests.paths import ROOT as ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def page_text(path: Path) -> str:
    """A page file's text as the parser gets it: decoded and normalized."""
    return normalize(path.read_bytes().decode("utf-8"))
