"""Property tests: on any page the parser accepts, the rules never crash and point inside it.

Pages are built from a repaired corpus page with random table values and a
random verdict made of the sentence forms of FORMAT.md (names, scores and
dimensions drawn from right, wrong and unknown ones).
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import ingest
from ingest.rules import RULES, check_page
from tests.rules.paths import CONSISTENT

PAGE = CONSISTENT.read_text("utf-8").split("\n")
A, B = "rorshark-vit-base", "FLUX.1 Pro"
NAMES = st.sampled_from([A, B, "FLUX.1 Dev", "Rorshark-ViT-Base"])
DIMS = st.sampled_from(["adoption", "quality", "ecosystem", "match graph", "pricing", "speed"])
VALUES = st.sampled_from(["0", "1", "—", "0.5"])
SCORES = st.integers(0, 100)


@st.composite
def verdicts(draw: st.DrawFn) -> str:
    sentences = []
    if draw(st.booleans()):
        sentences.append(
            f"{draw(NAMES)} scores higher at {draw(SCORES)}/100 vs {draw(NAMES)} at "
            f"{draw(SCORES)}/100."
        )
    lead = f"{draw(NAMES)} leads on {' and '.join(draw(st.lists(DIMS, min_size=1, max_size=3)))}"
    stronger = f"{draw(NAMES)} is stronger on {draw(DIMS)}"
    sentences.append(
        draw(st.sampled_from([f"{lead}.", f"{lead}, while {stronger}.", f"{stronger}."]))
    )
    if draw(st.booleans()):
        sentences.append(f"{draw(NAMES)} also has a free tier, making it more accessible.")
    return " ".join(sentences)


@st.composite
def pages(draw: st.DrawFn, both_subjects: bool = False) -> str:
    """A page with random figures and claims; ``both_subjects``: the summary names A and B."""
    lines = list(PAGE)
    if both_subjects:
        winner, loser = draw(st.permutations([A, B]))
    else:
        winner, loser = draw(NAMES), draw(NAMES)
    lines[1] = f"{winner} ranks higher at {draw(SCORES)}/100 vs {loser} at {draw(SCORES)}/100."
    lines[5] = f"| UnfragileRank | {draw(SCORES)}/100 | {draw(SCORES)}/100 |"
    for index in (6, 7, 8, 9):
        name = lines[index].split("|")[1].strip()
        lines[index] = f"| {name} | {draw(VALUES)} | {draw(VALUES)} |"
    lines[10] = f"| Pricing | {draw(st.sampled_from(['Free', 'Paid']))} | Free |"
    lines[57] = f"+{draw(st.integers(1, 9))} more capabilities"
    lines[59] = draw(verdicts())
    if draw(st.booleans()):
        lines = lines[: draw(st.integers(14, 58))]
    return "\n".join(lines)


pytestmark = pytest.mark.property


@given(text=pages())
def test_rules_never_crash_and_point_inside_the_page(text: str) -> None:
    try:
        page = ingest.parse_text(text, source="fuzz.txt")
    except ingest.ParseError:
        assume(False)
        return
    lines = text.split("\n")
    for finding in check_page(page):
        assert finding.code in RULES
        assert finding.name == RULES[finding.code].name
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert finding.message and "{" not in finding.message


@given(text=pages(both_subjects=True))
def test_a_claimed_winner_is_either_right_on_a_tie_or_contradicted(text: str) -> None:
    page = ingest.parse_text(text, source="fuzz.txt")
    assert page.summary is not None and page.summary.claim is not None
    claim = page.summary.claim
    assert claim.winner_side is not None and claim.loser_side is not None
    rank = page.table.row("UnfragileRank")
    assert rank is not None
    ranks = {"a": rank.value_a, "b": rank.value_b}
    codes = {f.code for f in check_page(page) if f.line == 2 and f.column == 1}
    if ranks[claim.winner_side] == ranks[claim.loser_side]:
        assert codes == {"IG104"}
    elif (ranks[claim.winner_side] or 0) < (ranks[claim.loser_side] or 0):
        assert codes == {"IG103"}
    else:
        assert codes == set()
