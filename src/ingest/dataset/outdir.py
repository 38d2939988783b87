"""The output folder: checked before a run, locked, written beside, swapped in at the end.

A run takes the lock on OUT (:mod:`ingest.dataset.outdir_lock`), writes into a
temporary sibling of OUT (``.OUT.partial-<pid>-<id>``) and swaps it into
place when everything is written, so a run that crashes or is killed (even
with ``kill -9``) leaves the previous OUT whole. The swap is one atomic
``renameat2(RENAME_EXCHANGE)`` on Linux, two renames elsewhere. Leftovers of
dead runs are removed by the next run, under the lock. An existing OUT is
replaced only if it is ours (:mod:`ingest.dataset.outdir_owner`); a mount point is
refused up front, since it cannot be renamed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import stat
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.dataset.manifest import MANIFEST_NAME as MANIFEST_NAME
from ingest.dataset.outdir_errors import OutputError as OutputError
from ingest.dataset.outdir_errors import RunFailedError as RunFailedError
from ingest.dataset.outdir_lock import OutLock, locked
from ingest.dataset.outdir_owner import foreign

_PARTIAL = ".partial-"
_OLD = ".old-"
_HELD: dict[Path, OutLock] = {}
"""The lock each staged target holds, for :func:`publish` to verify."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _mount_points() -> set[str]:
    """Every mount point of this process (bind mounts included), from ``/proc/self/mountinfo``."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as lines:
            fields = [line.split(" ") for line in lines]
    except OSError:
        return set()
    unescape = re.compile(r"\\([0-7]{3})")
    return {unescape.sub(lambda m: chr(int(m.group(1), 8)), f[4]) for f in fields if len(f) > 4}


def is_mount(target: Path) -> bool:
    """True when ``target`` is a mount point (another filesystem, or a bind mount)."""
    return os.path.ismount(target) or str(target) in _mount_points()


def _check_parent(given: str) -> None:
    """OutputError when the closest existing ancestor of OUT is not a folder."""
    ancestor = Path(given).parent
    while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if os.path.lexists(ancestor) and not ancestor.is_dir():
        raise OutputError(f"{given}: {ancestor} is not a folder, so OUT cannot be created in it")


def check_replaceable(target: Path, given: str) -> None:
    """OutputError unless ``target`` is absent, an empty folder, or an output of ours."""
    if not os.path.lexists(target):
        return
    if stat.S_ISLNK(os.lstat(target).st_mode) or not target.is_dir():
        raise OutputError(f"{given}: exists and is not a folder")
    reason = foreign(target)
    if reason is not None:
        raise OutputError(
            f"{given}: exists and is not an ingest output ({reason}); refusing to replace it"
        )


def check_out(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> Path:
    """The resolved OUT, or :class:`OutputError` saying why it cannot be written.

    OUT may not be empty, be (or be inside) an input folder, contain an input,
    be a mount point, or sit under a file; it may only replace an existing
    folder that an earlier run wrote (and holding nothing else), or an empty one.
    """
    given = os.fspath(out)
    if not given:
        raise OutputError("-o/--out is empty: expected the path of the output folder")
    _check_parent(given)
    target = Path(os.path.realpath(given))
    for raw in inputs:
        source = Path(os.path.realpath(raw))
        if source.is_dir() and _inside(target, source):
            raise OutputError(f"{given}: the output folder is inside the input folder {raw}")
        if _inside(source, target):
            raise OutputError(f"{given}: the output folder contains the input {raw}")
    if target.is_dir() and is_mount(target):
        raise OutputError(
            f"{given}: is a mount point, which cannot be swapped atomically; "
            f"write into a folder inside it (for example {os.path.join(given, 'out')})"
        )
    check_replaceable(target, given)
    return target


def clean_leftovers(target: Path) -> None:
    """Remove the temporary folders of dead runs; put back an OUT a dead run moved aside.

    Call only while holding the lock on ``target``: then no run that made
    them can be alive (every run holds the lock while they exist).
    """
    parent = target.parent
    base = f".{target.name}"
    try:
        entries = sorted(os.listdir(parent))
    except OSError:
        return
    for entry in entries:
        path = parent / entry
        if not entry.startswith((base + _PARTIAL, base + _OLD)) or path.is_symlink():
            continue
        if not path.is_dir():
            continue
        if entry.startswith(base + _OLD) and not os.path.lexists(target):
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(target: Path, shown: str | None = None) -> Iterator[Path]:
    """Lock ``target`` and give a fresh temporary sibling; removed if the block does not complete.

    Raises :class:`OutputError` when another run holds the lock, when
    ``target`` is not ours to replace, or when the folder cannot be created.
    """
    shown = str(target) if shown is None else shown
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write here ({exc.strerror or exc})") from None
    with locked(target, shown) as lock:
        check_replaceable(target, shown)
        try:
            clean_leftovers(target)
            temp = parent / f".{target.name}{_PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:8]}"
            temp.mkdir()
        except OSError as exc:
            raise OutputError(f"{shown}: cannot write here ({exc.strerror or exc})") from None
        _HELD[target] = lock
        try:
            yield temp
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        finally:
            _HELD.pop(target, None)


def publish(temp: Path, target: Path) -> None:
    """Put ``temp`` in place of ``target`` and remove the previous ``target``.

    Raises :class:`RunFailedError` when the lock was lost or the swap is
    refused (a mount point, a busy folder): ``target`` is then as it was.
    """
    lock = _HELD.get(target)
    if lock is not None:
        lock.verify()
    shown = str(target) if lock is None else lock.shown
    try:
        _swap(temp, target)
    except OSError as exc:
        raise RunFailedError(
            f"{shown}: cannot swap the new output into place ({os_reason(exc)}); "
            f"{shown} is left as it was"
        ) from None


def _swap(temp: Path, target: Path) -> None:
    if not os.path.lexists(target):
        os.rename(temp, target)
        return
    if _exchange(temp, target):
        shutil.rmtree(temp, ignore_errors=True)
        return
    aside = target.parent / f".{target.name}{_OLD}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.rename(target, aside)
    try:
        os.rename(temp, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
"""What ``renameat2`` says where the kernel or the filesystem cannot exchange."""


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where unsupported.

    Raises ``OSError`` for any other failure (``EBUSY`` for a mount point, say).
    """
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
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


_ERRNO = re.compile(r"\[errno (\d+)\]")
"""How pyarrow's ``OSError`` messages name the error (its ``errno`` attribute is unset)."""


def os_reason(exc: OSError) -> str:
    """``No space left on device``: the system's words for ``exc``, else its message."""
    if exc.errno is not None:
        return os.strerror(exc.errno)
    found = _ERRNO.search(str(exc))
    return os.strerror(int(found.group(1))) if found else str(exc)


def _os_cause(error: BaseException | None) -> OSError | None:
    """The ``OSError`` that ``error`` is, or that caused it (a writer's wrapped error)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError):
            return error
        error, seen = error.__cause__, seen + 1
    return None


@contextlib.contextmanager
def finishing(shown: str) -> Iterator[None]:
    """Turn an ``OSError`` of the run (a full disk, say) into one :class:`RunFailedError` line."""
    try:
        yield
    except Exception as exc:
        cause = None if isinstance(exc, ValueError) else _os_cause(exc)  # usage errors stay 2
        if cause is None:
            raise
        raise RunFailedError(
            f"{shown}: the run could not finish ({os_reason(cause)}); {shown} is left as it was"
        ) from None
