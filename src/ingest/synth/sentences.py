"""The sentences of a summary and a verdict, and the claims they make.

Each sentence is written in its canonical form (the wording FORMAT.md shows),
and :func:`verdict_fields` computes the claims the parser must read from the
paragraph, with their columns, from how the paragraph was put together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ingest.parse.claims import resolve

Fields = dict[str, Any]


@dataclass(frozen=True)
class ScoreSentence:
    """`<winner> scores higher at <n>/100 vs <loser> at <m>/100.`"""

    winner: str
    winner_score: int
    loser: str
    loser_score: int
    verb: Literal["ranks", "scores"] = "scores"

    @property
    def text(self) -> str:
        return (
            f"{self.winner} {self.verb} higher at {self.winner_score}/100 vs "
            f"{self.loser} at {self.loser_score}/100."
        )


@dataclass(frozen=True)
class LeadSentence:
    """`<P> leads on <dims>, while <Q> is stronger on <dims>.` (either half alone)."""

    leader: str | None = None
    leads_on: tuple[str, ...] = ()
    stronger: str | None = None
    stronger_on: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self._build()[0]

    def dimensions(self) -> list[tuple[int, str, str, str]]:
        """``(offset in the sentence, subject, phrase, dimension)`` for each dimension."""
        return self._build()[1]

    def _build(self) -> tuple[str, list[tuple[int, str, str, str]]]:
        text = ""
        found: list[tuple[int, str, str, str]] = []
        halves = (
            (self.leader, self.leads_on, "leads on"),
            (self.stronger, self.stronger_on, "is stronger on"),
        )
        for subject, dimensions, phrase in halves:
            if subject is None:
                continue
            text += (", while " if text else "") + f"{subject} {phrase} "
            for index, dimension in enumerate(dimensions):
                if index:
                    text += " and " if index == len(dimensions) - 1 else ", "
                found.append((len(text), subject, phrase, dimension))
                text += dimension
        return text + ".", found


@dataclass(frozen=True)
class FreeTierSentence:
    """`<R> also has a free tier, making it more accessible.`"""

    subject: str

    @property
    def text(self) -> str:
        return f"{self.subject} also has a free tier, making it more accessible."


@dataclass(frozen=True)
class PlainSentence:
    """A sentence that makes no claim."""

    text: str


Sentence = ScoreSentence | LeadSentence | FreeTierSentence | PlainSentence


@dataclass(frozen=True)
class SummaryDraft:
    """The line under the title: an optional score sentence, then free text."""

    claim: ScoreSentence | None
    rest: str = ""

    @property
    def text(self) -> str:
        if self.claim is None:
            return self.rest
        return f"{self.claim.text} {self.rest}" if self.rest else self.claim.text


side_of = resolve
"""The subject a name refers to: the parser's own rule (exact, then ignoring case and spacing)."""


def score_fields(sentence: ScoreSentence, line: int, column: int, a: str, b: str) -> Fields:
    return {
        "winner": sentence.winner,
        "winner_side": side_of(sentence.winner, a, b),
        "winner_score": sentence.winner_score,
        "loser": sentence.loser,
        "loser_side": side_of(sentence.loser, a, b),
        "loser_score": sentence.loser_score,
        "line": line,
        "column": column,
    }


def verdict_fields(
    sentences: list[Sentence], line: int, heading_line: int, a: str, b: str, rows: list[Fields]
) -> Fields:
    """The fields of a :class:`~ingest.page.models.Verdict` whose paragraph is ``sentences``;
    ``rows`` are the table's, which leads name their features after."""
    features = {row["name"].casefold(): row["name"] for row in rows}
    parts: list[str] = []
    claim: Fields | None = None
    leads: list[Fields] = []
    free_tier: Fields | None = None
    unparsed: list[str] = []
    at = 0  # offset of the next sentence in the paragraph
    for sentence in sentences:
        if isinstance(sentence, ScoreSentence):
            text = sentence.text
            if claim is None:
                claim = score_fields(sentence, line, at + 1, a, b)
            else:
                unparsed.append(text)
        elif isinstance(sentence, LeadSentence):
            text = sentence.text
            leads += _lead_claims(sentence, at, line, a, b, features)
        elif isinstance(sentence, FreeTierSentence):
            text = sentence.text
            if free_tier is None:
                free_tier = {
                    "subject": sentence.subject,
                    "side": side_of(sentence.subject, a, b),
                    "line": line,
                    "column": at + 1,
                }
            else:
                unparsed.append(text)
        else:
            text = sentence.text
            unparsed.append(text)
        parts.append(text)
        at += len(text) + 1
    return {
        "text": " ".join(parts),
        "claim": claim,
        "leads": leads,
        "free_tier": free_tier,
        "unparsed": unparsed,
        "line": line,
        "heading_line": heading_line,
    }


def verdict_text(sentences: list[Sentence]) -> str:
    """The paragraph ``sentences`` make (what :func:`verdict_fields` puts in ``text``)."""
    return " ".join(sentence.text for sentence in sentences)


def _lead_claims(
    sentence: LeadSentence, at: int, line: int, a: str, b: str, features: dict[str, str]
) -> list[Fields]:
    """A lead per dimension, with the column of its word (the sentence starts at ``at``)."""
    return [
        {
            "subject": subject,
            "side": side_of(subject, a, b),
            "feature": features.get(dimension.casefold(), dimension),
            "phrase": phrase,
            "line": line,
            "column": at + offset + 1,
        }
        for offset, subject, phrase, dimension in sentence.dimensions()
    ]
