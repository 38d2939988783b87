"""``break_rule(page, code)``: a consistent page with exactly one broken promise.

Each rule of FORMAT.md "What the numbers promise" has an edit that breaks it and
nothing else (breaking IG103 quotes the right scores, so IG102 stays quiet). The
edits never touch an artifact's batch facts (Type, UnfragileRank, Pricing, the
`n decomposed` count), so a broken page does not drift from the other pages of a
corpus either. Where a page cannot carry an inconsistency without such a change
(IG104 needs tied ranks; IG102 and IG103 need ranks that differ) the edit raises
:class:`Unbreakable`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ingest.page.models import Page, Side
from ingest.parse.claims import section_side
from ingest.rules import CATALOGUE
from ingest.synth import vocabulary as v
from ingest.synth.draft import Draft, RowDraft, SectionDraft, assemble, describe
from ingest.synth.sentences import (
    FreeTierSentence,
    LeadSentence,
    PlainSentence,
    ScoreSentence,
    Sentence,
    SummaryDraft,
    side_of,
)

PAGE_RULES: tuple[str, ...] = tuple(rule.code for rule in CATALOGUE if rule.scope == "page")
"""The rules a single parsed page can break: the page-scope rules of the catalogue (IG001 and
the page errors are what the parser meets reading a file, IG501 needs a batch). Each has
an edit in :data:`_EDITS`."""

OTHER_SUBJECT = "Some Other Tool"


class Unbreakable(ValueError):
    """The page cannot break that rule without changing an artifact's batch facts."""


def break_rule(page: Page, code: str, variant: int = 0) -> Page:
    """``page`` edited to break rule ``code`` once; ``variant`` picks among the places
    the edit could go. Given a consistent page, the result has exactly one finding."""
    return assemble(inject(describe(page), code, variant))


def breakable_rules(page: Page) -> tuple[str, ...]:
    """The codes :func:`break_rule` can inject into ``page``."""
    return tuple(code for code in PAGE_RULES if _can_break(page, code))


def _can_break(page: Page, code: str) -> bool:
    try:
        inject(describe(page), code)
    except Unbreakable:
        return False
    return True


def inject(draft: Draft, code: str, variant: int = 0) -> Draft:
    """Edit ``draft`` in place so that it breaks rule ``code``, and return it."""
    edit = _EDITS.get(code)
    if edit is None:
        raise ValueError(f"no page-level rule {code!r} (one of {', '.join(PAGE_RULES)})")
    edit(draft, variant)
    return draft


# ---------------------------------------------------------------- structure


def _truncate(draft: Draft, variant: int) -> None:
    """IG002: the page stops before its verdict (or, variant 1, right after `Verdict`)."""
    draft.verdict = [] if variant % 2 and draft.verdict is not None else None
    draft.trailer = ()


def _malformed_row(draft: Draft, variant: int) -> None:
    """IG003: a row with an extra (empty) cell; its values stay readable."""
    if not draft.rows:
        raise Unbreakable("IG003 needs a table row")
    index = variant % len(draft.rows)
    draft.rows[index] = replace(draft.rows[index], cells=4)


def _subject_mismatch(draft: Draft, variant: int) -> None:
    """IG101: the title names a third subject."""
    other = OTHER_SUBJECT
    if side_of(other, draft.subject_a, draft.subject_b) is not None:
        other += " 2"
    first = draft.subject_a if variant % 2 == 0 else draft.subject_b
    draft.title = f"{first} vs {other}"


# ---------------------------------------------------------------- scores


def _ranks(draft: Draft) -> tuple[int, int]:
    row = draft.row(v.RANK_ROW)
    if row is None or row.value_a is None or row.value_b is None:
        raise Unbreakable("no UnfragileRank values")
    return int(row.value_a), int(row.value_b)


def _claims(draft: Draft) -> list[Callable[[ScoreSentence], None]]:
    """Setters for each score sentence of the page, summary first."""
    setters: list[Callable[[ScoreSentence], None]] = []
    summary = draft.summary
    if summary is not None and summary.claim is not None:

        def set_summary(claim: ScoreSentence, rest: str = summary.rest) -> None:
            draft.summary = SummaryDraft(claim, rest)

        setters.append(set_summary)
    verdict = draft.verdict or []
    for index, sentence in enumerate(verdict):
        if isinstance(sentence, ScoreSentence):

            def set_verdict(claim: ScoreSentence, at: int = index) -> None:
                verdict[at] = claim

            setters.append(set_verdict)
            break  # a second score sentence is not a claim
    return setters


