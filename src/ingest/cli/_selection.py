"""The options that choose files and settings, shared by `ingest check` and `ingest parse`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from ingest.jobs.discover import Selection

F = TypeVar("F", bound=Callable[..., Any])


def _patterns(values: Iterable[str]) -> list[str]:
    """`--exclude a,b --exclude c` -> `["a", "b", "c"]`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_PATTERN_OPTIONS = (
    ("--extend-exclude", "Exclude these too (gitignore patterns, comma-separated or repeated)."),
    (
        "--exclude",
        "Exclude these instead of the defaults (.git, .venv, venv, node_modules, "
        "__pycache__, hidden folders).",
    ),
)
"""The two pattern options, in the reverse of their order in the help."""


def selection_options(command: F) -> F:
    """`--exclude`, `--extend-exclude`, `--no-respect-gitignore` (gitignore patterns)."""
    command = click.option(
        "--no-respect-gitignore",
        "no_respect_gitignore",
        is_flag=True,
        help="Also take files that .gitignore ignores.",
    )(command)
    for flag, text in _PATTERN_OPTIONS:
        command = click.option(flag, multiple=True, metavar="PATTERNS", help=text)(command)
    return command


def make_selection(
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    no_respect_gitignore: bool,
    *,
    configured_exclude: list[str] | None = None,
    configured_extend: Iterable[str] = (),
    configured_gitignore: bool = True,
) -> Selection:
    """The options over the configured settings: `--exclude` replaces, `--extend-exclude` adds."""
    chosen = _patterns(exclude) if exclude else configured_exclude
    return Selection(
        exclude=chosen,
        extend_exclude=[*configured_extend, *_patterns(extend_exclude)],
        respect_gitignore=configured_gitignore and not no_respect_gitignore,
    )
