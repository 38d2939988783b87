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
never searches the same stretch twice.
"""

from __future__ import annotations

import re
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


def _still_holds(known: tuple[int, int] | None, start: int) -> int | None:
    """The remembered answer ``(since, at)`` of a search from ``since``, if a search from
    ``start`` finds the same (``start`` between the two, or nothing found); else None."""
    if known is None:
        return None
    since, at = known
    return at if since <= start and (start <= at or at == -1) else None


class Forms:
    """Finds the sentence forms in one line; see the module doc."""

    __slots__ = ("_found", "_valid", "length", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self._found: dict[str, tuple[int, int]] = {}
        self._valid: dict[str, tuple[int, int]] = {}

    def find(self, phrase: str, start: int) -> int:
        """``text.find(phrase, start)``, remembering the answer for later, larger starts."""
        at = _still_holds(self._found.get(phrase), start)
        if at is None:
            at = self.text.find(phrase, start)
            self._found[phrase] = (start, at)
        return at

    def _valid_from(self, kind: str, start: int) -> int:
        at = _still_holds(self._valid.get(kind), start)
        if at is None:
            at = self._search(kind, start)
            self._valid[kind] = (start, at)
        return at

    def _search(self, kind: str, start: int) -> int:
        text = self.text
        if kind == "score-end":
            at = self.find(" at ", start)
            while at != -1 and _SCORE_END.match(text, at) is None:
                at = self.find(" at ", at + 1)
            return at
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

    def score(self, start: int) -> Score | None:
        """The score sentence that starts at ``start``, if one does."""
        text = self.text
        after = start + 1
        while True:
            ranks, scores = self.find(RANKS, after), self.find(SCORES, after)
            if ranks == -1 and scores == -1:
                return None
            if scores == -1 or (ranks != -1 and ranks < scores):
                at, phrase = ranks, RANKS
            else:
                at, phrase = scores, SCORES
            quoted = _QUOTED.match(text, at + len(phrase))
            if quoted is None:
                after = at + 1
                continue
            loser_at = quoted.end()
            end_at = self._valid_from("score-end", loser_at + 1)
            if end_at == -1:
                return None  # no later phrase can have a loser either
            ending = _SCORE_END.match(text, end_at)
            assert ending is not None
            return Score(
                text[start:at],
                quoted[1],
                quoted.start(1),
                text[loser_at:end_at],
                ending[1],
                ending.start(1),
                ending.end(),
            )

    def stronger(self, start: int) -> Lead | None:
        """``Q is stronger on E.`` starting at ``start``."""
        at = self._valid_from("stronger", start + 1)
        if at == -1:
            return None
        dims = at + len(STRONGER)
        period = self.text.find(".", dims)
        return Lead(None, None, -1, self.text[start:at], self.text[dims:period], dims, period + 1)

    def lead(self, start: int) -> Lead | None:
        """``P leads on D[, while Q is stronger on E].`` starting at ``start``."""
        text = self.text
        after = start + 1
        while True:
            at = self.find(LEADS, after)
            if at == -1:
                return None
            dims = at + len(LEADS)
            period = text.find(".", dims)
            stop = self.length if period == -1 else period
            while_at = text.find(WHILE, dims + 1, stop)
            if while_at != -1:
                q_at = while_at + len(WHILE)
                stronger = self._valid_from("stronger", q_at + 1)
                if stronger != -1:
                    qd_at = stronger + len(STRONGER)
                    qd_end = text.find(".", qd_at)
                    return Lead(
                        text[start:at],
                        text[dims:while_at],
                        dims,
                        text[q_at:stronger],
                        text[qd_at:qd_end],
                        qd_at,
                        qd_end + 1,
                    )
            if period != -1 and period > dims and self._ends(period + 1):
                return Lead(text[start:at], text[dims:period], dims, None, None, -1, period + 1)
            if period == -1:
                return None
            # Every phrase before this period fails the same way: skip past them.
            after = max(at + 1, period - len(LEADS) + 1)

    def free(self, start: int) -> Free | None:
        """``R also has a free tier, making it more accessible.`` starting at ``start``."""
        at = self._valid_from("free", start + 1)
        if at == -1:
            return None
        return Free(self.text[start:at], at + len(FREE_SENTENCE))
