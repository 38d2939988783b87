"""A page as its parts (a :class:`Draft`), and :func:`assemble`, which lays it out.

``assemble`` is the oracle of the round-trip property: it computes every derived
field of a :class:`~ingest.page.models.Page` (lines, claim columns, sides, the features
leads name, ``complete``, ``page_id``) from how the page was put together, not by
parsing. :func:`describe` goes the other way, so that a parsed page can be edited
part by part (see :mod:`ingest.synth.inject`) and laid out again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from ingest.page.models import Page
from ingest.parse.claims import score_claim, section_side
from ingest.parse.render import VERDICT_HEADING, header_lines, render, row_line, section_lines
from ingest.synth.sentences import (
    FreeTierSentence,
    LeadSentence,
    PlainSentence,
    ScoreSentence,
    Sentence,
    SummaryDraft,
    score_fields,
    verdict_fields,
    verdict_text,
)

Fields = dict[str, Any]


@dataclass(frozen=True)
class RowDraft:
    """One table row: the cells as written, and the numbers the parser reads from them."""

    name: str
    raw_a: str | None
    raw_b: str | None
    value_a: float | None
    value_b: float | None
    cells: int = 3


@dataclass(frozen=True)
class CapabilityDraft:
    """One capability: description, optional title, `Unique:` and `vs alternatives:` text."""

    description: str
    title: str | None = None
    unique: str | None = None
    vs_alternatives: str | None = None


@dataclass
class SectionDraft:
    """`<heading> Capabilities` (no heading line for ``None``), its capabilities, `+k more`."""

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


def _summary_fields(draft: Draft, line: int) -> Fields | None:
    """The summary of ``draft`` on line ``line``, if it has one."""
    if draft.summary is None:
        return None
    claim = draft.summary.claim
    a, b = draft.subject_a, draft.subject_b
    return {
        "text": draft.summary.text,
        "claim": None if claim is None else score_fields(claim, line, 1, a, b),
        "line": line,
    }


def _verdict_and_trailer(
    draft: Draft, heading_line: int, rows: list[Fields]
) -> tuple[Fields | None, tuple[str, ...]]:
    """The verdict of ``draft`` under its heading on ``heading_line``, and the trailer lines."""
    if draft.verdict is None:
        return None, ()
    if not draft.verdict:
        empty = {
            "text": "",
            "claim": None,
            "leads": (),
            "free_tier": None,
            "unparsed": (),
            "line": heading_line,
            "heading_line": heading_line,
        }
        return empty, ()
    a, b = draft.subject_a, draft.subject_b
    verdict = verdict_fields(draft.verdict, heading_line + 1, heading_line, a, b, rows)
    return verdict, draft.trailer


def assemble(draft: Draft) -> Page:
    """The page the parser makes of ``render`` of this draft, computed without parsing."""
    a, b = draft.subject_a, draft.subject_b
    table_line = 2 if draft.summary is None else 3
    summary = _summary_fields(draft, table_line - 1)
    rows = [_row_fields(row, table_line + 2 + index) for index, row in enumerate(draft.rows)]
    line = table_line + 1 + len(rows)
    sections: list[Fields] = []
    for index, section in enumerate(draft.sections):
        fields, line = _section_fields(section, index, line, a, b)
        sections.append(fields)
    verdict, trailer = _verdict_and_trailer(draft, line + 1, rows)
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
    page_id = hashlib.sha256(render(page).encode("utf-8")).hexdigest()
    return page.model_copy(update={"page_id": page_id})


def draft_text(draft: Draft) -> str:
    """``render(assemble(draft))`` without building the page (what a corpus writer needs)."""
    lines = [draft.title]
    if draft.summary is not None:
        lines.append(draft.summary.text)
    lines += header_lines(draft.subject_a, draft.subject_b)
    lines += [row_line(row) for row in draft.rows]
    for section in draft.sections:
        lines += section_lines(section)
    if draft.verdict is not None:
        lines.append(VERDICT_HEADING)
        if draft.verdict:
            lines.append(verdict_text(draft.verdict))
            lines += draft.trailer
    return "\n".join(lines) + "\n"


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
    side = section_side(section.heading, index, a, b)
    fields = {
        "heading": section.heading,
        "side": side,
        "capabilities": capabilities,
        "more": section.more,
        "line": start,
        "more_line": more_line,
    }
    return fields, line


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
    sentence = ScoreSentence(claim.winner, claim.winner_score, claim.loser, claim.loser_score, verb)
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
