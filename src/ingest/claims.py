"""The structure inside one line: table cells, score claims, leads and free tier.

The grammar hands over whole lines; this module reads the sentences in them.
Sentences are anchored on their fixed phrases (`ranks higher at`, `leads on`,
`also has a free tier`), never on the subject names, so names may contain
` vs `, dots, colons or brackets and may be prefixes of each other. Names are
then resolved against the table header.
"""

from __future__ import annotations

import functools
import re

from ingest.models import LeadPhrase, Side
from ingest.records import FreeTierClaim, LeadClaim, ScoreClaim

_NUMBER_START = frozenset("0123456789$+-")
_NUMBER = re.compile(r"\$?([-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)")
_SCORE = re.compile(
    r"(?P<winner>.+?) (?:ranks|scores) higher at (?P<n>\d+)/100 vs "
    r"(?P<loser>.+?) at (?P<m>\d+)/100\.(?= |$)"
)
_LEAD = re.compile(
    r"(?P<p>.+?) leads on (?P<pd>[^.]+?)(?:, while (?P<q>.+?) is stronger on (?P<qd>[^.]+?))?"
    r"\.(?= |$)"
)
_STRONGER = re.compile(r"(?P<q>.+?) is stronger on (?P<qd>[^.]+?)\.(?= |$)")
_FREE = re.compile(r"(?P<r>.+?) also has a free tier, making it more accessible\.(?= |$)")
_NEXT_SENTENCE = re.compile(r"\. (?=\S)")
_DIM_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")

MISSING = "—"
"""How a page shows that a cell has no value."""


@functools.lru_cache(maxsize=8192)
def cell_value(raw: str | None) -> float | None:
    """The leading number of a table cell, or None (`Free`, `—`, text).

    Cached: pages repeat the same cells (`Free`, `42/100`) over and over.
    """
    if not raw or raw[0] not in _NUMBER_START:
        return None
    if raw.isascii() and raw.isdigit():
        return float(raw)
    match = _NUMBER.match(raw)
    if match is None:
        return None
    try:
        return float(match.group(1).replace(",", ""))
    except ValueError:
        return None


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


def score_claim(
    text: str, line: int, subject_a: str, subject_b: str, start: int = 0
) -> tuple[ScoreClaim, int] | None:
    """The score sentence at ``text[start:]`` and where it ends, if one is there."""
    match = _SCORE.match(text, start)
    if match is None:
        return None
    winner, loser = match["winner"], match["loser"]
    claim = ScoreClaim(
        winner,
        resolve(winner, subject_a, subject_b),
        int(match["n"]),
        loser,
        resolve(loser, subject_a, subject_b),
        int(match["m"]),
        line,
        start + 1,
    )
    return claim, match.end()


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


def verdict_claims(
    text: str, line: int, subject_a: str, subject_b: str, features: dict[str, str]
) -> tuple[ScoreClaim | None, list[LeadClaim], FreeTierClaim | None, list[str]]:
    """Read the verdict paragraph sentence by sentence.

    ``features`` maps a lower-case feature name to its table spelling, so that
    `match graph` becomes `Match Graph`. Returns the score claim, the leads,
    the free-tier claim and the sentences that match no known form.
    """
    claim: ScoreClaim | None = None
    leads: list[LeadClaim] = []
    free: FreeTierClaim | None = None
    unparsed: list[str] = []
    position = 0
    end = len(text)
    while position < end:
        if text[position] == " ":
            position += 1
            continue
        form, marker_at = _next_form(text, position)
        start = _sentence_start(text, position, marker_at, subject_a, subject_b)
        if start > position:
            # A sentence with no known phrase stands before the next claim.
            unparsed.append(text[position:start].rstrip())
            position = start
            continue
        match = form.match(text, position) if form is not None else None
        if match is None:
            stop = _NEXT_SENTENCE.search(text, position)
            sentence_end = stop.start() + 1 if stop else end
            unparsed.append(text[position:sentence_end])
            position = sentence_end
            continue
        if form is _SCORE and claim is None:
            scored = score_claim(text, line, subject_a, subject_b, position)
            assert scored is not None
            claim = scored[0]
        elif form is _LEAD or form is _STRONGER:
            groups = match.groupdict()
            for subject, dims, phrase in _LEAD_GROUPS:
                if groups.get(subject) is not None:
                    leads += _leads(
                        groups[subject],
                        groups[dims],
                        match.start(dims),
                        phrase,
                        line,
                        subject_a,
                        subject_b,
                        features,
                    )
        elif form is _FREE and free is None:
            free = FreeTierClaim(
                match["r"], resolve(match["r"], subject_a, subject_b), line, position + 1
            )
        else:
            unparsed.append(text[position : match.end()])
        position = match.end()
    return claim, leads, free, unparsed


_LEAD_GROUPS: tuple[tuple[str, str, LeadPhrase], ...] = (
    ("p", "pd", "leads on"),
    ("q", "qd", "is stronger on"),
)
"""The name and dimension groups of the lead forms, and their phrase."""

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (" scores higher at ", _SCORE),
    (" ranks higher at ", _SCORE),
    (" leads on ", _LEAD),
    (" is stronger on ", _STRONGER),
    (" also has a free tier", _FREE),
)


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


def _next_form(text: str, position: int) -> tuple[re.Pattern[str] | None, int]:
    """The sentence form whose fixed phrase comes first after ``position``, and where."""
    best: re.Pattern[str] | None = None
    best_at = len(text)
    for marker, form in _MARKERS:
        at = text.find(marker, position, best_at)
        if at != -1 and at < best_at:
            best, best_at = form, at
    return best, best_at
