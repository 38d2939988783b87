"""A page as its parts (a :class:`Draft`), and :func:`assemble`, which lays it out.

``assemble`` is the oracle of the round-trip property: it computes every derived
field of a :class:`~ingest.models.Page` (lines, claim columns, sides, the features
leads name, ``complete``, ``page_id``) from how the page was put together, not by
parsing. :func:`describe` goes the other way, so that a parsed page can be edited
part by part (see :mod:`ingest.synth.inject`) and laid out again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from ingest.claims import score_claim
from ingest.models import Page, Side
from ingest.render import render

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


@dataclass(frozen=True)
class RowDraft:
    name: str
    raw_a: str | None
    raw_b: str | None
    value_a: float | None
    value_b: float | None
    cells: int = 3


@dataclass(frozen=True)
class CapabilityDraft:
    description: str
    title: str | None = None
    unique: str | None = None
    vs_alternatives: str | None = None


@dataclass
class SectionDraft:
    heading: str | None
    capabilities: list[CapabilityDraft] = field(default_factory=list)
    more: int | None = None


@dataclass
class Draft:
    """Everything a page says, without line numbers. ``verdict`` is ``None`` for a page
    that stops before `Verdict`, and empty for one that stops right after it."""

    title: str
    subject_a: str
    subject_b: str
    summary: SummaryDraft | None
    rows: list[RowDraft]
    sections: list[SectionDraft]
    verdict: list[Sentence] | None
    trailer: tuple[str, ...] = ()
    source: str | None = None

    def row(self, name: str) -> RowDraft | None:
        """The first row named ``name`` (ignoring case), as ``FeatureTable.row`` finds it."""
        wanted = name.casefold()
        return next((row for row in self.rows if row.name.casefold() == wanted), None)


def join_dimensions(dimensions: tuple[str, ...]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(dimensions) <= 1:
        return "".join(dimensions)
    return ", ".join(dimensions[:-1]) + " and " + dimensions[-1]


def side_of(name: str, subject_a: str, subject_b: str) -> Side | None:
    """The subject a name refers to: exact match first, then ignoring case and spacing."""
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


def same_name(first: str, second: str) -> bool:
    """Names equal ignoring case and runs of blanks: one subject, as far as claims go."""
    return name_key(first) == name_key(second)


def name_key(name: str) -> str:
    """A name without case and with single blanks: how names are compared."""
    return " ".join(name.split()).casefold()


def assemble(draft: Draft) -> Page:
    """The page the parser makes of ``render`` of this draft, computed without parsing."""
    return assemble_text(draft)[0]


def assemble_text(draft: Draft) -> tuple[Page, str]:
    """:func:`assemble`, and the page's text (``render`` of it)."""
    a, b = draft.subject_a, draft.subject_b
    line = 1
    summary: Fields | None = None
    if draft.summary is not None:
        line += 1
        claim = draft.summary.claim
        summary = {
            "text": draft.summary.text,
            "claim": None if claim is None else _score_fields(claim, line, 1, a, b),
            "line": line,
        }
    table_line = line + 1
    rows = [_row_fields(row, table_line + 2 + index) for index, row in enumerate(draft.rows)]
    line = table_line + 1 + len(rows)
    sections: list[Fields] = []
    for index, section in enumerate(draft.sections):
        fields, line = _section_fields(section, index, line, a, b)
        sections.append(fields)
    verdict: Fields | None = None
    trailer: tuple[str, ...] = ()
    if draft.verdict is not None:
        heading_line = line = line + 1
        if draft.verdict:
            line += 1
            verdict = _verdict_fields(draft.verdict, line, heading_line, draft, rows)
            trailer = draft.trailer
        else:
            verdict = {
                "text": "",
                "claim": None,
                "leads": (),
                "free_tier": None,
                "unparsed": (),
                "line": heading_line,
                "heading_line": heading_line,
            }
    page = Page.model_validate(
        {
            "source": draft.source,
            "page_id": "",
            "title": draft.title,
            "title_line": 1,
            "subject_a": a,
            "subject_b": b,
            "summary": summary,
            "table": {"header_a": a, "header_b": b, "rows": rows, "line": table_line},
            "sections": sections,
            "verdict": verdict,
            "trailer": trailer,
            "complete": bool(draft.verdict),
        }
    )
    text = render(page)
    page_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return page.model_copy(update={"page_id": page_id}), text


def _row_fields(row: RowDraft, line: int) -> Fields:
    return {
        "name": row.name,
        "raw_a": row.raw_a,
        "raw_b": row.raw_b,
        "value_a": row.value_a,
        "value_b": row.value_b,
        "line": line,
        "rejoined": False,
        "cells": row.cells,
    }


def _section_fields(
    section: SectionDraft, index: int, line: int, a: str, b: str
) -> tuple[Fields, int]:
    start = line + 1
    if section.heading is not None:
        line += 1
    capabilities: list[Fields] = []
    for capability in section.capabilities:
        line += 1 + (capability.title is not None)
        capabilities.append(
            {
                "title": capability.title,
                "description": capability.description,
                "unique": capability.unique,
                "vs_alternatives": capability.vs_alternatives,
                "line": line,
            }
        )
        line += (capability.unique is not None) + (capability.vs_alternatives is not None)
    more_line: int | None = None
    if section.more is not None:
        line += 1
        more_line = line
    side = None if section.heading is None else side_of(section.heading, a, b)
    if side is None and index < 2:
        side = "a" if index == 0 else "b"
    fields = {
        "heading": section.heading,
        "side": side,
        "capabilities": capabilities,
        "more": section.more,
        "line": start,
        "more_line": more_line,
    }
    return fields, line


