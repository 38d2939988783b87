"""The output formats of `ingest check`, all rendered from one :class:`Report`.

- text: `path:line:col: CODE [severity] message`, then a summary line;
- json: a list of finding objects with exactly the Finding fields;
- github: workflow commands (`::error file=...,line=...,col=...,title=CODE::message`);
- sarif: SARIF 2.1.0 (see :mod:`ingest.lint.sarif`);
- junit: one testsuite per file, one testcase per rule checked, failing at ``--fail-on``;
- gitlab: GitLab Code Quality JSON; json-lines: one finding object a line;
- rdjson: reviewdog's diagnostic format, with fix suggestions (see :mod:`ingest.lint.rdjson`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

from ingest.lint.ci_formats import render_gitlab, render_json_lines
from ingest.lint.report import SEVERITY_RANK, AnyFinding, AnyReport, relative_path
from ingest.page.findings import Severity
from ingest.rules.registry import RULES

if TYPE_CHECKING:
    from ingest.lint.sarif import Hints

Format = Literal["text", "json", "json-lines", "github", "gitlab", "sarif", "junit", "rdjson"]
FORMATS: tuple[Format, ...] = (
    "text",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "rdjson",
)
WITH_FIXES: tuple[Format, ...] = ("sarif", "rdjson")
"""The formats that carry fixes (``render(..., hints=...)``)."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: AnyReport) -> str:
    """`Found 7 findings (2 errors, 5 warnings) in 5 files.` (or that all are clean)."""
    stats = report.stats
    files = _plural(stats["files"], "file")
    excused = f"; {stats['baselined']} in the baseline" if stats["baselined"] else ""
    if report.fixed:
        excused += f"; {len(report.fixed)} fixed since the baseline"
    if not stats["findings"]:
        return f"No findings in {files}{excused}."
    counts = f"{_plural(stats['errors'], 'error')}, {_plural(stats['warnings'], 'warning')}"
    return f"Found {_plural(stats['findings'], 'finding')} ({counts}) in {files}{excused}."


CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0))
"""C0, DEL and C1: the code points a terminal may act on (ESC starts a command)."""

_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in CONTROLS} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}

_XML_ESCAPES = _CONTROL_ESCAPES | {0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"}
"""Also the two non-characters XML 1.0 forbids."""

_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}
"""What ``json.dumps(ensure_ascii=False)`` leaves raw (it escapes C0 itself)."""


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\x1b``), so that it stays on one line
    and a terminal shows it instead of acting on it. Every human output uses it."""
    return text.translate(_CONTROL_ESCAPES)


def xml_text(text: str) -> str:
    """:func:`one_line`, and the non-characters XML forbids: always well-formed XML."""
    return text.translate(_XML_ESCAPES)


def json_safe(json_document: str) -> str:
    """A JSON text with the controls JSON allows raw (DEL, C1) escaped as ``\\u0080``.

    Those characters can only occur inside JSON strings, where the escape is
    the same character, so the data is unchanged.
    """
    return json_document.translate(_JSON_ESCAPES)


def json_text(document: object) -> str:
    """``document`` as indented JSON: UTF-8 kept, no raw control character (:func:`json_safe`)."""
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def render_text(report: AnyReport) -> str:
    lines = [
        f"{one_line(f.path)}:{f.line}:{f.column}: {f.code} [{f.severity}] {one_line(f.message)}"
        for f in report.findings
    ]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_json(report: AnyReport) -> str:
    return json_text([finding.model_dump(mode="json") for finding in report.findings])


def escape_data(text: str) -> str:
    """Escape a workflow-command message (`%`, CR and LF; other controls as ``\\x1b``)."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (also `:` and `,`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: AnyReport, cwd: str | None = None) -> str:
    """GitHub Actions annotations, paths relative to ``cwd`` (default: the working directory)."""
    base = cwd if cwd is not None else os.getcwd()
    lines = []
    for f in report.findings:
        properties = ",".join(
            [
                f"file={escape_property(relative_path(f.path, base))}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={escape_property(f.code)}",
            ]
        )
        lines.append(f"::{f.severity} {properties}::{escape_data(f.message)}")
    lines.append(summary_line(report))  # a plain line closing the job's log
    return "".join(line + "\n" for line in lines)


def render_sarif_text(
    report: AnyReport,
    cwd: str | None = None,
    hints: Hints | None = None,
    docs_url: str | None = None,
) -> str:
    from ingest.lint.sarif import render_sarif  # here: the other formats do not load it

    return json_text(render_sarif(report, cwd, hints, docs_url))


