"""The structure inside one line: table cells, score claims, leads and free tier.

The grammar hands over whole lines; this module reads the sentences in them.
Sentences are anchored on their fixed phrases (`ranks higher at`, `leads on`,
`also has a free tier`), never on the subject names, so names may contain
` vs `, dots, colons or brackets and may be prefixes of each other. Names are
then resolved against the table header.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.page.format import SIDES, LeadPhrase, Side
from ingest.page.records import FreeTierClaim, LeadClaim, PageError, ScoreClaim
from ingest.parse.cell_values import parse_cell
from ingest.parse.claim_forms import Forms, Free, Lead, Score

_NEXT_SENTENCE = re.compile(r"\. (?=\S)")
# `(?<!\s)`: a run of blanks is tried once, from its start, not from each of its blanks.
_DIM_SPLIT = re.compile(r",\s*+(?:and\s+)?|(?<!\s)\s++and\s+")

SCORE_RANGE = (0, 100)
"""A quoted score `n/100` is a whole number in this range."""
_SCORES = {str(number): number for number in range(SCORE_RANGE[0], SCORE_RANGE[1] + 1)}
"""Each score in range written plainly (no leading zero): its value."""
COUNT_RANGE = (0, 2**31 - 1)
"""A count (`+k more`, `n decomposed`) is a whole number in this range (an int32 column)."""
OUT_OF_RANGE = "IG005"
"""The code of a page error for a number that does not fit its column."""

MISSING = "—"
"""How a page shows that a cell has no value."""

_new = tuple.__new__
"""``_new(Record, (every field, in order))``: a record without the named-tuple constructor's
argument handling (half the cost; see :mod:`ingest.parse.transformer`)."""


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
    # Plain scores are looked up instead of read by whole_number: 1 µs per page (measured).
    n = _SCORES.get(found.n)
    if n is None:
        n = whole_number(found.n, low, high)
    m = _SCORES.get(found.m)
    if m is None:
        m = whole_number(found.m, low, high)
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
    return _new(
        ScoreClaim,
        (
            winner,
            resolve(winner, subject_a, subject_b),
            n,
            loser,
            resolve(loser, subject_a, subject_b),
            m,
            line,
            start + 1,
        ),
    )


_PIECES: dict[str, tuple[tuple[str, str, int], ...]] = {}
"""The pieces of the short dimension lists seen lately (see :func:`_pieces`)."""
_PIECES_KEPT = 1024  # entries at most: the memo starts again when full
_PIECES_LONGEST = 80  # longer lists are split every time, never kept


def _pieces(dims: str) -> tuple[tuple[str, str, int], ...]:
    """`adoption, ecosystem and match graph` -> ((word, word folded, column0), ...)."""
    # Dimension lists repeat from page to page: remembering the short ones saves their
    # split (about 3.5 µs per page, measured); the memo is bounded in entries and in size.
    pieces = _PIECES.get(dims)
    if pieces is not None:
        return pieces
    out: list[tuple[str, str, int]] = []
    position = 0
    for piece in _DIM_SPLIT.split(dims):
        at = dims.index(piece, position)
        position = at + len(piece)
        word = piece.strip()
        if word:
            out.append((word, word.casefold(), at))
    pieces = tuple(out)
    if len(dims) <= _PIECES_LONGEST:
        if len(_PIECES) >= _PIECES_KEPT:
            _PIECES.clear()
        _PIECES[dims] = pieces
    return pieces


class _Read:
    """A verdict paragraph being read: what it is about, and what its sentences claimed."""

    __slots__ = (
        "claim", "errors", "features", "free", "leads", "line", "subject_a", "subject_b",
        "text", "unparsed",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        line: int,
        subjects: tuple[str, str],
        features: dict[str, str],
        errors: list[PageError] | None,
    ) -> None:
        self.text = text
        self.line = line
        self.subject_a, self.subject_b = subjects
        self.features = features
        self.errors = errors
        self.claim: ScoreClaim | None = None
        self.leads: list[LeadClaim] = []
        self.free: FreeTierClaim | None = None
        self.unparsed: list[str] = []

    def add_leads(self, subject: str, dims: str, dims_at: int, phrase: LeadPhrase) -> None:
        """Add a lead of ``subject`` for each dimension in ``dims``."""
        side = resolve(subject, self.subject_a, self.subject_b)
        features, line, column = self.features, self.line, dims_at + 1
        for word, folded, at in _pieces(dims):
            feature = features.get(folded, word)
            self.leads.append(_new(LeadClaim, (subject, side, feature, phrase, line, column + at)))

    def take(self, found: Score | Lead | Free, position: int) -> bool:
        """Add the claim of the sentence ``found`` at ``position``; False when it claims
        nothing (a second score or free-tier sentence, a score out of range)."""
        if isinstance(found, Lead):
            if found.p is not None and found.pd is not None:
                self.add_leads(found.p, found.pd, found.pd_at, _LEADS_ON)
            if found.q is not None and found.qd is not None:
                self.add_leads(found.q, found.qd, found.qd_at, _STRONGER_ON)
            return True
        a, b = self.subject_a, self.subject_b
        if isinstance(found, Score):
            if self.claim is not None:
                return False
            self.claim = _score_record(found, self.text, self.line, a, b, position, self.errors)
            return self.claim is not None
        if self.free is not None:
            return False
        self.free = _new(FreeTierClaim, (found.r, resolve(found.r, a, b), self.line, position + 1))
        return True


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
    read = _Read(text, line, (subject_a, subject_b), features, errors)
    unparsed = read.unparsed
    forms = Forms(text)
    # The longer name first (the first of two as long): see _sentence_start.
    names = (subject_a, subject_b) if len(subject_a) >= len(subject_b) else (subject_b, subject_a)
    position = 0
    end = len(text)
    while position < end:
        if text[position] == " ":
            position += 1
            continue
        form, marker_at = forms.next_form(position)
        start = _sentence_start(text, position, marker_at, names)
        if start > position:
            # A sentence with no known phrase stands before the next claim.
            unparsed.append(text[position:start].rstrip())
            position = start
            continue
        found = _MATCHERS[form](forms, position, marker_at)
        if found is None:
            stop = _NEXT_SENTENCE.search(text, position)
            sentence_end = stop.start() + 1 if stop else end
            unparsed.append(text[position:sentence_end])
            position = sentence_end
            continue
        if not read.take(found, position):
            unparsed.append(text[position : found.end])
        position = found.end
    return read.claim, read.leads, read.free, unparsed


_LEADS_ON: LeadPhrase = "leads on"
_STRONGER_ON: LeadPhrase = "is stronger on"


def _no_form(forms: Forms, position: int, marker_at: int) -> None:
    return None


_MATCHERS: dict[str | None, Callable[[Forms, int, int], Score | Lead | Free | None]] = {
    "score": Forms.score,
    "lead": Forms.lead,
    "stronger": Forms.stronger,
    "free": Forms.free,
    None: _no_form,
}
"""The matcher of each sentence form: looked up, one call less per sentence than an
if-chain in a function (about 0.3 µs per page, measured)."""


def _sentence_start(text: str, position: int, marker_at: int, names: tuple[str, str]) -> int:
    """Where the sentence holding the phrase at ``marker_at`` starts.

    A subject name right before the phrase that itself starts a sentence wins
    (the longer of ``names`` first; names may contain `. `); otherwise the sentence
    starts after the last `. ` before the phrase.
    """
    for name in names:
        at = marker_at - len(name)
        starts_sentence = at == position or (at > position and text[at - 2 : at] == ". ")
        if starts_sentence and text.startswith(name, at):
            return at
    boundary = text.rfind(". ", position, marker_at)
    return position if boundary == -1 else boundary + 2
