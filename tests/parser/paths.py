"""Where the parser tests find the corpus and their fixtures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS_PAGES = sorted(CORPUS.glob("*.txt"))
PAGE_002 = CORPUS / "002_9e1b73b20691a311.txt"
PAGE_000 = CORPUS / "000_91da0c470094187d.txt"
