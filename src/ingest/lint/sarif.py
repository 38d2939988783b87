"""SARIF 2.1.0 for code-scanning uploads (GitHub's `upload-sarif`), from one report.

Every rule of the catalogue is listed in `tool.driver.rules`; each result
carries a `partialFingerprints` entry that depends on what the finding is
about (path, code, subject, feature, and its rank among equal ones), never on
its line, so a result keeps its identity when lines move.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import quote

from ingest._version import __version__
from ingest.lint.baseline import fingerprint
from ingest.lint.report import AnyFinding, AnyReport, relative_path, sort_key
from ingest.rules.catalogue import CATALOGUE

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "ingestFinding/v1"
_LEVEL = {"error": "error", "warning": "warning"}


class FixHint(Protocol):
    """An edit that repairs findings on line ``line`` (see
    :class:`ingest.lint.repair.apply.Suggestion`):
    ``spans`` are ``(start, end, text)``, 0-based code-point offsets into the line."""

    @property
    def line(self) -> int: ...
    @property
    def codes(self) -> frozenset[str]: ...
    @property
    def spans(self) -> Sequence[tuple[int, int, str]]: ...
    @property
    def description(self) -> str: ...


class PageHintsLike(Protocol):
    """A page's lines and its fixes (see :class:`ingest.lint.repair.files.PageHints`)."""

    @property
    def lines(self) -> Sequence[str]: ...
    @property
    def fixes(self) -> Sequence[FixHint]: ...


Hints = Mapping[str, PageHintsLike]
"""Fix hints by the path the findings name."""


def fixes_for(hints: Hints | None, path: str, line: int, code: str) -> list[FixHint]:
    """The fixes of ``hints`` that repair a finding of ``code`` at ``path:line``."""
    page = hints.get(path) if hints is not None else None
    if page is None:
        return []
    return [fix for fix in page.fixes if fix.line == line and code in fix.codes]


def _sarif_fix(fix: FixHint, location: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": fix.line,
                            "startColumn": start + 1,
                            "endLine": fix.line,
                            "endColumn": end + 1,
                        },
                        "insertedContent": {"text": text},
                    }
                    for start, end, text in fix.spans
                ],
            }
        ],
    }


def relative_uri(path: str, cwd: str) -> str:
    """``path`` relative to ``cwd``, with ``/`` separators and percent-encoding."""
    return quote(relative_path(path, cwd))


def help_markdown(doc: str) -> str:
    """A rule's doc as Markdown: its title in bold, section titles as headings, bodies kept
    (indented by four blanks, so Markdown shows them as they are)."""
    title, _, rest = doc.partition("\n")
    lines = [f"**{title}**"]
    for line in rest.split("\n"):
        lines.append(f"#### {line}" if line and not line.startswith(" ") else line)
    return "\n".join(lines).rstrip() + "\n"


def help_uri(docs_url: str, code: str, name: str) -> str:
    """Where a rule's doc is in the rule reference at ``docs_url`` (``docs/rules.md`` as
    published): its heading ``## IG102 score-mismatch`` is the anchor ``#ig102-score-mismatch``."""
    return f"{docs_url.split('#', 1)[0]}#{code.lower()}-{name}"


def _rule_entries(docs_url: str | None = None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for rule in CATALOGUE:
        entry: dict[str, Any] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.what.split())},
            "help": {"text": rule.doc(), "markdown": help_markdown(rule.doc())},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"fix": rule.fix},
        }
        if docs_url is not None:
            entry["helpUri"] = help_uri(docs_url, rule.code, rule.name)
        entries.append(entry)
    return entries


def _with_states(report: AnyReport) -> list[tuple[AnyFinding, str | None]]:
    """Each result with its ``baselineState`` (None without a baseline): the new findings,
    those the baseline knew (``unchanged``), and the recorded ones that are gone (``absent``)."""
    if not report.baseline_used:
        return [(finding, None) for finding in report.findings]
    states: list[tuple[AnyFinding, str | None]] = [(f, "new") for f in report.findings]
    states += [(f, "unchanged") for f in report.known]
    states += [(f, "absent") for f in report.fixed]
    return sorted(states, key=lambda pair: sort_key(pair[0]))


def _sarif_result(
    finding: AnyFinding,
    rule_index: int,
    stable: str,
    artifact: dict[str, Any],
) -> dict[str, Any]:
    """The SARIF result of ``finding`` (without its fixes and ``baselineState``)."""
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: stable},
        "properties": {
            "name": finding.name,
            "pageId": finding.page_id,
            "subject": finding.subject,
            "feature": finding.feature,
        },
    }


def _sarif_results(report: AnyReport, base: str, hints: Hints | None) -> list[dict[str, Any]]:
    """The SARIF results of ``report``, in order, each with a fingerprint that counts the
    equal findings before it (paths relative to ``base``)."""
    index = {rule.code: position for position, rule in enumerate(CATALOGUE)}
    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for finding, state in _with_states(report):
        key = fingerprint(finding)
        seen[key] += 1
        stable = hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest()
        artifact = {"uri": relative_uri(finding.path, base), "uriBaseId": "%SRCROOT%"}
        fixes = fixes_for(hints, finding.path, finding.line, finding.code)
        result = _sarif_result(finding, index[finding.code], stable, artifact)
        if fixes and state != "absent":
            result["fixes"] = [_sarif_fix(fix, artifact) for fix in fixes]
        if state is not None:
            result["baselineState"] = state
        results.append(result)
    return results


def render_sarif(
    report: AnyReport,
    cwd: str | None = None,
    hints: Hints | None = None,
    docs_url: str | None = None,
) -> dict[str, Any]:
    """The SARIF log of ``report`` (paths relative to ``cwd``, default: the working directory);
    a finding that ``hints`` can fix carries the fix (``fixes``). With ``docs_url`` (where the
    rule reference is published: SARIF wants absolute URIs) the tool has an
    ``informationUri`` and each rule a ``helpUri``."""
    base = cwd if cwd is not None else os.getcwd()
    results = _sarif_results(report, base, hints)
    root = "file://" + quote(base.replace(os.sep, "/").rstrip("/") + "/")
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ingest",
                        "version": __version__,
                        **({"informationUri": docs_url} if docs_url is not None else {}),
                        "rules": _rule_entries(docs_url),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
