"""The peer's parser: ``splitlines()``, a few compiled regexes and pydantic models of its own.

See :mod:`ingest.bench.peer`. A page is a title, a summary line, the feature
table, capability sections, ``Verdict`` and its paragraph; the subjects are
read from the table header (a name may hold `` vs ``).
"""

from __future__ import annotations

import re

from pydantic import BaseModel

ROW = re.compile(r"\|([^|]*+)\|([^|]*+)\|([^|]*+)\|")
SEPARATOR = re.compile(r"\|-++\|-++\|-++\|")
SCORE_VS = re.compile(r" higher at (\d++)/100 vs ")
SCORE_AT = re.compile(r" at (\d++)/100")
MORE = re.compile(r"\+(\d++) more capabilities")
NUMBER = re.compile(r"-?+\d++(?:\.\d++)?+")
SCORE_CELL = re.compile(r"(\d++(?:\.\d++)?+)/100")
COUNT_CELL = re.compile(r"(\d++) decomposed")
DATE_CELL = re.compile(r"\d{4}-\d{2}-\d{2}")
LIST = re.compile(r", | and ")
PUNCTUATION = (".", "!", "?", ":", ";", ",")
CLAIM_LINES = ("Unique:", "vs alternatives:")


class Feature(BaseModel):
    feature: str
    raw_a: str | None
    raw_b: str | None
    line: int


class Capability(BaseModel):
    title: str | None
    description: str
    unique: str | None
    vs_alternatives: str | None
    line: int


class Section(BaseModel):
    heading: str
    side: str | None
    capabilities: list[Capability]
    more: int | None


class Claim(BaseModel):
    sentence: str
    kind: str
    subject: str
    side: str | None
    feature: str | None = None
    phrase: str | None = None
    quoted_score: int | None = None
    loser: str | None = None
    loser_score: int | None = None
    line: int
    column: int


class Page(BaseModel):
    title: str
    subject_a: str
    subject_b: str
    summary: str | None
    features: list[Feature]
    sections: list[Section]
    verdict: str | None
    claims: list[Claim]


class PeerError(Exception):
    """A page the peer cannot read: its line and message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_page(text: str) -> Page:
    """One page's text -> :class:`Page` (raises :class:`PeerError` without a table)."""
    lines = text.splitlines()
    header = ROW.fullmatch(lines[2]) if len(lines) > 3 else None
    if not lines or header is None or SEPARATOR.fullmatch(lines[3]) is None:
        raise PeerError(min(len(lines), 3), "expected the feature table on line 3")
    subject_a, subject_b = header.group(2).strip(), header.group(3).strip()
    sides = {subject_a: "a", subject_b: "b"}
    index = 4
    features: list[Feature] = []
    while index < len(lines) and (row := ROW.fullmatch(lines[index])) is not None:
        cells = [cell.strip() for cell in row.groups()]
        raws = [None if cell == "—" else cell for cell in cells[1:]]
        features.append(Feature(feature=cells[0], raw_a=raws[0], raw_b=raws[1], line=index + 1))
        index += 1
    sections, index = _sections(lines, index, sides)
    verdict = lines[index + 1] if index + 1 < len(lines) else None
    summary = lines[1]
    claims = _score_claims("summary", summary, 2, sides, "ranks")
    if verdict is not None:
        claims += _score_claims("verdict", verdict, index + 2, sides, "scores")
        claims += _verdict_claims(verdict, index + 2, sides)
    return Page(
        title=lines[0],
        subject_a=subject_a,
        subject_b=subject_b,
        summary=summary,
        features=features,
        sections=sections,
        verdict=verdict,
        claims=claims,
    )


