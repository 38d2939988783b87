"""`ingest check -`: one page read from stdin, checked, fixed (`--fix`) or diffed (`--diff`).

As ruff does with a file on stdin: `--fix` prints the page on stdout (the fixed bytes,
or the bytes as read when nothing could be fixed) and everything else on stderr;
`--diff` prints the diff. A page that cannot be parsed is its IG001 finding.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ingest.cli._common import fail
from ingest.cli.check_fix import FixRun
from ingest.errors import ParseError
from ingest.parse.api import decode, parse_bytes

if TYPE_CHECKING:
    from ingest.page.models import Page

STDIN = "-"


def read_stdin(source: str, max_bytes: int) -> bytes:
    """The bytes on stdin, read with a bound: more than ``max_bytes`` is one line and exit 2."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        fail(f"{source}: larger than --max-bytes ({max_bytes:,} bytes)")
    return data


def stdin_page(data: bytes, source: str) -> Page | ParseError:
    """The page in ``data`` (errors recovered), or why it is not one (an IG001 finding)."""
    try:
        return parse_bytes(data, source, recover=True)
    except ParseError as error:
        return error.with_path(source)


def fix_stdin(data: bytes, source: str, enabled: frozenset[str], *, unsafe: bool) -> FixRun:
    """The fixes of the page in ``data``: a run of one file (none when it is not a page)."""
    from ingest.lint.repair.apply import fix_text  # here: a check without fixes does not load it
    from ingest.lint.repair.files import FileFix

    try:
        decode(data, source)  # the parser's refusals: binary, not UTF-8, UTF-16, empty
        result = fix_text(data.decode("utf-8"), source, enabled, unsafe=unsafe)
    except ParseError:
        return FixRun([], [])
    if not result.fixes:
        return FixRun([], [])
    return FixRun([FileFix(source, data.decode("utf-8"), result.text, result.fixes)], [])


def fixed_bytes(data: bytes, run: FixRun) -> bytes:
    """The page to print for `--fix -`: the fixed text, else the bytes exactly as read."""
    return run.changed[0].after.encode("utf-8") if run.changed else data


def write_page(data: bytes) -> None:
    """Print ``data`` on stdout exactly (no newline added, no decoding)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