def _score_fields(sentence: ScoreSentence, line: int, column: int, a: str, b: str) -> Fields:
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


def _verdict_fields(
    sentences: list[Sentence], line: int, heading_line: int, draft: Draft, rows: list[Fields]
) -> Fields:
    a, b = draft.subject_a, draft.subject_b
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
                claim = _score_fields(sentence, line, at + 1, a, b)
            else:
                unparsed.append(text)
        elif isinstance(sentence, LeadSentence):
            text, found = _lead_text(sentence, at, line, a, b, features)
            leads += found
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


def _lead_text(
    sentence: LeadSentence, at: int, line: int, a: str, b: str, features: dict[str, str]
) -> tuple[str, list[Fields]]:
    """The sentence, and a lead per dimension with the column of its word."""
    text = ""
    leads: list[Fields] = []
    halves = (
        (sentence.leader, sentence.leads_on, "leads on"),
        (sentence.stronger, sentence.stronger_on, "is stronger on"),
    )
    for subject, dimensions, phrase in halves:
        if subject is None:
            continue
        if text:
            text += ", while "
        text += f"{subject} {phrase} "
        side = side_of(subject, a, b)
        for index, dimension in enumerate(dimensions):
            if index:
                text += " and " if index == len(dimensions) - 1 else ", "
            leads.append(
                {
                    "subject": subject,
                    "side": side,
                    "feature": features.get(dimension.casefold(), dimension),
                    "phrase": phrase,
                    "line": line,
                    "column": at + len(text) + 1,
                }
            )
            text += dimension
    return text + ".", leads


def describe(page: Page) -> Draft:
    """The parts of a parsed page. Claims are kept as claims and their sentences
    written in canonical form, so ``assemble(describe(p))`` equals ``p`` for a page in
    canonical layout, and means the same for any other page."""
    a, b = page.subject_a, page.subject_b
    summary: SummaryDraft | None = None
    if page.summary is not None:
        summary = _describe_summary(page.summary.text, page.summary.line, a, b)
    rows = [
        RowDraft(row.name, row.raw_a, row.raw_b, row.value_a, row.value_b, row.cells)
        for row in page.table.rows
    ]
    sections = [
        SectionDraft(
            section.heading,
            [
                CapabilityDraft(c.description, c.title, c.unique, c.vs_alternatives)
                for c in section.capabilities
            ],
            section.more,
        )
        for section in page.sections
    ]
    verdict: list[Sentence] | None = None
    trailer: tuple[str, ...] = ()
    if page.verdict is not None:
        verdict = _describe_verdict(page) if page.verdict.text else []
        trailer = page.trailer if page.verdict.text else ()
    return Draft(page.title, a, b, summary, rows, sections, verdict, trailer, page.source)


def _describe_summary(text: str, line: int, a: str, b: str) -> SummaryDraft:
    scored = score_claim(text, line, a, b)
    if scored is None:
        return SummaryDraft(None, text)
    claim, end = scored
    verb: Literal["ranks", "scores"] = "ranks" if " ranks higher at " in text[:end] else "scores"
    sentence = ScoreSentence(
        claim["winner"], claim["winner_score"], claim["loser"], claim["loser_score"], verb
    )
    return SummaryDraft(sentence, text[end:].strip(" "))


def _describe_verdict(page: Page) -> list[Sentence]:
    verdict = page.verdict
    assert verdict is not None
    sentences: list[Sentence] = []
    if verdict.claim is not None:
        c = verdict.claim
        start = verdict.text[c.column - 1 :]
        verb: Literal["ranks", "scores"] = (
            "ranks" if start.startswith(f"{c.winner} ranks higher at ") else "scores"
        )
        sentences.append(ScoreSentence(c.winner, c.winner_score, c.loser, c.loser_score, verb))
    table = {row.name.casefold() for row in page.table.rows}
    groups: list[tuple[str, str, list[str]]] = []
    for lead in verdict.leads:
        word = lead.feature.lower() if lead.feature.casefold() in table else lead.feature
        if groups and groups[-1][:2] == (lead.subject, lead.phrase):
            groups[-1][2].append(word)
        else:
            groups.append((lead.subject, lead.phrase, [word]))
    index = 0
    while index < len(groups):
        subject, phrase, words = groups[index]
        if phrase == "is stronger on":
            sentences.append(LeadSentence(stronger=subject, stronger_on=tuple(words)))
        elif index + 1 < len(groups) and groups[index + 1][1] == "is stronger on":
            other, _, other_words = groups[index + 1]
            sentences.append(LeadSentence(subject, tuple(words), other, tuple(other_words)))
            index += 1
        else:
            sentences.append(LeadSentence(subject, tuple(words)))
        index += 1
    if verdict.free_tier is not None:
        sentences.append(FreeTierSentence(verdict.free_tier.subject))
    sentences += [PlainSentence(text) for text in verdict.unparsed]
    return sentences