def _sections(lines: list[str], index: int, sides: dict[str, str]) -> tuple[list[Section], int]:
    """The capability sections from ``index`` on, and the index of the ``Verdict`` line."""
    sections: list[Section] = []
    block: list[tuple[int, str]] = []
    count = len(lines)
    while index < count and lines[index] != "Verdict":
        line = lines[index]
        more = MORE.fullmatch(line)
        if line.endswith(" Capabilities") and not line.startswith(CLAIM_LINES):
            heading = line[: -len(" Capabilities")]
            if sections:
                sections[-1].capabilities = _capabilities(block)
            sections.append(
                Section(heading=heading, side=sides.get(heading), capabilities=[], more=None)
            )
            block = []
        elif not sections:  # capabilities before any heading: the first subject's
            first = next(iter(sides))
            sections.append(Section(heading=first, side="a", capabilities=[], more=None))
            continue
        elif more is not None:
            sections[-1].more = int(more.group(1))
        else:
            block.append((index + 1, line))
        index += 1
    if sections:
        sections[-1].capabilities = _capabilities(block)
    return sections, index


def _capabilities(block: list[tuple[int, str]]) -> list[Capability]:
    """``[title] description [Unique: ...] [vs alternatives: ...]``, one after the other."""
    found: list[Capability] = []
    index, count = 0, len(block)
    while index < count:
        title = None
        text = block[index][1]
        if (
            index + 2 < count
            and len(text) <= 80
            and not text.endswith(PUNCTUATION)
            and not block[index + 1][1].startswith(CLAIM_LINES)
            and block[index + 2][1].startswith(CLAIM_LINES)
        ):
            title = text
            index += 1
        line, description = block[index]
        index += 1
        unique = vs = None
        if index < count and block[index][1].startswith("Unique:"):
            unique = block[index][1][7:].strip()
            index += 1
        if index < count and block[index][1].startswith("vs alternatives:"):
            vs = block[index][1][16:].strip()
            index += 1
        found.append(
            Capability(
                title=title, description=description, unique=unique, vs_alternatives=vs, line=line
            )
        )
    return found


def _score_claims(
    sentence: str, text: str, line: int, sides: dict[str, str], verb: str
) -> list[Claim]:
    """``A ranks|scores higher at 60/100 vs B at 40/100.``: one winner claim, or none."""
    for subject, side in sides.items():
        if not text.startswith(f"{subject} {verb}"):
            continue
        score = SCORE_VS.match(text, len(subject) + 1 + len(verb))
        if score is None:
            continue
        for loser in sides:
            if text.startswith(loser, score.end()):
                tail = SCORE_AT.match(text, score.end() + len(loser))
                if tail is not None:
                    return [
                        Claim(
                            sentence=sentence,
                            kind="winner",
                            subject=subject,
                            side=side,
                            quoted_score=int(score.group(1)),
                            loser=loser,
                            loser_score=int(tail.group(1)),
                            line=line,
                            column=1,
                        )
                    ]
    return []


def _verdict_claims(text: str, line: int, sides: dict[str, str]) -> list[Claim]:
    """``A leads on x and y``, ``B is stronger on z``, ``A also has a free tier``."""
    claims: list[Claim] = []
    for subject, side in sides.items():
        for phrase in ("leads on", "is stronger on"):
            start = text.find(f"{subject} {phrase} ")
            if start < 0:
                continue
            begin = start + len(subject) + len(phrase) + 2
            column = begin
            for name in LIST.split(text[begin : _list_end(text, begin)]):
                column = text.find(name, column)
                claims.append(
                    Claim(
                        sentence="verdict",
                        kind="lead",
                        subject=subject,
                        side=side,
                        feature=name.strip().title(),
                        phrase=phrase,
                        line=line,
                        column=column + 1,
                    )
                )
                column += len(name)
        free = text.find(f"{subject} also has a free tier")
        if free >= 0:
            claims.append(
                Claim(
                    sentence="verdict",
                    kind="free_tier",
                    subject=subject,
                    side=side,
                    line=line,
                    column=free + 1,
                )
            )
    return claims


def _list_end(text: str, begin: int) -> int:
    """Where the list of features from ``begin`` ends: the next full stop or ``, while``."""
    ends = [at for at in (text.find(", while", begin), text.find(".", begin)) if at >= 0]
    return min(ends) if ends else len(text)
