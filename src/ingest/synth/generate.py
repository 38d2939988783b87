"""Synthetic comparison pages, drawn part by part from a :class:`~ingest.synth.draw.Draw`.

Two kinds: *consistent* pages keep every promise of FORMAT.md ("What the numbers
promise"), so the validator must find nothing on them; *free* pages have the same
shapes but numbers and claims drawn independently, plus the variants real pages
show (no summary, missing or extra rows, `—` cells, odd cell counts, extra
sections, claims naming a third name, pages cut off before or right after
`Verdict`). Both come out as a :class:`~ingest.synth.draft.Draft`.
"""

from __future__ import annotations

import random

from ingest.parse.claims import same_name
from ingest.parse.render import NEUTRAL_SUMMARY
from ingest.synth import vocabulary as v
from ingest.synth.draft import CapabilityDraft, Draft, RowDraft, SectionDraft
from ingest.synth.draw import Draw, RandomDraw
from ingest.synth.sentences import (
    FreeTierSentence,
    LeadSentence,
    PlainSentence,
    ScoreSentence,
    Sentence,
    SummaryDraft,
    side_of,
)
from ingest.synth.table import Artifact, draw_rows

DRAWN_CAPABILITIES = 8
"""Capabilities drawn one choice at a time; the rest of a long section comes from a
seeded ``random.Random`` so that a 300-capability page stays a small example."""


def draw_name(draw: Draw) -> str:
    """A subject name: a real-looking one, or words of a wide alphabet (maybe ` vs `)."""
    if not draw.chance(0.6):
        return draw.choice(v.REAL_NAMES)
    for _ in range(5):
        words = [draw.text(v.NAME_ALPHABET, 1, 10) for _ in range(draw.integer(1, 3))]
        if draw.chance(0.2):
            words.insert(draw.integer(0, len(words)), "vs")  # `A vs B`, `vs A`, `A vs`
        name = " ".join(words)
        if v.is_name(name):
            return name
    return draw.choice(v.REAL_NAMES)


def draw_artifact(draw: Draw, name: str | None = None) -> Artifact:
    return Artifact(
        name=draw_name(draw) if name is None else name,
        type=draw.choice(v.TYPES),
        rank=draw.integer(0, 100),
        pricing=draw.choice(v.PRICING),
        capabilities=300 if draw.chance(0.02) else draw.integer(0, 40),
    )


def draw_pair(draw: Draw) -> tuple[Artifact, Artifact]:
    """Two subjects with different names: sometimes one a prefix of the other, sometimes
    a tie on UnfragileRank."""
    a = draw_artifact(draw)
    b_name = f"{a.name} {draw.choice(v.NAME_SUFFIXES)}" if draw.chance(0.15) else draw_name(draw)
    if same_name(b_name, a.name):
        b_name = f"{a.name} 2"
    b = draw_artifact(draw, b_name)
    if draw.chance(0.15):
        b = Artifact(b.name, b.type, a.rank, b.pricing, b.capabilities)
    if draw.chance(0.5):
        a, b = b, a
    return a, b


def generate_page(
    draw: Draw, a: Artifact, b: Artifact, *, consistent: bool, max_listed: int | None = None
) -> Draft:
    """A page comparing ``a`` and ``b``; ``consistent`` pages keep every promise.

    ``max_listed`` lists at most that many capabilities per subject and counts the
    rest in `+k more`, as the real site does (it lists about eight)."""
    rows = draw_rows(draw, a, b, consistent)
    tie = a.rank == b.rank
    summary = _summary(draw, a, b, consistent, tie)
    side_by_side = summary is None or summary.claim is None
    headless = side_by_side and draw.chance(0.5)
    sections = [
        section
        for section in (
            _section(draw, a, consistent, headless, max_listed),
            _section(draw, b, consistent, False, max_listed),
        )
        if section is not None
    ]
    if not consistent and draw.chance(0.05):
        extra = _section(draw, draw_artifact(draw), False, False, max_listed)
        sections.append(extra or SectionDraft("x"))
    title = f"{a.name} vs {b.name}"
    if consistent:
        verdict: list[Sentence] | None = _consistent_verdict(draw, a, b, rows, tie)
    else:
        title = _free_title(draw, a, b, title)
        verdict = _free_verdict(draw, a, b, rows, sections)
    trailer: tuple[str, ...] = ()
    if verdict:
        trailer = v.TRAILER if consistent or draw.chance(0.8) else _free_trailer(draw)
    return Draft(title, a.name, b.name, summary, rows, sections, verdict, trailer)


# ---------------------------------------------------------------- summary and sections


