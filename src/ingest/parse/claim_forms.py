"""The sentence forms of a summary or verdict line, matched in linear time.

Each form is what one regex used to say (``tests/hostile/test_linear_time.py``
keeps those regexes and checks that both agree), but matched by finding its
fixed phrases with :meth:`str.find` and checking what must follow them, so
that no line costs more than a few passes over it, whatever it repeats:

- score: ``W (ranks|scores) higher at N/100 vs L at M/100.``
- lead: ``P leads on D[, while Q is stronger on E].``
- stronger: ``Q is stronger on E.``
- free tier: ``R also has a free tier, making it more accessible.``

Names are the shortest text before their phrase for which the rest of the
sentence matches; a dimension list never holds a period, and every form ends
with a period followed by a blank or the end of the line.

A :class:`Forms` object serves one line and remembers where it found each
phrase, so that the verdict loop, which asks again from every sentence,
never searches the same stretch twice. The verdict loop finds the first
fixed phrase of any form in one search (:meth:`Forms.next_form`) and hands
its place to the form's matcher, which then need not look for it again.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

RANKS = " ranks higher at "
SCORES = " scores higher at "
LEADS = " leads on "
STRONGER = " is stronger on "
WHILE = ", while "
FREE_TIER = " also has a free tier"
FREE_SENTENCE = " also has a free tier, making it more accessible."

_QUOTED = re.compile(r"(\d++)/100 vs ")
_SCORE_END = re.compile(r" at (\d++)/100\.(?= |$)")

MARKERS: tuple[tuple[str, str], ...] = (
    (SCORES, "score"),
    (RANKS, "score"),
    (LEADS, "lead"),
    (STRONGER, "stronger"),
    (FREE_TIER, "free"),
)
"""The fixed phrase of each sentence form."""
# One search for all five phrases instead of five finds (linear: an alternation of literals).
# No two phrases can start at one place (their second characters differ), so the first
# match is the phrase a find for each would put first; the second character names its form.
_MARKER = re.compile("|".join(re.escape(phrase) for phrase, _ in MARKERS))
_FORM_OF = {phrase[1]: form for phrase, form in MARKERS}
_SCORE_PHRASE = re.compile(f"{re.escape(RANKS)}|{re.escape(SCORES)}")


_new = tuple.__new__
"""``_new(Form, (every field, in order))``: a record without the named-tuple constructor's
argument handling (half the cost; see :mod:`ingest.parse.transformer`)."""


class Score(NamedTuple):
    winner: str
    n: str
    n_at: int
    loser: str
    m: str
    m_at: int
    end: int


class Lead(NamedTuple):
    p: str | None
    pd: str | None
    pd_at: int
    q: str | None
    qd: str | None
    qd_at: int
    end: int


class Free(NamedTuple):
    r: str
    end: int


class Forms:
    """Finds the sentence forms in one line; see the module doc."""

    __slots__ = ("_end", "_found", "_marker", "_score", "_valid", "length", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        # Each memo holds a search's start and answer: a search from a later start finds
        # the same while that start is not past the answer. Nothing found is -1 (in
        # ``_marker`` the line's end, in ``_end`` sys.maxsize); (1, 0) is an empty memo.
        self._found: dict[str, tuple[int, int]] = {}
        self._valid: dict[str, tuple[int, int]] = {}
        self._score: tuple[int, int] = (1, 0)
        self._marker: tuple[int, int, str | None] = (1, 0, None)
        self._end: tuple[int, int, re.Match[str] | None] = (1, 0, None)

    def find(self, phrase: str, start: int) -> int:
        """``text.find(phrase, start)``, remembering the answer for later, larger starts."""
        known = self._found.get(phrase)
        if known is not None:
            since, at = known
            if since <= start and (start <= at or at == -1):
                return at
        at = self.text.find(phrase, start)
        self._found[phrase] = (start, at)
        return at

    def next_form(self, start: int) -> tuple[str | None, int]:
        """The form whose fixed phrase (:data:`MARKERS`) comes first from ``start``, and
        where it starts; ``(None, length)`` when none does."""
        since, at, form = self._marker
        if since <= start <= at:
            return form, at
        found = _MARKER.search(self.text, start)
        if found is None:
            self._marker = (start, self.length, None)
            return None, self.length
        at = found.start()
        form = _FORM_OF[self.text[at + 1]]
        self._marker = (start, at, form)
        return form, at

    def _valid_from(self, kind: str, start: int) -> int:
        known = self._valid.get(kind)
        if known is not None:
            since, at = known
            if since <= start and (start <= at or at == -1):
                return at
        at = self._search(kind, start)
        self._valid[kind] = (start, at)
        return at

    def _score_end(self, start: int) -> re.Match[str] | None:
        """The first `` at M/100.`` from ``start`` that ends a sentence."""
        since, at, ending = self._end
        if since <= start <= at:
            return ending
        ending = _SCORE_END.search(self.text, start)
        self._end = (start, sys.maxsize if ending is None else ending.start(), ending)
        return ending

    def _search(self, kind: str, start: int) -> int:
        text = self.text
        if kind == "stronger":
            at = self.find(STRONGER, start)
            while at != -1:
                dims = at + len(STRONGER)
                period = text.find(".", dims)
                if period == -1:
                    return -1
                if period > dims and self._ends(period + 1):
                    return at
                # Every phrase before this period shares it: skip past them.
                at = self.find(STRONGER, max(at + 1, period - len(STRONGER) + 1))
            return -1
        at = self.find(FREE_SENTENCE, start)  # "free"
        while at != -1 and not self._ends(at + len(FREE_SENTENCE)):
            at = self.find(FREE_SENTENCE, at + 1)
        return at

    def _ends(self, at: int) -> bool:
        """A sentence may end right before ``at``: a blank or the end of the line follows."""
        return at == self.length or self.text[at] == " "

    def _first_score(self, after: int) -> int:
        """Where the first `ranks higher at` or `scores higher at` from ``after`` starts."""
        since, at = self._score
        if since <= after and (after <= at or at == -1):
            return at
        found = _SCORE_PHRASE.search(self.text, after)  # one search instead of two finds
        at = -1 if found is None else found.start()
        self._score = (after, at)
        return at

    # In the matchers below, ``first`` (when not -1) is where the form's phrase first
    # comes after ``start`` (from ``start + 1``: the verdict loop starts no sentence on a
    # blank), as :meth:`next_form` found it: they need not find it again.

    def score(self, start: int, first: int = -1) -> Score | None:
        """The score sentence that starts at ``start``, if one does."""
        text = self.text
        at = self._first_score(start + 1) if first == -1 else first
        while at != -1:
            # Which phrase is at ``at``: their second characters differ.
            quoted = _QUOTED.match(text, at + (len(RANKS) if text[at + 1] == "r" else len(SCORES)))
            if quoted is not None:
                break
            at = self._first_score(at + 1)
        else:
            return None
        loser_at = quoted.end()
        ending = self._score_end(loser_at + 1)
        if ending is None:
            return None  # no later phrase can have a loser either
        loser = text[loser_at : ending.start()]
        return _new(
            Score,
            (
                text[start:at],
                quoted[1],
                quoted.start(1),
                loser,
                ending[1],
                ending.start(1),
                ending.end(),
            ),
        )

    def stronger(self, start: int, first: int = -1) -> Lead | None:
        """``Q is stronger on E.`` starting at ``start``."""
        text = self.text
        if first != -1:  # the common case: the first phrase ends the sentence
            dims = first + len(STRONGER)
            period = text.find(".", dims)
            if period > dims and self._ends(period + 1):
                q, qd = text[start:first], text[dims:period]
                return _new(Lead, (None, None, -1, q, qd, dims, period + 1))
        at = self._valid_from("stronger", start + 1)
        if at == -1:
            return None
        dims = at + len(STRONGER)
        period = text.find(".", dims)
        return Lead(None, None, -1, text[start:at], text[dims:period], dims, period + 1)

    def lead(self, start: int, first: int = -1) -> Lead | None:
        """``P leads on D[, while Q is stronger on E].`` starting at ``start``."""
        text = self.text
        at = self.find(LEADS, start + 1) if first == -1 else first
        while at != -1:
            dims = at + len(LEADS)
            period = text.find(".", dims)
            stop = self.length if period == -1 else period
            while_at = text.find(WHILE, dims + 1, stop)
            if while_at != -1:
                q_at = while_at + len(WHILE)
                # The common case, a phrase that ends this sentence, is the first valid one.
                stronger = text.find(STRONGER, q_at + 1, stop)
                qd_at = stronger + len(STRONGER)
                if stronger == -1 or not (period > qd_at and self._ends(period + 1)):
                    stronger = self._valid_from("stronger", q_at + 1)
                if stronger != -1:
                    qd_at = stronger + len(STRONGER)
                    qd_end = text.find(".", qd_at)
                    p, pd = text[start:at], text[dims:while_at]
                    q, qd = text[q_at:stronger], text[qd_at:qd_end]
                    return _new(Lead, (p, pd, dims, q, qd, qd_at, qd_end + 1))
            if period != -1 and period > dims and self._ends(period + 1):
                p, pd = text[start:at], text[dims:period]
                return _new(Lead, (p, pd, dims, None, None, -1, period + 1))
            if period == -1:
                return None
            # Every phrase before this period fails the same way: skip past them.
            at = self.find(LEADS, max(at + 1, period - len(LEADS) + 1))
        return None

    def free(self, start: int, first: int = -1) -> Free | None:
        """``R also has a free tier, making it more accessible.`` starting at ``start``."""
        text = self.text
        end = first + len(FREE_SENTENCE)
        if first != -1 and text.startswith(FREE_SENTENCE, first) and self._ends(end):
            return _new(Free, (text[start:first], end))  # the common case: the first phrase
        at = self._valid_from("free", start + 1)
        if at == -1:
            return None
        return Free(text[start:at], at + len(FREE_SENTENCE))
