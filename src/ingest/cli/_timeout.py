"""``--timeout-per-file``, shared by ``ingest parse`` and ``ingest check``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ingest.jobs.page_guard import DEFAULT_TIMEOUT, check_timeout

F = TypeVar("F", bound=Callable[..., Any])


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    try:
        return check_timeout(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def timeout_option(outcome: str) -> Callable[[F], F]:
    """The option, its help naming what a page over the budget becomes (``outcome``)."""
    return click.option(
        "--timeout-per-file",
        "timeout_per_file",
        type=float,
        default=DEFAULT_TIMEOUT,
        callback=_seconds,
        metavar="SECONDS",
        help=f"A page that takes longer is {outcome}; 0: no limit  [default: {DEFAULT_TIMEOUT:g}]",
    )
