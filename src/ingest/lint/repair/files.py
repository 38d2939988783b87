"""``ingest check --fix`` on files: read, fix, and write back atomically, or show a diff.

A file is read once (without blocking on a FIFO, refusing oversized files), fixed
in memory, and written to a temporary file beside it that keeps its mode, then
renamed over it; just before the rename the file is read again, and a file that
changed since it was read (an editor, another run) is left alone.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from typing import NamedTuple

from ingest.errors import ParseError
from ingest.lint.repair.apply import LINE_END, AppliedFix, Suggestion, fix_text, suggestions
from ingest.parse.api import decode
from ingest.parse.reader import DEFAULT_MAX_BYTES, printable_path, read_input

LINE_END_KEPT = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")
"""Splits a text after each line end the parser knows, keeping it (``str.splitlines`` also
splits on form feeds and U+2028, which are not line ends on a page)."""


class FixFileError(RuntimeError):
    """A fixed file could not be written (it changed since it was read, or the write failed)."""


class FileFix(NamedTuple):
    """One file's fixes: its text before and after."""

    path: str
    before: str
    after: str
    fixes: tuple[AppliedFix, ...]

    def diff(self) -> str:
        """A unified diff of the change (empty when nothing changed)."""
        shown = printable_path(os.path.normpath(self.path))
        lines = difflib.unified_diff(
            [line for line in LINE_END_KEPT.split(self.before) if line],
            [line for line in LINE_END_KEPT.split(self.after) if line],
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def _read_text(path: str, max_bytes: int) -> tuple[bytes, str] | None:
    try:
        data = read_input(path, max_bytes)
        decode(data, path)
    except ParseError:
        return None  # the check reports it (IG001)
    return data, data.decode("utf-8")


def fix_file(
    path: str,
    enabled: frozenset[str],
    *,
    unsafe: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    write: bool = True,
) -> FileFix | None:
    """Fix the page at ``path`` (written back when ``write``); None when it is not a page.

    Raises :class:`FixFileError` when the file changed while it was being fixed
    or cannot be written; nothing is written then.
    """
    read = _read_text(path, max_bytes)
    if read is None:
        return None
    data, text = read
    try:
        result = fix_text(text, printable_path(path), enabled, unsafe=unsafe)
    except ParseError:
        return None
    done = FileFix(path, text, result.text, result.fixes)
    if write and result.text != text:
        write_if_unchanged(path, data, result.text.encode("utf-8"))
    return done


class PageHints(NamedTuple):
    """A page's lines as they are and the edits that would fix it (for SARIF and rdjson)."""

    lines: tuple[str, ...]
    fixes: tuple[Suggestion, ...]


def file_suggestions(
    path: str, enabled: frozenset[str], *, unsafe: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> PageHints:
    """The edits that would fix the page at ``path`` as it is, with its lines."""
    read = _read_text(path, max_bytes)
    if read is None:
        return PageHints((), ())
    text = read[1]
    found = suggestions(text, printable_path(path), enabled, unsafe=unsafe)
    return PageHints(tuple(LINE_END.split(text)[::2]), tuple(found))


def write_if_unchanged(path: str, original: bytes, data: bytes) -> None:
    """Replace the file at ``path`` by ``data`` (temp file + rename, mode kept), unless its
    bytes are no longer ``original``."""
    target = os.path.realpath(path)
    shown = printable_path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        handle, temporary = tempfile.mkstemp(
            dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".fix"
        )
    except OSError as error:
        raise FixFileError(f"{shown}: cannot write the fixed page ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        try:
            current = read_input(target, max(len(original) + 1, 1))
        except ParseError:
            current = None
        if current != original:
            raise FixFileError(f"{shown}: changed while it was being fixed; not written")
        os.replace(temporary, target)
    except OSError as error:
        raise FixFileError(f"{shown}: cannot write the fixed page ({error.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
