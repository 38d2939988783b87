"""What a rule is: a code, a kebab-case name, a default severity, a message template and a doc.

Rules are plain facts (like frictionless' error classes); a check builds a
:class:`~ingest.page.findings.Finding` (a record, no pydantic) from a rule plus a
location and the values its message quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from ingest.page.findings import Finding, Severity

_NO_ALTERNATES: Mapping[str, str] = MappingProxyType({})

Applicability = Literal["safe", "unsafe", "none"]
"""How far `ingest check --fix` may repair a rule's findings, as ruff has it: *safe* fixes
are applied by ``--fix``, *unsafe* ones only with ``--unsafe-fixes``, *none* never."""

APPLICABILITIES: tuple[Applicability, ...] = ("safe", "unsafe", "none")

Scope = Literal["file", "page", "batch"]
"""What a rule looks at: *file* rules report what the parser met reading a file (IG001,
and the page errors IG004-IG006); *page* rules check one parsed page against itself, so
a synthetic page can break each of them (:mod:`ingest.synth.inject`); *batch* rules
compare the pages checked together (IG501)."""

EXAMPLE_TITLE = "rorshark-vit-base vs FLUX.1 Pro\n"
"""The title line of the page fragments the rule docs quote."""


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue.

    ``template`` is a :meth:`str.format` template over the values a finding
    quotes; ``alternates`` holds the wording of a rule's special cases (say, a
    lead on a feature the table does not show). ``what``, ``why``, ``example``
    and ``instead`` are the doc: what it checks, why it matters, a page
    fragment that breaks it, and what a consistent page says instead.
    ``fix`` is its fix applicability and ``fix_why`` says why; ``scope`` is
    what it looks at (a file, a page, a batch).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    template: str
    what: str
    why: str
    example: str
    instead: str
    alternates: Mapping[str, str] = field(default_factory=lambda: _NO_ALTERNATES)
    fix: Applicability = "none"
    fix_why: str = ""
    scope: Scope = "page"

    def message(self, variant: str | None = None, /, **values: object) -> str:
        """The message for ``values``, in the main wording or the named alternate."""
        template = self.template if variant is None else self.alternates[variant]
        return template.format(**values)

    def finding(
        self,
        *,
        path: str,
        line: int,
        column: int = 1,
        page_id: str | None = None,
        subject: str | None = None,
        feature: str | None = None,
        variant: str | None = None,
        **values: object,
    ) -> Finding:
        """A finding of this rule at ``path:line:column``.

        The message is filled from ``values`` plus ``subject`` and ``feature``.
        """
        message = self.message(variant, subject=subject, feature=feature, **values)
        return Finding(
            self.code,
            self.name,
            self.severity,
            path,
            line,
            column,
            message,
            page_id,
            subject,
            feature,
        )

    def doc(self) -> str:
        """The rule's reference text, as ``ingest rule CODE`` prints it."""
        parts = [
            f"{self.code} {self.name} (default severity: {self.severity})",
            "",
            _section("What it does", self.what),
            _section("Why is this bad", self.why),
            _section("Example", self.example),
            _section("Use instead", self.instead),
            _section("Message", "\n".join([self.template, *self.alternates.values()])),
            _section(f"Fix: {self.fix}", self.fix_why),
        ]
        return "\n".join(parts).rstrip() + "\n"


def _section(title: str, body: str) -> str:
    indented = "\n".join(f"    {line}" if line else "" for line in body.strip("\n").split("\n"))
    return f"{title}\n{indented}\n"