def _summary(
    draw: Draw, a: Artifact, b: Artifact, consistent: bool, tie: bool
) -> SummaryDraft | None:
    winner, loser = (a, b) if a.rank > b.rank else (b, a)
    if consistent:
        if tie or draw.chance(0.2):
            return SummaryDraft(None, NEUTRAL_SUMMARY)
        claim = ScoreSentence(winner.name, winner.rank, loser.name, loser.rank, "ranks")
        return SummaryDraft(claim, v.SUMMARY_TAIL)
    if draw.chance(0.1):
        return None
    if draw.chance(0.25):
        return SummaryDraft(None, NEUTRAL_SUMMARY)
    claim = _free_score(draw, a, b, "ranks")
    return SummaryDraft(claim, v.SUMMARY_TAIL if draw.chance(0.9) else "")


def _section(
    draw: Draw, artifact: Artifact, consistent: bool, headless: bool, max_listed: int | None
) -> SectionDraft | None:
    declared = artifact.capabilities
    if consistent:
        more = 0 if draw.chance(0.5) else draw.integer(0, declared)
        if max_listed is not None and declared - more > max_listed:
            more = declared - max_listed
        listed = declared - more
    else:
        listed = 300 if draw.chance(0.01) else draw.integer(0, 12)
        if max_listed is not None:
            listed = min(listed, max_listed)
        more = draw.integer(0, 20) if draw.chance(0.4) else 0
    if listed == 0 and more == 0 and draw.chance(0.5):
        return None
    heading = None if headless and (listed or more) else artifact.name
    capabilities = draw_capabilities(draw, listed)
    return SectionDraft(heading, capabilities, more or None)


def draw_capabilities(draw: Draw, count: int) -> list[CapabilityDraft]:
    """``count`` capabilities: titles now and then, most with `Unique`/`vs` lines."""
    drawn = [_capability(draw) for _ in range(min(count, DRAWN_CAPABILITIES))]
    if count > DRAWN_CAPABILITIES:
        seeded = RandomDraw(random.Random(draw.integer(0, 2**32 - 1)))
        drawn += [_capability(seeded) for _ in range(count - DRAWN_CAPABILITIES)]
    return drawn


def _capability(draw: Draw) -> CapabilityDraft:
    unique = draw.choice(v.UNIQUE_TEXTS) if not draw.chance(0.15) else None
    vs_alternatives = draw.choice(v.VS_TEXTS) if not draw.chance(0.15) else None
    claimed = unique is not None or vs_alternatives is not None
    title = draw.choice(v.CAPABILITY_TITLES) if claimed and draw.chance(0.1) else None
    return CapabilityDraft(_description(draw, claimed), title, unique, vs_alternatives)


def _description(draw: Draw, claimed: bool) -> str:
    """Prose; a description with no `Unique`/`vs` line under it ends in a full stop, or
    it would read as the title of the next capability."""
    if draw.chance(0.1):
        words = [draw.text(v.PROSE_ALPHABET, 1, 12) for _ in range(draw.integer(1, 6))]
        text = " ".join(words)
        if not claimed:
            text += "."
        if v.is_body_line(text):
            return text
    count = draw.integer(2, 4)
    first = draw.choice(v.SENTENCES)
    return " ".join([first] + [draw.choice(v.SENTENCES) for _ in range(count - 1)])


# ---------------------------------------------------------------- verdict


def _consistent_verdict(
    draw: Draw, a: Artifact, b: Artifact, rows: list[RowDraft], tie: bool
) -> list[Sentence]:
    sentences: list[Sentence] = []
    if not tie and draw.chance(0.9):
        winner, loser = (a, b) if a.rank > b.rank else (b, a)
        sentences.append(ScoreSentence(winner.name, winner.rank, loser.name, loser.rank))
    leads = lead_sentence(draw, a.name, b.name, component_leads(rows))
    if leads is not None:
        sentences.append(leads)
    free = [x for x, y in ((a, b), (b, a)) if x.pricing == v.FREE and y.pricing != v.FREE]
    if free and draw.chance(0.7):
        sentences.append(FreeTierSentence(free[0].name))
    # Claim-free sentences go last: one before a claim would be read as part of it.
    if tie:
        sentences.append(PlainSentence(f"Both score {a.rank}/100 on UnfragileRank."))
    if not sentences or draw.chance(0.15):
        sentences.append(PlainSentence(draw.choice(v.CLOSING_SENTENCES)))
    return sentences


