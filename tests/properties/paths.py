"""Where the property tests find the corpus and their fixtures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_PAGES = sorted((ROOT / "corpus").glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RENDER_CASES = sorted(
    path for path in (FIXTURES / "render").glob("*.txt") if not path.name.endswith(".expected.txt")
)
PAGE_002 = ROOT / "corpus" / "002_9e1b73b20691a311.txt"
"""A corpus page whose subjects tie at 42/100."""
