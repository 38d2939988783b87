"""Validator bugs the properties found, each with its minimal input written out.

Each was found by a property and fixed in `ingest.rules`; kept so it stays fixed.
"""

from __future__ import annotations

from pathlib import Path

import ingest
from ingest.rules import check_page

HERE = Path(__file__).resolve().parent


def test_a_name_ending_in_vs_is_found_in_the_title() -> None:
    page = ingest.parse_file(HERE / "name_ending_in_vs.txt")
    assert (page.subject_a, page.subject_b) == ("Foo vs", "Bar")
    assert check_page(page) == []
