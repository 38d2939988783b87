"""Option declarations more than one command shares (same flags, types and defaults).

Each returns a click decorator; the help text, where the commands word it
differently, is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import click

from ingest.cli._timeout import timeout_option
from ingest.jobs.discover import DEFAULT_GLOB
from ingest.parse.reader import DEFAULT_MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])
G = TypeVar("G", bound=Callable[..., Any])


class Decorator(Protocol):
    """A click option decorator: the command, with one more option."""

    def __call__(self, command: F, /) -> F: ...


def choice_option(*names: str, choices: Sequence[str], default: str, help: str) -> Decorator:
    """One of ``choices``, ``default`` shown in the help."""
    return click.option(
        *names, type=click.Choice(choices), default=default, show_default=True, help=help
    )


def format_option(choices: Sequence[str], help: str) -> Decorator:
    """``--format`` (``output_format``): one of ``choices``, text by default."""
    return choice_option("--format", "output_format", choices=choices, default="text", help=help)


def file_option(*names: str, help: str) -> Decorator:
    """A file path (not a folder), none by default."""
    return click.option(
        *names, type=click.Path(dir_okay=False), default=None, metavar="FILE", help=help
    )


def jobs_option(help: str) -> Decorator:
    """``-j/--jobs N``: worker processes (all cores by default)."""
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help=help)


def glob_option(**extra: Any) -> Decorator:
    """``--glob PATTERN``: the files taken inside folders."""
    return click.option(
        "--glob",
        "pattern",
        default=DEFAULT_GLOB,
        show_default=True,
        help="Which files to take inside folders.",
        **extra,
    )


def input_limits(outcomes: str, outcome: str) -> Decorator:
    """``--max-bytes``, ``--timeout-per-file`` and ``--follow-symlinks``, in that order.

    ``outcomes`` / ``outcome``: what such inputs become (``failed pages`` / ``a failed page``).
    """

    def decorate(command: G) -> G:
        command = click.option(
            "--follow-symlinks",
            is_flag=True,
            help=f"Read inputs whose symlinks lead outside PATH... (by default each is {outcome}).",
        )(command)
        command = timeout_option(outcome)(command)
        return click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help=f"Larger files are {outcomes}, not parsed.",
        )(command)

    return decorate
