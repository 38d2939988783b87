"""The structure inside one line: table cells, score claims, leads and free tier.

The grammar hands over whole lines; this module reads the sentences in them.
Sentences are anchored on their fixed phrases (`ranks higher at`, `leads on`,
`also has a free tier`), never on the subject names, so names may contain
` vs `, dots, colons or brackets and may be prefixes of each other. Names are
then resolved against the table header.
"""

from __future__ import annotations

import re

from ingest.page.format import SIDES, LeadPhrase, Side
from ingest.page.records import FreeTierClaim, LeadClaim, PageError, ScoreClaim
from ingest.parse.cell_values import parse_cell
from ingest.parse.claim_forms import FREE_TIER, Forms, Free, Lead, Score

_NEXT_SENTENCE = re.compile(r"\. (?=\S)")
# `(?<!\s)`: a run of blanks is tried once, from its start, not from each of its blanks.
_DIM_SPLIT = re.compile(r",\s*+(?:and\s+)?|(?<!\s)\s++and\s+")

SCORE_RANGE = (0, 100)
"""A quoted score `n/100` is a whole number in this range."""
COUNT_RANGE = (0, 2**31 - 1)
"""A count (`+k more`, `n decomposed`) is a whole number in this range (an int32 column)."""
OUT_OF_RANGE = "IG005"
"""The code of a page error for a number that does not fit its column."""

MISSING = "—"
"""How a page shows that a cell has no value."""


def cell_value(raw: str | None) -> float | None:
    """The number a table cell holds, read by the cell's kind, or None (`Free`, `—`, text).

    `82.4k` is 82400 and `2026-09-01` no number at all (see :mod:`ingest.parse.cell_values`);
    a value that overflows is infinite, for :mod:`ingest.parse.page_checks` to report.
    """
    return parse_cell(raw).value


def split_cells(line: str) -> list[str]:
    """`| a | b |` -> ["a", "b"]; a missing outer pipe is tolerated."""
    if line.startswith("| ") and line.endswith(" |"):
        return [cell.strip() for cell in line[2:-2].split("|")]
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [cell.strip() for cell in body.split("|")]


def name_key(name: str) -> str:
    """A name without case and with single blanks: how names are compared."""
    return " ".join(name.split()).casefold()


def same_name(first: str, second: str) -> bool:
    """Names equal ignoring case and runs of blanks: one subject, as far as claims go."""
    return name_key(first) == name_key(second)


def resolve(name: str, subject_a: str, subject_b: str) -> Side | None:
    """Which subject ``name`` refers to: exact match first, then ignoring case and spacing."""
    if name == subject_a:
        return "a"
    if name == subject_b:
        return "b"
    key = name_key(name)
    if key == name_key(subject_a):
        return "a"
    if key == name_key(subject_b):
        return "b"
    return None


def section_side(heading: str | None, index: int, subject_a: str, subject_b: str) -> Side | None:
    """The subject of the capability section at ``index``: the one its heading names, else
    its place's (the first section is ``a``'s, the second ``b``'s), else none."""
    side = None if heading is None else resolve(heading, subject_a, subject_b)
    if side is None and index < len(SIDES):
        side = SIDES[index]
    return side


def shown_number(digits: str) -> str:
    """A number for a message: long ones cut down to their first digits and their length."""
    return digits if len(digits) <= 24 else f"{digits[:12]}... ({len(digits)} digits)"


def whole_number(digits: str, low: int, high: int) -> int | None:
    """The value of a run of digits if it lies in ``low..high``, else None (never a huge int)."""
    if len(digits) > 18:  # beyond any range used here: never build the int
        digits = digits.lstrip("0")
        if len(digits) > 18:
            return None
    number = int(digits) if digits else 0
    return number if low <= number <= high else None


def score_claim(
    text: str,
    line: int,
    subject_a: str,
    subject_b: str,
    start: int = 0,
    errors: list[PageError] | None = None,
    forms: Forms | None = None,
) -> tuple[ScoreClaim, int] | None:
    """The score sentence at ``text[start:]`` and where it ends, if one is there.

    A quoted score outside :data:`SCORE_RANGE` makes no claim: an IG005 error
    is added to ``errors`` (when given) and None is returned.
    """
    found = (forms if forms is not None else Forms(text)).score(start)
    if found is None:
        return None
    claim = _score_record(found, text, line, subject_a, subject_b, start, errors)
    return None if claim is None else (claim, found.end)


def _score_record(
    found: Score,
    text: str,
    line: int,
    subject_a: str,
    subject_b: str,
    start: int,
    errors: list[PageError] | None,
) -> ScoreClaim | None:
    low, high = SCORE_RANGE
    n, m = whole_number(found.n, low, high), whole_number(found.m, low, high)
    if n is None or m is None:
        if errors is not None:
            digits, at = (found.n, found.n_at) if n is None else (found.m, found.m_at)
            message = (
                f"the score {shown_number(digits)}/100 is out of range ({low}-{high}): "
                "the sentence is not read as a claim"
            )
            errors.append(PageError(OUT_OF_RANGE, message, line, at + 1, text))
        return None
    winner, loser = found.winner, found.loser
    return ScoreClaim(
        winner,
        resolve(winner, subject_a, subject_b),
        n,
        loser,
        resolve(loser, subject_a, subject_b),
        m,
        line,
        start + 1,
    )