def _winner_first(draft: Draft) -> tuple[str, int, str, int]:
    rank_a, rank_b = _ranks(draft)
    if rank_a == rank_b:
        raise Unbreakable("the ranks are tied")
    if rank_a > rank_b:
        return draft.subject_a, rank_a, draft.subject_b, rank_b
    return draft.subject_b, rank_b, draft.subject_a, rank_a


def _edit_claim(draft: Draft, variant: int, claim: ScoreSentence) -> None:
    """Put ``claim`` in place of one score sentence, or open the verdict with it."""
    setters = _claims(draft)
    if setters:
        setters[variant % len(setters)](claim)
    elif draft.verdict:
        draft.verdict.insert(0, claim)
    else:
        raise Unbreakable("the page has no verdict to carry a score claim")


def _score_mismatch(draft: Draft, variant: int) -> None:
    """IG102: one quoted score is off by one; the named winner is still the right one."""
    winner, n, loser, m = _winner_first(draft)
    quotes = [(n, m + 1), (n, m - 1), (n + 1, m), (n - 1, m)]
    wrong = [(x, y) for x, y in quotes if 0 <= y < x <= 100]
    quoted_n, quoted_m = wrong[variant % len(wrong)]
    _edit_claim(draft, variant // len(wrong), ScoreSentence(winner, quoted_n, loser, quoted_m))


def _winner_contradicted(draft: Draft, variant: int) -> None:
    """IG103: the lower-ranked subject is named the winner, with both true scores."""
    winner, n, loser, m = _winner_first(draft)
    _edit_claim(draft, variant, ScoreSentence(loser, m, winner, n))


def _winner_on_tie(draft: Draft, variant: int) -> None:
    """IG104: a winner is named on tied ranks (in the summary, which had no claim)."""
    rank_a, rank_b = _ranks(draft)
    if rank_a != rank_b:
        raise Unbreakable("the ranks differ")
    first, second = draft.subject_a, draft.subject_b
    if variant % 2:
        first, second = second, first
    claim = ScoreSentence(first, rank_a, second, rank_a, "ranks")
    setters = _claims(draft)
    if setters:
        setters[0](claim)
    else:
        draft.summary = SummaryDraft(claim, v.SUMMARY_TAIL)


# ---------------------------------------------------------------- leads


def _components(draft: Draft) -> list[tuple[int, RowDraft]]:
    """The component rows both sides show a number for."""
    return [
        (index, row)
        for index, row in enumerate(draft.rows)
        if row.name in v.COMPONENTS
        and row.cells == 3
        and row.value_a is not None
        and row.value_b is not None
        and draft.row(row.name) is row
    ]


def _higher(row: RowDraft) -> Side | None:
    assert row.value_a is not None and row.value_b is not None
    if row.value_a == row.value_b:
        return None
    return "a" if row.value_a > row.value_b else "b"


def _verdict(draft: Draft) -> list[Sentence]:
    if not draft.verdict:
        raise Unbreakable("the page has no verdict")
    return draft.verdict


def _add_lead(verdict: list[Sentence], subject: str, dimension: str) -> None:
    """A lead sentence of its own, after the other claims and before plain sentences."""
    at = next((i for i, s in enumerate(verdict) if isinstance(s, PlainSentence)), len(verdict))
    verdict.insert(at, LeadSentence(stronger=subject, stronger_on=(dimension,)))


def _set_row(draft: Draft, index: int, value_a: int, value_b: int) -> None:
    row = draft.rows[index]
    draft.rows[index] = replace(
        row, raw_a=str(value_a), raw_b=str(value_b), value_a=value_a, value_b=value_b
    )


def _subject(draft: Draft, side: Side) -> str:
    return draft.subject_a if side == "a" else draft.subject_b


def _lead_contradicted(draft: Draft, variant: int) -> None:
    """IG201: the lower side is also said to be stronger on a component.

    With no component displayed higher for either side, one is made so (and the
    verdict gives that side its lead), then contradicted."""
    verdict = _verdict(draft)
    components = _components(draft)
    if not components:
        raise Unbreakable("no component row with two values")
    differing = [(i, row) for i, row in components if _higher(row) is not None]
    if differing:
        index, row = differing[variant % len(differing)]
    else:
        index, row = components[variant % len(components)]
        _set_row(draft, index, 1, 0)
        _add_lead(verdict, draft.subject_a, row.name.lower())
        row = draft.rows[index]
    higher = _higher(row)
    _add_lead(verdict, _subject(draft, "b" if higher == "a" else "a"), row.name.lower())


def _lead_on_tie(draft: Draft, variant: int) -> None:
    """IG202: a lead on a component both sides show the same value for."""
    verdict = _verdict(draft)
    components = _components(draft)
    tied = [(i, row) for i, row in components if _higher(row) is None]
    if tied:
        _, row = tied[variant % len(tied)]
        _add_lead(verdict, _subject(draft, "a" if variant % 2 == 0 else "b"), row.name.lower())
        return
    if not components:
        raise Unbreakable("no component row with two values")
    index, row = components[variant % len(components)]  # the verdict leads on it: tie it
    top = int(max(row.value_a or 0, row.value_b or 0))
    _set_row(draft, index, top, top)


def _lead_omitted(draft: Draft, variant: int) -> None:
    """IG203: a component one side is displayed higher on gets no lead."""
    verdict = _verdict(draft)
    components = _components(draft)
    differing = [row for _, row in components if _higher(row) is not None]
    if not differing:
        if not components:
            raise Unbreakable("no component row with two values")
        index, _ = components[variant % len(components)]
        _set_row(draft, index, 1, 0)
        return
    row = differing[variant % len(differing)]
    subject = _subject(draft, _higher(row) or "a")
    _drop_lead(draft, verdict, subject, row.name.lower())


def _drop_lead(draft: Draft, verdict: list[Sentence], subject: str, dimension: str) -> None:
    for index, sentence in enumerate(verdict):
        if not isinstance(sentence, LeadSentence):
            continue
        leads_on = sentence.leads_on
        stronger_on = sentence.stronger_on
        if sentence.leader == subject:
            leads_on = tuple(d for d in leads_on if d.casefold() != dimension.casefold())
        if sentence.stronger == subject:
            stronger_on = tuple(d for d in stronger_on if d.casefold() != dimension.casefold())
        leader = sentence.leader if leads_on else None
        stronger = sentence.stronger if stronger_on else None
        if leader is None and stronger is None:
            verdict.pop(index)
        else:
            verdict[index] = LeadSentence(leader, leads_on, stronger, stronger_on)
    if not verdict:
        verdict.append(PlainSentence(v.CLOSING_SENTENCES[0]))


# ---------------------------------------------------------------- free tier and counts


def _free_tier(draft: Draft, variant: int) -> None:
    """IG301: `R also has a free tier` where R is not Free or the other is Free too."""
    verdict = _verdict(draft)
    row = draft.row(v.PRICING_ROW)
    side: Side = "a" if variant % 2 == 0 else "b"
    if row is not None:
        free_a = (row.raw_a or "").casefold() == "free"
        free_b = (row.raw_b or "").casefold() == "free"
        if free_a != free_b:
            side = "b" if free_a else "a"
    claim = FreeTierSentence(_subject(draft, side))
    for index, sentence in enumerate(verdict):
        if isinstance(sentence, FreeTierSentence):
            verdict[index] = claim
            return
    at = next((i for i, s in enumerate(verdict) if isinstance(s, PlainSentence)), len(verdict))
    verdict.insert(at, claim)


def _capability_count(draft: Draft, variant: int) -> None:
    """IG401: one subject's `+k more` is one more than `n decomposed` allows."""
    _verdict(draft)  # only a complete page is checked
    row = draft.row(v.CAPABILITIES_ROW)
    if row is None or (row.value_a is None and row.value_b is None):
        raise Unbreakable("no capability count in the table")
    side: Side = "a" if (row.value_a is not None and variant % 2 == 0) else "b"
    if (row.value_b if side == "b" else row.value_a) is None:
        side = "a"
    for index, section in enumerate(draft.sections):
        if _section_side(draft, section, index) == side:
            section.more = (section.more or 0) + 1
            return
    new = SectionDraft(_subject(draft, side), [], 1)
    draft.sections.insert(0 if side == "a" else len(draft.sections), new)


def _section_side(draft: Draft, section: SectionDraft, index: int) -> Side | None:
    """The side the parser gives a section: its heading's, or its place's (first two)."""
    return section_side(section.heading, index, draft.subject_a, draft.subject_b)


_EDITS: dict[str, Callable[[Draft, int], None]] = {
    "IG002": _truncate,
    "IG003": _malformed_row,
    "IG101": _subject_mismatch,
    "IG102": _score_mismatch,
    "IG103": _winner_contradicted,
    "IG104": _winner_on_tie,
    "IG201": _lead_contradicted,
    "IG202": _lead_on_tie,
    "IG203": _lead_omitted,
    "IG301": _free_tier,
    "IG401": _capability_count,
}
