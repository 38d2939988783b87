"""Finds the page files under the paths a user names.

Folders are walked recursively (symlinked folders too, each real folder once,
so a symlink loop ends). Every matching entry is returned, including ones that
will fail to read (FIFOs, unreadable files): a batch reports them instead of
silently dropping them. Explicitly named files are taken whatever their name.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_GLOB = "*.txt"


class InputError(ValueError):
    """A path the user named cannot be used (missing, or no pages under it)."""


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[str]:
    """Yield page paths under ``paths`` in a stable (sorted) order, each once.

    ``exclude`` names folders not to descend into (an output folder, say).
    Raises :class:`InputError` for a path that does not exist.
    """
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    skip = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        path = os.fspath(raw)
        if not os.path.lexists(path):
            raise InputError(f"{path}: no such file or directory")
        if os.path.isdir(path):
            for found in _walk(path, pattern, seen_dirs, skip):
                if found not in seen_files:
                    seen_files.add(found)
                    yield found
        elif path not in seen_files:
            seen_files.add(path)
            yield path


def _walk(
    root: str, pattern: str, seen_dirs: set[tuple[int, int]], skip: set[str]
) -> Iterator[str]:
    try:
        stat = os.stat(root)
    except OSError:
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen_dirs or os.path.realpath(root) in skip:
        return
    seen_dirs.add(key)
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    subdirs: list[str] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_dir = False
        if is_dir:
            subdirs.append(entry.path)
        elif fnmatch.fnmatchcase(entry.name, pattern):
            yield entry.path
    for subdir in subdirs:
        yield from _walk(subdir, pattern, seen_dirs, skip)


def collect_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> list[str]:
    """:func:`iter_inputs` as a list (paths only: a few MB for a million files)."""
    return list(iter_inputs(paths, pattern, exclude))


def common_root(paths: Iterable[str]) -> Path | None:
    """The deepest folder containing every path, if any."""
    try:
        return Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    except ValueError:
        return None