def component_leads(rows: list[RowDraft]) -> tuple[list[str], list[str]]:
    """The components each side is displayed higher on (lower-case, table order)."""
    leads_a: list[str] = []
    leads_b: list[str] = []
    seen: set[str] = set()
    for row in rows:
        key = row.name.casefold()
        if key in seen or row.name not in v.COMPONENTS:
            continue
        seen.add(key)
        if row.value_a is None or row.value_b is None or row.cells != 3:
            continue
        if row.value_a > row.value_b:
            leads_a.append(row.name.lower())
        elif row.value_b > row.value_a:
            leads_b.append(row.name.lower())
    return leads_a, leads_b


def lead_sentence(
    draw: Draw, a: str, b: str, leads: tuple[list[str], list[str]]
) -> LeadSentence | None:
    """`P leads on ..., while Q is stronger on ...` for the given dimensions."""
    (mine, theirs), (p, q) = leads, (a, b)
    if draw.chance(0.5):
        (mine, theirs), (p, q) = (theirs, mine), (b, a)
    if mine and theirs:
        return LeadSentence(p, tuple(mine), q, tuple(theirs))
    if not (mine or theirs):
        return None
    subject, dims = (p, mine) if mine else (q, theirs)
    if draw.chance(0.5):
        return LeadSentence(subject, tuple(dims))
    return LeadSentence(stronger=subject, stronger_on=tuple(dims))


def _third_name(draw: Draw, a: str, b: str) -> str:
    """A name for neither subject, without `. ` in it: where a name is not known, `. `
    is where a sentence ends."""
    for name in (draw_name(draw), "Some Other Tool"):
        if side_of(name, a, b) is None and ". " not in name:
            return name
    return "Unrelated"


def _free_subject(draw: Draw, a: Artifact, b: Artifact) -> str:
    if draw.chance(0.05):
        return _third_name(draw, a.name, b.name)
    return draw.choice((a.name, b.name))


def _free_score(draw: Draw, a: Artifact, b: Artifact, verb: str) -> ScoreSentence:
    winner = _free_subject(draw, a, b)
    loser = b.name if winner == a.name else a.name
    return ScoreSentence(
        winner,
        draw.integer(0, 100),
        loser,
        draw.integer(0, 100),
        "ranks" if verb == "ranks" else "scores",
    )


def _free_title(draw: Draw, a: Artifact, b: Artifact, title: str) -> str:
    if draw.chance(0.1):
        return f"{b.name} vs {a.name}"
    if draw.chance(0.05):
        return f"{a.name} vs {_third_name(draw, a.name, b.name)}"
    return title


def _free_verdict(
    draw: Draw, a: Artifact, b: Artifact, rows: list[RowDraft], sections: list[SectionDraft]
) -> list[Sentence] | None:
    if draw.chance(0.1):
        _cut_off(draw, sections)
        return None
    if draw.chance(0.05):
        return []
    claims: list[Sentence] = []
    if draw.chance(0.8):
        claims.append(_free_score(draw, a, b, "scores"))
    if draw.chance(0.7):
        dims = [row.name.lower() for row in rows if row.name in v.COMPONENTS]
        dims += list(v.UNKNOWN_DIMENSIONS)
        mine = [draw.choice(dims) for _ in range(draw.integer(0, 3))]
        theirs = [draw.choice(dims) for _ in range(draw.integer(0, 3))]
        lead = lead_sentence(
            draw, _free_subject(draw, a, b), _free_subject(draw, a, b), (mine, theirs)
        )
        if lead is not None:
            claims.append(lead)
    if draw.chance(0.3):
        claims.append(FreeTierSentence(_free_subject(draw, a, b)))
    if not claims or draw.chance(0.15):
        claims.append(PlainSentence(draw.choice(v.CLOSING_SENTENCES)))
    return [claims.pop(draw.integer(0, len(claims) - 1)) for _ in range(len(claims))]


def _cut_off(draw: Draw, sections: list[SectionDraft]) -> None:
    """A scraper cut: the last capability loses its last lines, and `+k more` goes."""
    if not sections:
        return
    last = sections[-1]
    last.more = None
    if not last.capabilities:
        if last.heading is None:
            sections.pop()
        return
    capability = last.capabilities[-1]
    unique = capability.unique if draw.chance(0.5) else None
    title = capability.title if unique is not None else None
    description = capability.description
    if unique is None and not description.endswith("."):
        description += "."
    last.capabilities[-1] = CapabilityDraft(description, title, unique, None)


def _free_trailer(draw: Draw) -> tuple[str, ...]:
    lines = [draw.choice(v.SENTENCES) for _ in range(draw.integer(0, 3))]
    if len(lines) >= 2 and draw.chance(0.5):
        lines.insert(1, "")
    return tuple(lines)
