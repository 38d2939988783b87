"""The pydantic model of a baseline file, which :meth:`ingest.lint.Baseline.load` validates
(its own module: only a run with ``--baseline`` imports pydantic for it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RecordedFinding(BaseModel):
    """One entry of the file: the fields of :class:`ingest.lint.baseline.BaselineEntry`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    fingerprint: str
    code: str
    path: str
    page_id: str | None = None
    subject: str | None = None
    feature: str | None = None
    message: str = ""


class BaselineFile(BaseModel):
    """The file: its format version and the recorded findings."""

    model_config = ConfigDict(extra="ignore")

    version: int
    findings: list[RecordedFinding]
