"""The score rules, IG102-IG104: the score sentences of the summary and the verdict.

`A ranks higher at n/100 vs B at m/100` must quote the table's UnfragileRank
for both subjects (IG102) and name the higher one the winner (IG103), and name
no winner on a tie (IG104). Findings point at the quoted score or the claim.
"""

from __future__ import annotations

from ingest.page.format import RANK_ROW, Side
from ingest.page.records import ScoreClaim
from ingest.rules.context import PageContext, cell, value
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.rule import Rule

SCORE_MISMATCH = Rule(
    code="IG102",
    name="score-mismatch",
    severity="error",
    fix="safe",
    fix_why="The table decides the sentence: the quoted score becomes the table's\n"
    "UnfragileRank (scores are displayed as they are quoted, n/100).",
    summary="a score quoted in the summary or verdict differs from that subject's UnfragileRank",
    template="{where} quotes {quoted}/100 for {subject}, but the table's {feature} is {rank}",
    what="Compares each score the summary and the verdict quote (`at 58/100`) with that\n"
    "subject's UnfragileRank row in the table.",
    why="The quoted score is what readers remember; when it is not the table's, one of\n"
    "the two is stale.",
    example="FLUX.1 Pro ranks higher at 60/100 vs rorshark-vit-base at 42/100.\n"
    "...\n| UnfragileRank | 42/100 | 58/100 |",
    instead="FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.",
)

WINNER_CONTRADICTED = Rule(
    code="IG103",
    name="winner-contradicted",
    severity="error",
    fix="safe",
    fix_why="The table decides the sentence: winner and loser change places, each quoted\n"
    "with the table's UnfragileRank.",
    summary="the named winner has the lower UnfragileRank",
    template="'{claim}' names {winner} the winner, but the table's {feature} is {winner_rank} "
    "for {winner} vs {loser_rank} for {loser}",
    what="Checks that the subject the summary or the verdict says `ranks higher` /\n"
    "`scores higher` has the higher UnfragileRank in the table. Equal scores are\n"
    "IG104's, not this rule's (one finding per claim, never both).",
    why="The winner is the one claim every reader takes away; naming the loser inverts\n"
    "the page's conclusion.",
    example="rorshark-vit-base scores higher at 42/100 vs FLUX.1 Pro at 58/100.\n"
    "...\n| UnfragileRank | 42/100 | 58/100 |",
    instead="FLUX.1 Pro scores higher at 58/100 vs rorshark-vit-base at 42/100.",
)

WINNER_ON_TIE = Rule(
    code="IG104",
    name="winner-on-tie",
    severity="error",
    fix="unsafe",
    fix_why="The displayed ranks are rounded, so the page's hidden values might prove the\n"
    "author right: the fix drops the winner sentence (a summary left empty becomes\n"
    "`Side-by-side comparison to help you choose.`), which changes what the page says.",
    summary="a winner is named although the scores are equal",
    template="'{claim}' names {winner} the winner, but the table's {feature} is {rank} for both",
    what="Reports a summary or verdict that names a winner when both subjects have the\n"
    "same UnfragileRank (one finding per claim).",
    why="Equal displayed scores name no winner: the sentence asserts an order the data\n"
    "does not have.",
    example="rorshark-vit-base ranks higher at 42/100 vs Stable Diffusion at 42/100.\n"
    "...\n| UnfragileRank | 42/100 | 42/100 |",
    instead="Side-by-side comparison to help you choose.\n"
    "(and a verdict without a `scores higher` sentence)",
)

_RANK_KEY = RANK_ROW.casefold()
_HIGHER_AT = " higher at "


def check_scores(ctx: PageContext) -> None:
    """IG102-IG104 for the score sentence of the summary, then the verdict's."""
    summary, verdict = ctx.page.summary, ctx.page.verdict
    if summary is not None and summary.claim is not None:
        _check_claim(ctx, summary.claim, summary.text, "the summary")
    if verdict is not None and verdict.claim is not None:
        _check_claim(ctx, verdict.claim, verdict.text, "the verdict")


def _check_claim(ctx: PageContext, claim: ScoreClaim, text: str, where: str) -> None:
    """IG102 (quoted score is not the table's), IG103 (winner ranks lower), IG104 (tie)."""
    winner, loser = claim.winner_side, claim.loser_side
    rank = ctx.rows.get(_RANK_KEY)
    if winner is None or loser is None or winner == loser or rank is None:
        return  # IG101 covers names that are not the two subjects
    winner_rank, loser_rank = value(rank, winner), value(rank, loser)
    if (
        (winner_rank is None or winner_rank == claim.winner_score)
        and (loser_rank is None or loser_rank == claim.loser_score)
        and (winner_rank is None or loser_rank is None or winner_rank > loser_rank)
    ):
        return  # the usual claim, all right: no text search for columns (~1 µs a claim)
    start = claim.column - 1
    loser_at = text.find(f" vs {claim.loser} at ", start + len(claim.winner)) + 4
    score_at = loser_at + len(claim.loser) + len(" at ")
    if winner_rank is not None and winner_rank != claim.winner_score:
        winner_at = text.find(_HIGHER_AT, start + len(claim.winner)) + len(_HIGHER_AT)
        _score_mismatch(ctx, claim, where, winner, claim.winner_score, winner_at + 1)
    if loser_rank is not None and loser_rank != claim.loser_score:
        _score_mismatch(ctx, claim, where, loser, claim.loser_score, score_at + 1)
    if winner_rank is None or loser_rank is None or winner_rank > loser_rank:
        return
    end = text.find("/100.", score_at)
    quote = text[start : end + len("/100.")] if end >= 0 else text[start:]
    shown = cell(rank, winner)  # IG104 quotes it as {rank}, IG103 as {winner_rank}
    ctx.report(
        WINNER_ON_TIE if winner_rank == loser_rank else WINNER_CONTRADICTED,
        claim.line,
        claim.column,
        subject=ctx.name(winner),
        feature=rank.name,
        claim=quote,
        winner=claim.winner,
        loser=claim.loser,
        rank=shown,
        winner_rank=shown,
        loser_rank=cell(rank, loser),
    )


def _score_mismatch(
    ctx: PageContext, claim: ScoreClaim, where: str, side: Side, quoted: int, column: int
) -> None:
    rank = ctx.rows[_RANK_KEY]
    ctx.report(
        SCORE_MISMATCH,
        claim.line,
        column,
        subject=ctx.name(side),
        feature=rank.name,
        where=where,
        quoted=quoted,
        rank=cell(rank, side),
    )


FAMILY = RuleFamily(
    rules=(SCORE_MISMATCH, WINNER_CONTRADICTED, WINNER_ON_TIE),
    checks=(PageCheck((SCORE_MISMATCH, WINNER_CONTRADICTED, WINNER_ON_TIE), check_scores),),
)
