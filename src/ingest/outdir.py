"""The output folder: checked before a run, written beside, swapped in at the end.

A run writes into a temporary sibling of OUT (``.OUT.partial-<pid>-<id>``)
and swaps it into place when everything is written, so a run that crashes or
is killed (even with ``kill -9``) leaves the previous OUT whole. The swap is
one atomic ``renameat2(RENAME_EXCHANGE)`` on Linux, two renames elsewhere.
Leftovers of killed runs are removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

MANIFEST_NAME = "_manifest.json"

_PARTIAL = ".partial-"
_OLD = ".old-"


class OutputError(ValueError):
    """OUT cannot be used: not writable, inside an input folder, not ours to replace."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> Path:
    """The resolved OUT, or :class:`OutputError` saying why it cannot be written.

    OUT may not be (or be inside) an input folder, may not contain an input,
    and may only replace an existing folder that an earlier run wrote (one
    with a ``_manifest.json``), or an empty one.
    """
    given = os.fspath(out)
    target = Path(os.path.realpath(given))
    for raw in inputs:
        source = Path(os.path.realpath(raw))
        if source.is_dir() and _inside(target, source):
            raise OutputError(f"{given}: the output folder is inside the input folder {raw}")
        if _inside(source, target):
            raise OutputError(f"{given}: the output folder contains the input {raw}")
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"{given}: exists and is not a folder")
        if any(target.iterdir()) and not (target / MANIFEST_NAME).is_file():
            raise OutputError(
                f"{given}: exists and is not an ingest output (no {MANIFEST_NAME}); "
                "refusing to replace it"
            )
    return target


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(entry: str, prefix: str) -> int | None:
    """The pid in ``<prefix><pid>-<id>``, if the name has that shape."""
    if not entry.startswith(prefix):
        return None
    pid, _, _ = entry[len(prefix) :].partition("-")
    return int(pid) if pid.isdigit() else None


def clean_leftovers(target: Path) -> None:
    """Remove the temporary folders of dead runs; put back an OUT a dead run moved aside."""
    parent = target.parent
    base = f".{target.name}"
    try:
        entries = sorted(os.listdir(parent))
    except OSError:
        return
    for entry in entries:
        for kind in (_PARTIAL, _OLD):
            pid = _owner(entry, base + kind)
            if pid is None or _pid_alive(pid):
                continue
            path = parent / entry
            if kind == _OLD and not target.exists():
                os.rename(path, target)
            else:
                shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh temporary sibling of ``target``; removed if the block does not complete.

    Raises :class:`OutputError` when the folder cannot be created.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        temp = parent / f".{target.name}{_PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        temp.mkdir()
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def publish(temp: Path, target: Path) -> None:
    """Put ``temp`` in place of ``target`` and remove the previous ``target``."""
    if not target.exists():
        os.rename(temp, target)
        return
    if _exchange(temp, target):
        shutil.rmtree(temp, ignore_errors=True)
        return
    aside = target.parent / f".{target.name}{_OLD}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.rename(target, aside)
    os.rename(temp, target)
    shutil.rmtree(aside, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
