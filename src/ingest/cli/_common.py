"""What every command shares: one-line errors and exit codes."""

from __future__ import annotations

from typing import Any, NoReturn

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


class OneLineErrorGroup(click.Group):
    """The ``ingest`` group: every usage error, its own or a command's, is one line and exit 2.

    Click would print a usage block and an ``Error:`` line; a CI log wants
    ``ingest: error: ingest show: No such option '--bad'.``, like ruff's.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "ingest"
            fail(f"{where}: {error.format_message()}")
        except click.ClickException as error:
            fail(error.format_message())
        except click.Abort:
            click.echo("ingest: interrupted", err=True)
            raise SystemExit(130) from None
        raise SystemExit(code if isinstance(code, int) else EXIT_CLEAN)
