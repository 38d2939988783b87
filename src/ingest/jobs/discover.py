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

Which files a walk takes (:class:`Selection`, like ruff): folders named in
:data:`DEFAULT_EXCLUDES` (``.git``, ``.venv``, hidden folders, ...) are not
entered, nor those matching ``exclude`` / ``extend_exclude`` (gitignore
patterns, relative to the folder walked), nor, inside a git work tree, what its
``.gitignore`` files ignore. A file named on the command line is always taken,
and each file once, however it was named.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from ingest.errors import IngestError, ParseError
from ingest.jobs.path_list import PathList
from ingest.parse.reader import read_settings_file

DEFAULT_GLOB = "*.txt"

DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".git/",
    ".venv/",
    "venv/",
    "node_modules/",
    "__pycache__/",
    ".*/",
)
"""Folders a walk never enters unless ``--exclude`` replaces this list (gitignore patterns)."""

MAX_STARS = 2
"""A pattern with more `*` than this is skipped: each `*` multiplies the backtracking of the
regex it compiles to, and a `.gitignore` can come with a pull request."""

MAX_GITIGNORE_BYTES = 1_000_000


class InputError(IngestError):
    """A path the user named cannot be used (missing, or no pages under it)."""


@dataclass(frozen=True)
class Selection:
    """Which files a walk takes: excluded patterns, and whether `.gitignore` files count."""

    exclude: Sequence[str] | None = None
    """Patterns that replace :data:`DEFAULT_EXCLUDES` (None: the defaults)."""
    extend_exclude: Sequence[str] = ()
    respect_gitignore: bool = True

    def patterns(self) -> list[str]:
        base = DEFAULT_EXCLUDES if self.exclude is None else tuple(self.exclude)
        return [*base, *self.extend_exclude]


ALL_FILES = Selection(exclude=(), respect_gitignore=False)
"""Every file under the folders (no default excludes, no `.gitignore`)."""


class PathMatcher(Protocol):
    """What a walk asks of a set of patterns (``pathspec.GitIgnoreSpec`` has it too)."""

    def match_file(self, file: str) -> bool:
        """Whether ``file`` (``a/b.txt``; a folder ends in ``/``) is ignored."""
        ...


_FOLDER_NAME = re.compile(r"(?!\.\.?/)[A-Za-z0-9_.*-]++/")
"""A pattern :class:`FolderNames` matches exactly as git does: one folder name (letters,
digits, ``_.-`` and ``*``; not ``.`` or ``..``), then ``/``. No ``/`` inside, so it
applies at any depth."""


class FolderNames:
    """Gitignore patterns that each name one folder (``.git/``, ``.*/``), matched without pathspec.

    Such a pattern ignores every folder of that name at any depth, and what it
    holds; ``*`` matches within the name. The default excludes are all of this
    form, and importing and compiling pathspec for them cost a run ~45 ms of
    start-up (``ingest parse`` of five files, measured). Equal to
    ``pathspec.GitIgnoreSpec`` on these patterns (tests/batch/test_folder_names.py).
    """

    __slots__ = ("globs", "names")

    def __init__(self, patterns: Iterable[str]) -> None:
        stripped = [pattern[:-1] for pattern in patterns]
        self.names = frozenset(name for name in stripped if "*" not in name)
        self.globs = tuple(name for name in stripped if "*" in name)

    def match_file(self, file: str) -> bool:
        folders = file.split("/")
        folders.pop()  # the file's name, or "" after a folder's `/`
        names, globs = self.names, self.globs
        for folder in folders:
            if folder in names or any(fnmatch.fnmatchcase(folder, glob) for glob in globs):
                return True
        return False


