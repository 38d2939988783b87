"""What every command shares: one-line errors and exit codes."""

from __future__ import annotations

import importlib
from typing import Any, NoReturn

import click

from ingest.errors import ParseError
from ingest.lint.formats import one_line

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
"""The run itself could not finish (disk full, lost lock): nothing was published."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``ingest: error: message`` on stderr and exit (2 by default)."""
    click.echo(f"ingest: error: {one_line(message)}", err=True)
    raise SystemExit(code)


def fail_parse(error: ParseError, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``ingest: error: path:line:col: message (expected ...)`` on stderr and exit:
    the one-line form of every other error."""
    where = f"{error.path or '<text>'}:{error.line}:{error.column}"
    tail = f" (expected {error.expected})" if error.expected else ""
    fail(f"{where}: {error.message}{tail}", code)


class OneLineErrorGroup(click.Group):
    """The ``ingest`` group: every usage error, its own or a command's, is one line and exit 2.

    Click would print a usage block and an ``Error:`` line; a CI log wants
    ``ingest: error: ingest show: No such option '--bad'.``, like ruff's.
    Commands are imported when they run (``lazy`` maps a name to
    ``module:attribute``), so ``ingest show`` does not load pyarrow or Dask.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `ingest`: its help, exit 2
            click.echo(error.ctx.get_help() if error.ctx is not None else "", err=True)
            raise SystemExit(EXIT_USAGE) from None
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "ingest"
            fail(f"{where}: {error.format_message()}")
        except click.ClickException as error:
            fail(error.format_message())
        except click.Abort:
            click.echo("ingest: interrupted", err=True)
            raise SystemExit(130) from None
        raise SystemExit(code if isinstance(code, int) else EXIT_CLEAN)
