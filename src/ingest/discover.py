"""Finds the page files under the paths a user names.

Folders are walked recursively (symlinked folders too, each real folder once,
so a symlink loop ends). Every matching entry is returned, including ones that
will fail to read (FIFOs, unreadable files): a batch reports them instead of
silently dropping them. Explicitly named files are taken whatever their name.

Symlinks are resolved (:func:`find_inputs`): an input whose real path leaves
the *input roots* (the folders named, and the folder of each file named) is
marked ``outside``, and a batch records it as a failed page without reading
it, so that a link planted in a scraped folder or a pull request cannot put
the first line of a file such as ``~/.ssh/id_rsa`` into the dataset or a CI
log. A symlinked folder that leaves the roots is not walked: the link itself
is the one marked input. ``follow_symlinks=True`` takes every input as found.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_GLOB = "*.txt"


class InputError(ValueError):
    """A path the user named cannot be used (missing, or no pages under it)."""


@dataclass(frozen=True)
class Inputs:
    """The input files found, in a stable order, and those that leave the input roots."""

    files: list[str]
    outside: frozenset[str]
    """Files of ``files`` reached through a symlink that leaves the roots (not to be read)."""


class _Roots:
    """The real paths inputs must stay under, and the ones found outside them."""

    def __init__(self, paths: Iterable[str], follow: bool) -> None:
        self.follow = follow
        self.prefixes: set[str] = set()
        if not follow:
            for path in paths:
                folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
                real = os.path.realpath(folder)
                self.prefixes.add(real if real.endswith(os.sep) else real + os.sep)
        self.outside: set[str] = set()

    def leaves(self, path: str) -> bool:
        """Whether the real path of ``path`` is under no root (never, when following)."""
        if self.follow:
            return False
        real = os.path.realpath(path)
        return not any(real.startswith(prefix) for prefix in self.prefixes)


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[str]:
    """Yield page paths under ``paths`` in a stable (sorted) order, each once.

    Symlinks are followed wherever they lead (:func:`find_inputs` does not).
    ``exclude`` names folders not to descend into (an output folder, say).
    Raises :class:`InputError` for a path that does not exist.
    """
    given = [os.fspath(raw) for raw in paths]
    yield from _iter(given, pattern, exclude, _Roots(given, follow=True))


def _iter(
    given: list[str],
    pattern: str,
    exclude: Iterable[str | os.PathLike[str]],
    roots: _Roots,
) -> Iterator[str]:
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    skip = {os.path.realpath(p) for p in exclude}
    for path in given:
        if not os.path.lexists(path):
            raise InputError(f"{path}: no such file or directory")
        if os.path.isdir(path):
            found_here = _walk(path, pattern, seen_dirs, skip, roots, linked=False)
        else:
            found_here = iter([path])
            if os.path.islink(path) and roots.leaves(path):
                roots.outside.add(path)
        for found in found_here:
            if found not in seen_files:
                seen_files.add(found)
                yield found


def _walk(
    root: str,
    pattern: str,
    seen_dirs: set[tuple[int, int]],
    skip: set[str],
    roots: _Roots,
    linked: bool,
) -> Iterator[str]:
    """The matching files under ``root``; ``linked``: reached through a symlinked folder."""
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
    subdirs: list[tuple[str, bool]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_link = entry.is_symlink()
        except OSError:
            is_dir = is_link = False
        if is_dir:
            if is_link and roots.leaves(entry.path):
                roots.outside.add(entry.path)  # the link is the input, its folder is not walked
                yield entry.path
            else:
                subdirs.append((entry.path, linked or is_link))
        elif fnmatch.fnmatchcase(entry.name, pattern):
            if (linked or is_link) and roots.leaves(entry.path):
                roots.outside.add(entry.path)
            yield entry.path
    for subdir, through_link in subdirs:
        yield from _walk(subdir, pattern, seen_dirs, skip, roots, through_link)


def find_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    exclude: Iterable[str | os.PathLike[str]] = (),
    *,
    follow_symlinks: bool = False,
) -> Inputs:
    """The input files under ``paths`` (as :func:`iter_inputs`), with those that leave the roots.

    Only paths reached through a symlink are resolved, so a tree without
    symlinks costs nothing more. With ``follow_symlinks`` nothing is marked.
    """
    given = [os.fspath(raw) for raw in paths]
    roots = _Roots(given, follow=follow_symlinks)
    files = list(_iter(given, pattern, exclude, roots))
    return Inputs(files, frozenset(roots.outside))


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