def compile_patterns(lines: Iterable[str], source: str = "--exclude") -> PathMatcher:
    """A gitignore-style matcher; a pattern with more than :data:`MAX_STARS` `*` is skipped.

    :class:`FolderNames` when every pattern names one folder (the defaults), else
    pathspec's ``GitIgnoreSpec``.
    """
    kept = [line for line in lines if line.replace("**", "*").count("*") <= MAX_STARS]
    patterns = [line for line in kept if line and not line.startswith("#")]
    if all(_FOLDER_NAME.fullmatch(pattern) for pattern in patterns):
        return FolderNames(patterns)
    import pathspec  # here: a run with only folder-name patterns does not load it

    try:
        return pathspec.GitIgnoreSpec.from_lines(kept)
    except ValueError as error:
        raise InputError(f"{source}: invalid pattern: {error}") from None


def _folders_only(lines: Iterable[str]) -> bool:
    """Whether every pattern of ``lines`` ends in ``/`` and none starts with ``!``: then they
    ignore folders and what they hold, and a file is ignored exactly when its folder is."""
    patterns = [line for line in lines if line and not line.startswith("#")]
    return all(line.endswith("/") and not line.startswith("!") for line in patterns)


class _Spec(NamedTuple):
    """One matcher: the folder its patterns are relative to, and what they are."""

    base: str
    spec: PathMatcher
    folders_only: bool
    """See :func:`_folders_only`."""


@dataclass
class _Ignores:
    """The matchers in force in one folder, outermost first."""

    specs: list[_Spec] = field(default_factory=list)
    gitignore: bool = False
    """Inside a git work tree with `.gitignore` respected: each folder's file counts."""

    def in_folder(self, folder: str) -> _Folder:
        """The matchers as they apply to the entries of ``folder`` (every base is ``folder``
        or a folder above it): an entry then costs a concatenation, not a ``relpath`` (~5 µs
        a file), and a file is not matched against folders-only patterns (~3 µs) at all."""
        every = []
        files = []
        files_out = False
        for base, spec, folders_only in self.specs:
            relative = os.path.relpath(folder, base).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            every.append((prefix, spec))
            if not folders_only:
                files.append((prefix, spec))
            elif prefix and not files_out:
                files_out = spec.match_file(prefix)
        return _Folder(every, files, files_out)

    def with_gitignore(self, folder: str) -> _Ignores:
        found = _gitignore(folder)
        return self if found is None else _Ignores([*self.specs, found], self.gitignore)


class _Folder(NamedTuple):
    """The matchers of :class:`_Ignores` for the entries of one folder."""

    every: list[tuple[str, PathMatcher]]
    """Each matcher with the entries' path prefix (``a/b/``; ``""`` in its base)."""
    files: list[tuple[str, PathMatcher]]
    """Those a file still needs matching against (not folders-only)."""
    files_out: bool
    """A folders-only matcher ignores the folder, so every file in it."""

    def ignored(self, name: str, is_dir: bool) -> bool:
        if is_dir:
            return any(spec.match_file(prefix + name + "/") for prefix, spec in self.every)
        if self.files_out or not self.files:  # no generator for `any` to build (~0.3 µs)
            return self.files_out
        return any(spec.match_file(prefix + name) for prefix, spec in self.files)


def _gitignore(folder: str) -> _Spec | None:
    path = os.path.join(folder, ".gitignore")
    if not os.path.lexists(path):
        return None
    try:
        text = read_settings_file(path, MAX_GITIGNORE_BYTES)
    except ParseError as error:
        raise InputError(f"{path}: cannot read: {error.message}") from None
    lines = text.splitlines()
    return _Spec(folder, compile_patterns(lines, path), _folders_only(lines))


def _git_root(folder: str) -> str | None:
    """The work tree ``folder`` is in (the nearest folder above it with a `.git`), if any."""
    current = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _root_ignores(root: str, selection: Selection) -> _Ignores:
    """The matchers for a walk from ``root``: the excludes, then every `.gitignore` from the
    work tree's top down to ``root`` (none outside a git work tree)."""
    patterns = selection.patterns()
    ignores = _Ignores([_Spec(root, compile_patterns(patterns), _folders_only(patterns))])
    top = _git_root(root) if selection.respect_gitignore else None
    if top is None:
        return ignores
    ignores.gitignore = True
    chain = []
    current = os.path.abspath(root)
    while True:
        chain.append(current)
        if current == top:
            break
        current = os.path.dirname(current)
    for folder in reversed(chain[1:]):
        ignores = ignores.with_gitignore(folder)
    return ignores


