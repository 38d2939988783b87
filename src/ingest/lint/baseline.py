"""Baselines: record today's findings, and later report only the new ones.

A finding is recognised by what it is about, not where: its code, subject and
feature, on the same page. The page is matched by path *or* page id, so a
baseline survives lines moving inside a page (same path, new content) and a
page being renamed (new path, same content). Each recorded finding excuses one
current finding, so a second identical problem on a page is still new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Generic, NamedTuple

from ingest.errors import IngestError, ParseError
from ingest.lint.report import AnyFinding, F
from ingest.page.findings import Finding
from ingest.parse.reader import read_settings_file
from ingest.rules.registry import RULES

FORMAT_VERSION = 1

MAX_BASELINE_BYTES = 64_000_000
"""A larger baseline is refused unread (a recorded finding takes ~300 bytes)."""


def _umask() -> int:
    """The process's umask (read by setting it, then restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class BaselineError(IngestError):
    """A baseline file that cannot be read or written; ``str()`` is one line."""


def normalize_path(path: str) -> str:
    """`./corpus//a.txt` -> `corpus/a.txt`: the same file however it was named."""
    return os.path.normpath(path).replace(os.sep, "/")


def fingerprint(finding: AnyFinding) -> str:
    """A stable id of what a finding is about (page path, code, subject, feature; no line)."""
    key = "\x1f".join(
        [normalize_path(finding.path), finding.code, finding.subject or "", finding.feature or ""]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class BaselineEntry(NamedTuple):
    """One recorded finding; ``message`` is kept for the humans reviewing the file."""

    fingerprint: str
    code: str
    path: str
    page_id: str | None = None
    subject: str | None = None
    feature: str | None = None
    message: str = ""

    def as_finding(self) -> Finding:
        """The finding this entry recorded, located at line 1 (its line is not recorded)."""
        rule = RULES.get(self.code)
        return Finding(
            code=self.code,
            name=rule.name if rule is not None else self.code,
            severity=rule.severity if rule is not None else "error",
            path=self.path,
            line=1,
            column=1,
            message=self.message,
            page_id=self.page_id,
            subject=self.subject,
            feature=self.feature,
        )


class BaselineMatch(NamedTuple, Generic[F]):
    """Current findings against a baseline: ``new`` ones, ``unchanged`` (recorded) ones, and
    the recorded entries no current finding matches (``absent``: fixed, or not checked)."""

    new: list[F]
    unchanged: list[F]
    absent: list[BaselineEntry]

    def fixed(self, checked: Iterable[str]) -> list[BaselineEntry]:
        """The absent entries of pages that were ``checked`` (paths): fixed since the baseline."""
        paths = {normalize_path(path) for path in checked}
        return [entry for entry in self.absent if entry.path in paths]


class Baseline:
    """Recorded findings, matched against current ones by :meth:`match`."""

    def __init__(self, entries: Iterable[BaselineEntry] = ()) -> None:
        self.entries = list(entries)

    @classmethod
    def from_findings(cls, findings: Iterable[AnyFinding]) -> Baseline:
        return cls(
            BaselineEntry(
                fingerprint=fingerprint(f),
                code=f.code,
                path=normalize_path(f.path),
                page_id=f.page_id,
                subject=f.subject,
                feature=f.feature,
                message=f.message,
            )
            for f in findings
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline file written by :meth:`write` (``BaselineError`` if unusable).

        The file is untrusted (a pull request can commit one): it is read like
        a page (no FIFO, device or file over :data:`MAX_BASELINE_BYTES`), must
        be UTF-8, and pydantic's JSON reader bounds its nesting.
        """
        try:
            text = read_settings_file(os.fspath(path), MAX_BASELINE_BYTES)
        except ParseError as error:
            tail = f" (expected {error.expected})" if error.expected else ""
            where = (
                f"{path}:{error.line}:{error.column}"
                if error.line > 1 or error.column > 1
                else path
            )
            raise BaselineError(f"{where}: cannot read baseline: {error.message}{tail}") from None
        version, entries = _validated(text, os.fspath(path))
        if version != FORMAT_VERSION:
            raise BaselineError(f"{path}: baseline version {version} (expected {FORMAT_VERSION})")
        return cls(entries)

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the baseline as JSON, entries sorted so that diffs stay small.

        Written to a temporary file beside ``path``, then renamed over it: a
        FIFO or a symlink planted at ``path`` is replaced, never written through.
        """
        entries = sorted(
            self.entries, key=lambda e: (e.path, e.code, e.subject or "", e.feature or "")
        )
        document = {
            "tool": "ingest",
            "version": FORMAT_VERSION,
            "findings": [entry._asdict() for entry in entries],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        target = Path(path)
        import tempfile  # here: reading a baseline does not need it

        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
            ) as handle:
                temporary = handle.name
                handle.write(text)
        except OSError as error:
            raise BaselineError(f"{path}: cannot write baseline: {error.strerror}") from None
        try:
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, target)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise BaselineError(f"{path}: cannot write baseline: {error.strerror}") from None

    def new_findings(self, findings: Sequence[F]) -> list[F]:
        """The findings no recorded entry excuses (each entry excuses at most one)."""
        return self.match(findings).new

    def match(self, findings: Sequence[F]) -> BaselineMatch[F]:
        """Which findings are new, which are recorded, and which entries no longer occur."""
        by_path: dict[tuple[str, str, str | None, str | None], list[int]] = {}
        by_page: dict[tuple[str, str, str | None, str | None], list[int]] = {}
        for index, entry in enumerate(self.entries):
            what = (entry.code, entry.subject, entry.feature)
            by_path.setdefault((entry.path, *what), []).append(index)
            if entry.page_id:
                by_page.setdefault((entry.page_id, *what), []).append(index)
        used: set[int] = set()
        new: list[F] = []
        unchanged: list[F] = []
        for finding in findings:
            what = (finding.code, finding.subject, finding.feature)
            candidates = by_path.get((normalize_path(finding.path), *what), [])
            if finding.page_id:
                candidates = candidates + by_page.get((finding.page_id, *what), [])
            match = next((i for i in candidates if i not in used), None)
            if match is None:
                new.append(finding)
            else:
                used.add(match)
                unchanged.append(finding)
        absent = [entry for index, entry in enumerate(self.entries) if index not in used]
        return BaselineMatch(new, unchanged, absent)


def _validated(text: str, path: str) -> tuple[int, list[BaselineEntry]]:
    """The version and entries of a baseline file's text (``BaselineError`` if it is not one)."""
    # here: pydantic validates the file, and a check without --baseline never loads it
    from pydantic import ValidationError

    from ingest.lint.baseline_file import BaselineFile

    try:
        document = BaselineFile.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise BaselineError(f"{path}: not an ingest baseline ({where}: {first['msg']})") from None
    entries = [BaselineEntry(**entry.model_dump()) for entry in document.findings]
    return document.version, entries
