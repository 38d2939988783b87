"""Where every test finds the repository: its root, the corpus, the README and the golden files.

Each test package keeps its own fixtures next to it (``tests/<package>/fixtures``);
these are the paths they share.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CORPUS_PAGES = sorted(CORPUS.glob("*.txt"))
PAGE_000 = CORPUS / "000_91da0c470094187d.txt"
PAGE_002 = CORPUS / "002_9e1b73b20691a311.txt"
"""A corpus page whose subjects tie at 42/100."""
README = ROOT / "README.md"
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_FINDINGS = GOLDEN / "findings.json"