def _dimensions(dims: str, offset: int, features: dict[str, str]) -> list[tuple[str, int]]:
    """`adoption, ecosystem and match graph` -> [(feature, column0), ...]."""
    out: list[tuple[str, int]] = []
    position = 0
    for piece in _DIM_SPLIT.split(dims):
        at = dims.index(piece, position)
        position = at + len(piece)
        word = piece.strip()
        if word:
            out.append((features.get(word.casefold(), word), offset + at))
    return out


def _leads(
    subject: str,
    dims: str,
    dims_at: int,
    phrase: LeadPhrase,
    line: int,
    subject_a: str,
    subject_b: str,
    features: dict[str, str],
) -> list[LeadClaim]:
    side = resolve(subject, subject_a, subject_b)
    return [
        LeadClaim(subject, side, feature, phrase, line, column + 1)
        for feature, column in _dimensions(dims, dims_at, features)
    ]


class _Read:
    """What a verdict paragraph's sentences claimed so far."""

    __slots__ = ("claim", "free", "leads", "unparsed")

    def __init__(self) -> None:
        self.claim: ScoreClaim | None = None
        self.leads: list[LeadClaim] = []
        self.free: FreeTierClaim | None = None
        self.unparsed: list[str] = []


def verdict_claims(
    text: str,
    line: int,
    subject_a: str,
    subject_b: str,
    features: dict[str, str],
    errors: list[PageError] | None = None,
) -> tuple[ScoreClaim | None, list[LeadClaim], FreeTierClaim | None, list[str]]:
    """Read the verdict paragraph sentence by sentence.

    ``features`` maps a lower-case feature name to its table spelling, so that
    `match graph` becomes `Match Graph`. Returns the score claim, the leads,
    the free-tier claim and the sentences that match no known form. Linear in
    the length of the paragraph (see :mod:`ingest.parse.claim_forms`).
    """
    read = _Read()
    forms = Forms(text)
    position = 0
    end = len(text)
    while position < end:
        if text[position] == " ":
            position += 1
            continue
        form, marker_at = _next_form(forms, position)
        start = _sentence_start(text, position, marker_at, subject_a, subject_b)
        if start > position:
            # A sentence with no known phrase stands before the next claim.
            read.unparsed.append(text[position:start].rstrip())
            position = start
            continue
        found = _match(forms, form, position)
        if found is None:
            stop = _NEXT_SENTENCE.search(text, position)
            sentence_end = stop.start() + 1 if stop else end
            read.unparsed.append(text[position:sentence_end])
            position = sentence_end
            continue
        if not _take(read, found, text, line, position, (subject_a, subject_b), features, errors):
            read.unparsed.append(text[position : found.end])
        position = found.end
    return read.claim, read.leads, read.free, read.unparsed


def _take(
    read: _Read,
    found: Score | Lead | Free,
    text: str,
    line: int,
    position: int,
    subjects: tuple[str, str],
    features: dict[str, str],
    errors: list[PageError] | None,
) -> bool:
    """Add the claim of the sentence ``found`` at ``position`` to ``read``; False when it
    claims nothing (a second score or free-tier sentence, a score out of range)."""
    subject_a, subject_b = subjects
    if isinstance(found, Score):
        if read.claim is not None:
            return False
        read.claim = _score_record(found, text, line, subject_a, subject_b, position, errors)
        return read.claim is not None
    if isinstance(found, Lead):
        for subject, dims, dims_at, phrase in (
            (found.p, found.pd, found.pd_at, _LEADS_ON),
            (found.q, found.qd, found.qd_at, _STRONGER_ON),
        ):
            if subject is not None and dims is not None:
                read.leads += _leads(
                    subject, dims, dims_at, phrase, line, subject_a, subject_b, features
                )
        return True
    if read.free is not None:
        return False
    read.free = FreeTierClaim(found.r, resolve(found.r, subject_a, subject_b), line, position + 1)
    return True


_LEADS_ON: LeadPhrase = "leads on"
_STRONGER_ON: LeadPhrase = "is stronger on"

_MARKERS: tuple[tuple[str, str], ...] = (
    (" scores higher at ", "score"),
    (" ranks higher at ", "score"),
    (" leads on ", "lead"),
    (" is stronger on ", "stronger"),
    (FREE_TIER, "free"),
)
"""The fixed phrase of each sentence form."""


def _match(forms: Forms, form: str | None, position: int) -> Score | Lead | Free | None:
    if form == "score":
        return forms.score(position)
    if form == "lead":
        return forms.lead(position)
    if form == "stronger":
        return forms.stronger(position)
    if form == "free":
        return forms.free(position)
    return None


def _sentence_start(text: str, position: int, marker_at: int, a: str, b: str) -> int:
    """Where the sentence holding the phrase at ``marker_at`` starts.

    A subject name right before the phrase that itself starts a sentence wins
    (names may contain `. `); otherwise the sentence starts after the last `. `
    before the phrase.
    """
    for name in sorted((a, b), key=len, reverse=True):
        at = marker_at - len(name)
        starts_sentence = at == position or (at > position and text[at - 2 : at] == ". ")
        if starts_sentence and text.startswith(name, at):
            return at
    boundary = text.rfind(". ", position, marker_at)
    return position if boundary == -1 else boundary + 2


def _next_form(forms: Forms, position: int) -> tuple[str | None, int]:
    """The sentence form whose fixed phrase comes first after ``position``, and where."""
    best: str | None = None
    best_at = forms.length
    for marker, form in _MARKERS:
        at = forms.find(marker, position)
        if at != -1 and at < best_at:
            best, best_at = form, at
    return best, best_at
