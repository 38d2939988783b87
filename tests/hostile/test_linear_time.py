"""Every line kind costs linear time: the hostile-line benchmark, and the linear sentence
matchers checked against the regexes they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ingest.bench.hostile import hostile_report, kinds, worst_ms_per_kb
from ingest.parse.claim_forms import Forms

OLD_SCORE = re.compile(
    r"(?P<winner>.+?) (?:ranks|scores) higher at (?P<n>\d+)/100 vs "
    r"(?P<loser>.+?) at (?P<m>\d+)/100\.(?= |$)"
)
OLD_LEAD = re.compile(
    r"(?P<p>.+?) leads on (?P<pd>[^.]+?)(?:, while (?P<q>.+?) is stronger on (?P<qd>[^.]+?))?"
    r"\.(?= |$)"
)
OLD_STRONGER = re.compile(r"(?P<q>.+?) is stronger on (?P<qd>[^.]+?)\.(?= |$)")
OLD_FREE = re.compile(r"(?P<r>.+?) also has a free tier, making it more accessible\.(?= |$)")

FRAGMENTS = [
    "A", "b", " ", ".", ". ", ",", " leads on ", " is stronger on ", ", while ",
    " ranks higher at ", " scores higher at ", "4", "42/100", "/100 vs ", " at ", "/100.",
    " also has a free tier, making it more accessible.", " and ", "42/100 vs ", " at 7/100.",
    ", while B", " is stronger on d.", "A ranks higher at 1/100 vs B",
]  # fmt: skip
lines = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)


def test_cost_per_kb_stays_flat_from_10_to_100_kb() -> None:
    report = hostile_report(sizes=(10 * 1024, 100 * 1024))
    assert sorted({kind for kind, _, _ in report}) == sorted(kinds())
    per_kb = {(kind, size): ms for kind, size, ms in report}
    for kind in kinds():
        small, large = per_kb[kind, 10 * 1024], per_kb[kind, 100 * 1024]
        # Linear: the same cost per KB (quadratic would be 10x); generous for a shared machine.
        assert large < max(3 * small, 0.05), (kind, small, large)
    assert worst_ms_per_kb(report) < 2.0


@given(text=lines, start=st.integers(0, 3))
def test_the_score_form_matches_what_its_regex_matched(text: str, start: int) -> None:
    old = OLD_SCORE.match(text, start)
    new = Forms(text).score(start)
    if old is None:
        assert new is None
        return
    assert new is not None
    assert (new.winner, new.n, new.loser, new.m, new.end) == (
        old["winner"], old["n"], old["loser"], old["m"], old.end()
    )  # fmt: skip
    assert (new.n_at, new.m_at) == (old.start("n"), old.start("m"))


@given(text=lines, start=st.integers(0, 3))
def test_the_lead_forms_match_what_their_regexes_matched(text: str, start: int) -> None:
    forms = Forms(text)
    old = OLD_LEAD.match(text, start)
    new = forms.lead(start)
    if old is None:
        assert new is None
    else:
        assert new is not None
        assert (new.p, new.pd, new.q, new.qd, new.end) == (
            old["p"], old["pd"], old["q"], old["qd"], old.end()
        )  # fmt: skip
        assert new.pd_at == old.start("pd")
        if old["qd"] is not None:
            assert new.qd_at == old.start("qd")
    old_q = OLD_STRONGER.match(text, start)
    new_q = Forms(text).stronger(start)
    if old_q is None:
        assert new_q is None
    else:
        assert new_q is not None
        assert (new_q.q, new_q.qd, new_q.qd_at, new_q.end) == (
            old_q["q"], old_q["qd"], old_q.start("qd"), old_q.end()
        )  # fmt: skip


@given(text=lines, start=st.integers(0, 3))
def test_the_free_tier_form_matches_what_its_regex_matched(text: str, start: int) -> None:
    old = OLD_FREE.match(text, start)
    new = Forms(text).free(start)
    assert (None if old is None else (old["r"], old.end())) == (
        None if new is None else (new.r, new.end)
    )
