"""What every command shares: one-line errors and exit codes."""

from __future__ import annotations

from typing import NoReturn

import click

from ingest.errors import ParseError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``ingest: error: message`` on stderr and exit (2 by default)."""
    click.echo(f"ingest: error: {message}", err=True)
    raise SystemExit(code)


def fail_parse(error: ParseError, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``path:line:col: error: message (expected ...)`` on stderr and exit."""
    where = f"{error.path or '<text>'}:{error.line}:{error.column}"
    tail = f" (expected {error.expected})" if error.expected else ""
    click.echo(f"{where}: error: {error.message}{tail}", err=True)
    raise SystemExit(code)
