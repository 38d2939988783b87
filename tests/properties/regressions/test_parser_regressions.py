"""Parser bugs the properties found, each with its minimal input written out.

Each was found by a property, fixed in the parser, and is kept here so it
stays fixed (see the test names for what went wrong).
"""

from __future__ import annotations

from pathlib import Path

import ingest

HERE = Path(__file__).resolve().parent


def test_blanks_before_a_crlf_line_end_are_stripped_like_blanks_before_lf() -> None:
    data = (HERE / "blanks_before_crlf.txt").read_bytes()
    assert ingest.parse_bytes(data).title == "A vs B"


def test_blanks_before_a_crlf_line_end_are_stripped_by_parse_text() -> None:
    data = (HERE / "blanks_before_crlf.txt").read_bytes()
    assert ingest.parse_text(data.decode("utf-8")).title == "A vs B"


def test_a_third_name_ending_in_a_subjects_name_stays_one_name() -> None:
    verdict = ingest.parse_file(HERE / "third_name_ending_in_a_subject.txt").verdict
    assert verdict is not None
    assert [(lead.subject, lead.side, lead.column) for lead in verdict.leads] == [
        ("OpenAI GPT-4o", None, 76)
    ]
    assert verdict.unparsed == ()
