"""The pydantic model that validates a `[tool.ingest]` table (for
:func:`ingest.lint.config.parse_config`; its own module, so that a run without a settings
table never imports pydantic)."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ingest.lint.docs_url import docs_url_problem
from ingest.page.findings import Severity


class CheckTable(BaseModel):
    """The keys of `[tool.ingest]` and their types: the fields of
    :class:`ingest.lint.config.CheckConfig`, by their TOML names (``fail-on``) or field names."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    fail_on: Severity = Field(default="error", alias="fail-on")
    severity: Mapping[str, Severity] = Field(default_factory=dict)
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field(default_factory=list, alias="extend-exclude")
    respect_gitignore: bool = Field(default=True, alias="respect-gitignore")
    docs_url: str | None = Field(default=None, alias="docs-url")

    @field_validator("docs_url")
    @classmethod
    def _absolute(cls, value: str | None) -> str | None:
        problem = docs_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value
