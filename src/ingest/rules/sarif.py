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
from typing import Any
from urllib.parse import quote

from ingest.rules.baseline import fingerprint
from ingest.rules.catalogue import CATALOGUE
from ingest.rules.report import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "ingestFinding/v1"
_LEVEL = {"error": "error", "warning": "warning"}


def relative_uri(path: str, cwd: str) -> str:
    """``path`` relative to ``cwd``, with ``/`` separators and percent-encoding."""
    try:
        relative = os.path.relpath(os.path.abspath(path), cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        relative = path
    return quote(relative.replace(os.sep, "/"))


def _rule_entries() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.what.split())},
            "help": {"text": rule.doc()},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in CATALOGUE
    ]


def render_sarif(report: Report, cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log of ``report`` (paths relative to ``cwd``, default: the working directory)."""
    from ingest import __version__  # the package root imports this module

    base = cwd if cwd is not None else os.getcwd()
    index = {rule.code: position for position, rule in enumerate(CATALOGUE)}
    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for finding in report.findings:
        key = fingerprint(finding)
        seen[key] += 1
        stable = hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest()
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": relative_uri(finding.path, base),
                                "uriBaseId": "%SRCROOT%",
                            },
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
        )
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
                        "rules": _rule_entries(),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
