"""What every command shares: one-line errors and exit codes."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from ingest.errors import ParseError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
"""The run itself could not finish (disk full, lost lock): nothing was published."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``ingest: error: message`` on stderr and exit (2 by default)."""
    from ingest.lint.formats import one_line  # here: ``ingest show`` need not load the linter

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
        try:
            code = self._exit_code(*args, **kwargs)
        except SystemExit as done:
            if done.code is not None and not isinstance(done.code, int):
                raise  # SystemExit("message"): Python prints it
            code = done.code or EXIT_CLEAN
        fast_exit(code)
        raise SystemExit(code)

    def _exit_code(self, *args: Any, **kwargs: Any) -> int:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `ingest`: its help, exit 2
            click.echo(error.ctx.get_help() if error.ctx is not None else "", err=True)
            return EXIT_USAGE
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "ingest"
            fail(f"{where}: {error.format_message()}")
        except click.ClickException as error:
            fail(error.format_message())
        except click.Abort:
            click.echo("ingest: interrupted", err=True)
            return 130
        return code if isinstance(code, int) else EXIT_CLEAN


FAST_EXIT_OPT_OUT = "INGEST_NO_FAST_EXIT"
"""Set (to anything) to let ``ingest`` exit the usual way, tearing the interpreter down."""

_ENTRY_POINTS = (
    "ingest",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "__main__.py"),
)
"""``sys.argv[0]`` of the console script (its name) and of ``python -m ingest.cli``."""


def fast_exit(code: int) -> None:
    """End the process now with ``code``, once stdout and stderr are flushed.

    Tearing the interpreter down (freeing every module and object) takes
    ~60 ms that a command's user waits for and gains nothing from. Only the
    ``ingest`` command does this (the console script or ``python -m
    ingest.cli``, never a caller of ``main()`` or the Python API), and not
    under coverage or pytest, or with ``INGEST_NO_FAST_EXIT`` set. Returns
    (and the caller exits as usual) when it must not, or when a flush fails.
    """
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0 not in _ENTRY_POINTS and os.path.basename(argv0) != "ingest":
        return
    if os.environ.get(FAST_EXIT_OPT_OUT) or not {"coverage", "pytest"}.isdisjoint(sys.modules):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed or broken stream: let the usual exit report it
    os._exit(code)
