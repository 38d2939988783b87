"""Is an existing folder an ingest output, that a run may replace (and so delete)?

Only when everything in it is ours: a ``_manifest.json`` that parses as an
ingest manifest, the table folders it lists (each a real folder holding only
the part files the manifest lists, or ``part-*.parquet`` files for a manifest
that does not list them), and the files ingest writes beside it. Anything
else, even one file, means the folder is the user's: touch nothing.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from ingest.dataset.manifest import INDEX_NAME, MANIFEST_NAME, NotAnOutputError, read_manifest
from ingest.dataset.schemas import TABLES
from ingest.dataset.writer import PART_GLOB

BESIDE_MANIFEST = frozenset({MANIFEST_NAME, INDEX_NAME, "report.html"})
"""The files ingest writes at the top of OUT, beside the table folders."""


def _mode(path: Path) -> int:
    """The type bits of ``path`` itself (a symlink is not followed); 0 if it is gone."""
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except OSError:
        return 0


def foreign(target: Path) -> str | None:
    """Why ``target`` (an existing folder) is not ours to replace; None if it is (or is empty)."""
    try:
        entries = set(os.listdir(target))
    except OSError as exc:
        return f"cannot be listed: {exc.strerror or exc}"
    if not entries:
        return None
    if MANIFEST_NAME not in entries:
        return f"no {MANIFEST_NAME}"
    try:
        manifest = read_manifest(target)
    except NotAnOutputError:
        return f"its {MANIFEST_NAME} is not an ingest manifest"
    tables = set(manifest.tables)
    if not tables <= set(TABLES):
        return f"its {MANIFEST_NAME} lists tables ingest does not write"
    for entry in sorted(entries):
        if entry in BESIDE_MANIFEST:
            if _mode(target / entry) != stat.S_IFREG:
                return f"{entry!r} is not a file"
            continue
        if entry not in tables:
            return f"{entry!r} is not part of it"
        if _mode(target / entry) != stat.S_IFDIR:
            return f"{entry!r} is not a folder"
        listed = None if manifest.parts is None else set(manifest.parts.get(entry, ()))
        for name in sorted(os.listdir(target / entry)):
            ours = fnmatch.fnmatchcase(name, PART_GLOB) if listed is None else name in listed
            if not ours or _mode(target / entry / name) != stat.S_IFREG:
                return f"{entry + '/' + name!r} is not part of it"
    return None