def render_rdjson_text(
    report: AnyReport, cwd: str | None = None, hints: Hints | None = None
) -> str:
    from ingest.lint.rdjson import render_rdjson  # here: the other formats do not load it

    return json_text(render_rdjson(report, cwd, hints))


def junit_classname(path: str) -> str:
    """``corpus/002_x.txt`` -> ``corpus.002_x``: no extension (Jenkins splits a classname at
    its dots, so the others become ``_``), folders as packages."""
    stem = path[: -len(os.path.splitext(path)[1]) or None]
    return xml_text(stem.replace(".", "_").replace("\\", "/").replace("/", "."))


def _finding_line(f: AnyFinding) -> str:
    return xml_text(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")


def render_junit(
    report: AnyReport, *, fail_on: Severity = "error", rules: Iterable[str] | None = None
) -> str:
    """JUnit XML: a testsuite per file and a testcase per rule checked (``rules``, default
    every rule), so the count is the same in every run; a testcase fails when a finding of
    its rule reaches ``fail_on`` (the others are in its ``system-out``), and the rules of a
    page that cannot be parsed (IG001) are skipped."""
    codes = sorted(set(rules) if rules is not None else RULES)
    threshold = SEVERITY_RANK[fail_on]
    by_file: dict[str, list[AnyFinding]] = {path: [] for path in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.path, []).append(finding)
    from xml.etree import ElementTree  # here: only this format needs it

    root = ElementTree.Element("testsuites", name="ingest check")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for path, found in by_file.items():
        suite = ElementTree.SubElement(root, "testsuite", name=xml_text(path))
        unparsed = any(f.code == "IG001" for f in found)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for code in codes:
            mine = [f for f in found if f.code == code]
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"{code} {RULES[code].name}",
                classname=junit_classname(path),
            )
            counts["tests"] += 1
            failing = [f for f in mine if SEVERITY_RANK[f.severity] >= threshold]
            if failing:
                counts["failures"] += 1
                failure = ElementTree.SubElement(
                    case, "failure", message=xml_text(failing[0].message), type=code
                )
                failure.text = "\n".join(_finding_line(f) for f in failing)
            elif unparsed and code != "IG001" and not mine:
                counts["skipped"] += 1
                ElementTree.SubElement(case, "skipped", message="the page cannot be parsed")
            below = [f for f in mine if SEVERITY_RANK[f.severity] < threshold]
            if below:
                ElementTree.SubElement(case, "system-out").text = "\n".join(
                    _finding_line(f) for f in below
                )
        for key, number in counts.items():
            suite.set(key, str(number))
            totals[key] += number
        suite.set("errors", "0")
    root.set("tests", str(totals["tests"]))  # the Jenkins schema has no `skipped` here
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_RENDERERS: dict[Format, Callable[[AnyReport], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif_text,
    "junit": render_junit,
    "rdjson": render_rdjson_text,
    "gitlab": lambda report: json_text(render_gitlab(report)),
    "json-lines": render_json_lines,
}


def render(
    report: AnyReport,
    fmt: Format = "text",
    *,
    hints: Hints | None = None,
    fail_on: Severity = "error",
    rules: Iterable[str] | None = None,
    docs_url: str | None = None,
) -> str:
    """``report`` in output format ``fmt`` (one of :data:`FORMATS`); ``sarif`` and ``rdjson``
    carry the fixes of ``hints`` (by path: see :func:`ingest.lint.repair.files.file_suggestions`);
    ``junit`` fails the testcases at ``fail_on`` and has one per file and rule of ``rules``;
    ``sarif`` links each rule to its doc under ``docs_url`` (``--docs-url``)."""
    if fmt == "junit":
        return render_junit(report, fail_on=fail_on, rules=rules)
    if fmt == "sarif":
        return render_sarif_text(report, hints=hints, docs_url=docs_url)
    if fmt == "rdjson":
        return render_rdjson_text(report, hints=hints)
    return _RENDERERS[fmt](report)


def render_statistics(report: AnyReport, fmt: Format = "text") -> str:
    """Findings per rule (``--statistics``): an aligned table, or JSON with ``fmt="json"``."""
    counts = report.counts()
    if fmt == "json":
        return json_text([dataclasses.asdict(count) for count in counts])
    lines = [f"{c.count:>6}  {c.code}  {'[' + c.severity + ']':<9}  {c.name}" for c in counts]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
