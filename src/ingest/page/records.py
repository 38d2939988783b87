"""The parser's own output: a page as immutable named tuples, before any validation.

The grammar's transformer builds these records; everything on the batch hot
path (the page rules, the normalizer) reads them, so a worker never pays for
pydantic models it would throw away a moment later (validating ~40 nested
models costs more than checking the page). :func:`to_model` turns a record
into the public, validated :class:`ingest.page.models.Page` (what ``parse_text``
and friends return), and :func:`from_model` goes back, so that every rule also
takes a model.

Each record has exactly the fields of the model of the same name, in the same
order (``tests/parse/test_records.py`` holds the two lists together).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple

from ingest.page.format import LeadPhrase, Side

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ingest.page import models


class FeatureRow(NamedTuple):
    """See :class:`ingest.page.models.FeatureRow`."""

    name: str
    raw_a: str | None
    raw_b: str | None
    value_a: float | None
    value_b: float | None
    line: int
    rejoined: bool = False
    cells: int = 3


class FeatureTable(NamedTuple):
    """See :class:`ingest.page.models.FeatureTable`."""

    header_a: str
    header_b: str
    rows: tuple[FeatureRow, ...]
    line: int


class Capability(NamedTuple):
    """See :class:`ingest.page.models.Capability`."""

    title: str | None
    description: str
    unique: str | None
    vs_alternatives: str | None
    line: int


class CapabilitySection(NamedTuple):
    """See :class:`ingest.page.models.CapabilitySection`."""

    heading: str | None
    side: Side | None
    capabilities: tuple[Capability, ...]
    more: int | None
    line: int
    more_line: int | None = None


class ScoreClaim(NamedTuple):
    """See :class:`ingest.page.models.ScoreClaim`."""

    winner: str
    winner_side: Side | None
    winner_score: int
    loser: str
    loser_side: Side | None
    loser_score: int
    line: int
    column: int


class LeadClaim(NamedTuple):
    """See :class:`ingest.page.models.LeadClaim`."""

    subject: str
    side: Side | None
    feature: str
    phrase: LeadPhrase
    line: int
    column: int


class FreeTierClaim(NamedTuple):
    """See :class:`ingest.page.models.FreeTierClaim`."""

    subject: str
    side: Side | None
    line: int
    column: int


class Summary(NamedTuple):
    """See :class:`ingest.page.models.Summary`."""

    text: str
    claim: ScoreClaim | None
    line: int


class Verdict(NamedTuple):
    """See :class:`ingest.page.models.Verdict`."""

    text: str
    claim: ScoreClaim | None
    leads: tuple[LeadClaim, ...]
    free_tier: FreeTierClaim | None
    unparsed: tuple[str, ...]
    line: int
    heading_line: int


class PageError(NamedTuple):
    """See :class:`ingest.page.models.PageError`."""

    code: str
    message: str
    line: int
    column: int
    text: str


class Page(NamedTuple):
    """See :class:`ingest.page.models.Page`."""

    source: str | None
    page_id: str
    title: str
    title_line: int
    subject_a: str
    subject_b: str
    summary: Summary | None
    table: FeatureTable
    sections: tuple[CapabilitySection, ...]
    verdict: Verdict | None
    trailer: tuple[str, ...]
    complete: bool
    errors: tuple[PageError, ...] = ()


@functools.cache
def record_of() -> dict[type[BaseModel], type[tuple[Any, ...]]]:
    """Each model and the record with its fields (imports the models: not on the hot path)."""
    from ingest.page import models

    return {
        models.FeatureRow: FeatureRow,
        models.FeatureTable: FeatureTable,
        models.Capability: Capability,
        models.CapabilitySection: CapabilitySection,
        models.ScoreClaim: ScoreClaim,
        models.LeadClaim: LeadClaim,
        models.FreeTierClaim: FreeTierClaim,
        models.Summary: Summary,
        models.Verdict: Verdict,
        models.PageError: PageError,
        models.Page: Page,
    }


if TYPE_CHECKING:
    RECORD_OF: dict[type[BaseModel], type[tuple[Any, ...]]]
    """:func:`record_of`, as a module attribute (built on first use)."""
else:

    def __getattr__(name: str) -> Any:
        if name == "RECORD_OF":
            return record_of()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def to_model(page: Page) -> models.Page:
    """The validated model of a page record (what the public parse functions return)."""
    from ingest.page import models  # here: the records alone never load pydantic

    return models.Page.model_validate(page, from_attributes=True)


def from_model(page: models.Page | Page) -> Page:
    """The record of a page model (a record is returned as it is)."""
    if isinstance(page, Page):
        return page
    record: Page = _record(page)
    return record


def _record(value: Any) -> Any:
    kind = record_of().get(type(value))
    if kind is not None:
        return kind(*(_record(getattr(value, name)) for name in kind._fields))  # type: ignore[attr-defined]
    if isinstance(value, tuple):
        return tuple(_record(item) for item in value)
    return value
