"""The verdict's fast paths find what the general ones find: one search for all the fixed
phrases, the matchers told where their phrase is, and the memo of dimension lists."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.parse import claims
from ingest.parse.claim_forms import MARKERS, Forms
from ingest.parse.claims import verdict_claims

FRAGMENTS = [
    "A", "b", " ", ".", ". ", ",", " leads on ", " is stronger on ", ", while ",
    " ranks higher at ", " scores higher at ", "4", "42/100", "/100 vs ", " at ", "/100.",
    " also has a free tier, making it more accessible.", " also has a free tier", " and ",
    " at 7/100.", ", while B", " is stronger on d.", "A ranks higher at 1/100 vs B", "x",
    " leads on d.", "adoption", ", ", "  and ",
]  # fmt: skip
lines = st.lists(st.sampled_from(FRAGMENTS), max_size=16).map("".join)
FEATURES = {"adoption": "Adoption", "match graph": "Match Graph"}


def first_marker(text: str, start: int) -> tuple[str | None, int]:
    """What :meth:`Forms.next_form` stands for: a find for each phrase, the first wins."""
    best: str | None = None
    best_at = len(text)
    for phrase, form in MARKERS:
        at = text.find(phrase, start)
        if at != -1 and at < best_at:
            best, best_at = form, at
    return best, best_at


@given(text=lines, starts=st.lists(st.integers(0, 40), max_size=6))
def test_one_search_finds_the_phrase_the_finds_put_first(text: str, starts: list[int]) -> None:
    forms = Forms(text)
    for start in sorted(starts):  # the verdict loop asks from ever later places
        if start < len(text):
            assert forms.next_form(start) == first_marker(text, start)


@given(text=lines, start=st.integers(0, 6))
def test_a_matcher_told_where_its_phrase_is_finds_what_it_finds_alone(
    text: str, start: int
) -> None:
    form, at = first_marker(text, start + 1)  # a phrase starts after the sentence does
    if form is None:
        return
    told, alone = Forms(text), Forms(text)
    matcher = {"score": Forms.score, "lead": Forms.lead, "stronger": Forms.stronger}
    match = matcher.get(form, Forms.free)
    assert match(told, start, at) == match(alone, start)


@given(text=lines)
def test_a_verdict_reads_the_same_twice(text: str) -> None:
    first = verdict_claims(text, 3, "A", "B", FEATURES, [])
    assert verdict_claims(text, 3, "A", "B", FEATURES, []) == first  # from the memo


def test_dimension_lists_are_remembered_only_when_short() -> None:
    short = "adoption, ecosystem and match graph"
    long = ", ".join(["adoption"] * 20)
    claims._pieces(short)
    claims._pieces(long)
    assert short in claims._PIECES
    assert long not in claims._PIECES
    assert claims._pieces(short) == (
        ("adoption", "adoption", 0),
        ("ecosystem", "ecosystem", 10),
        ("match graph", "match graph", 24),
    )


def test_the_memo_of_dimension_lists_stays_bounded() -> None:
    for number in range(claims._PIECES_KEPT + 10):
        claims._pieces(f"d{number}")
    assert len(claims._PIECES) <= claims._PIECES_KEPT