@dataclass(frozen=True)
class Inputs:
    """The input files found, in a stable order, and those that leave the input roots."""

    files: PathList
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
    selection: Selection | None = None,
) -> Iterator[str]:
    """Yield page paths under ``paths`` in a stable (sorted) order, each once.

    Symlinks are followed wherever they lead (:func:`find_inputs` does not).
    ``selection`` is the files a walk takes (default: :class:`Selection`'s defaults).
    Raises :class:`InputError` for a path that does not exist.
    """
    given = [os.fspath(raw) for raw in paths]
    yield from _iter(given, pattern, _Roots(given, follow=True), selection or Selection())


def _iter(
    given: list[str],
    pattern: str,
    roots: _Roots,
    selection: Selection,
) -> Iterator[str]:
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    name_matches = re.compile(fnmatch.translate(pattern)).match  # as fnmatchcase, compiled once
    for path in given:
        if not os.path.lexists(path):
            raise InputError(f"{path}: no such file or directory")
        if os.path.isdir(path):
            ignores = _root_ignores(path, selection)
            found_here = _walk(path, name_matches, seen_dirs, roots, False, ignores)
        else:
            found_here = iter([path])
            if os.path.islink(path) and roots.leaves(path):
                roots.outside.add(path)
        if len(given) == 1:  # one walk finds a file once: no abspath a file (~1 µs)
            yield from found_here
            return
        for found in found_here:
            key = os.path.abspath(found)  # `a.txt` and `./a.txt` are one file
            if key not in seen_files:
                seen_files.add(key)
                yield found


def _walk(
    root: str,
    name_matches: Callable[[str], object],
    seen_dirs: set[tuple[int, int]],
    roots: _Roots,
    linked: bool,
    ignores: _Ignores,
) -> Iterator[str]:
    """The matching files under ``root``; ``linked``: reached through a symlinked folder."""
    try:
        stat = os.stat(root)
    except OSError:
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen_dirs:
        return
    seen_dirs.add(key)
    if ignores.gitignore:
        ignores = ignores.with_gitignore(root)
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    folder = ignores.in_folder(root)
    subdirs: list[tuple[str, bool]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_link = entry.is_symlink()
        except OSError:
            is_dir = is_link = False
        if folder.ignored(entry.name, is_dir):
            continue
        if is_dir:
            if is_link and roots.leaves(entry.path):
                roots.outside.add(entry.path)  # the link is the input, its folder is not walked
                yield entry.path
            else:
                subdirs.append((entry.path, linked or is_link))
        elif name_matches(entry.name):
            if (linked or is_link) and roots.leaves(entry.path):
                roots.outside.add(entry.path)
            yield entry.path
    for subdir, through_link in subdirs:
        yield from _walk(subdir, name_matches, seen_dirs, roots, through_link, ignores)


def find_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    *,
    follow_symlinks: bool = False,
    selection: Selection | None = None,
) -> Inputs:
    """The input files under ``paths`` (as :func:`iter_inputs`), with those that leave the roots.

    Only paths reached through a symlink are resolved, so a tree without
    symlinks costs nothing more. With ``follow_symlinks`` nothing is marked.
    """
    given = [os.fspath(raw) for raw in paths]
    roots = _Roots(given, follow=follow_symlinks)
    files = PathList(_iter(given, pattern, roots, selection or Selection()))
    return Inputs(files, frozenset(roots.outside))


def collect_inputs(
    paths: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    selection: Selection | None = None,
) -> list[str]:
    """:func:`iter_inputs` as a list (paths only: a few MB for a million files)."""
    return list(iter_inputs(paths, pattern, selection))


def common_root(paths: Iterable[str]) -> Path | None:
    """The deepest folder containing every path, if any."""
    try:
        return Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    except ValueError:
        return None
