"""One run at a time per OUT: an ``flock`` on ``.OUT.lock`` beside OUT, held for the whole run.

The lock lives in OUT's temporary-sibling namespace (``.OUT.partial-*``,
``.OUT.old-*``), so it exists before OUT does. A second run does not wait: it
stops at once with :class:`~ingest.dataset.outdir_errors.OutputError` (exit 2), which
is what a CI job or a cron line wants. The holder removes the lock file when
it is done; a run that finds the file replaced under it after locking (the
holder just removed it) tries again, so two runs never both hold it. A run
that finds, before publishing, that its lock file is gone or replaced has
lost the lock and stops with :class:`~ingest.dataset.outdir_errors.RunFailedError`.
Because every run holds the lock while its temporary folders exist, the
holder may remove any temporary folder it finds: its run is dead, whatever
PID namespace it ran in.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.dataset.outdir_errors import OutputError, RunFailedError

_ATTEMPTS = 20
"""Tries when the lock file is replaced between opening and locking it (a holder leaving)."""


def lock_path(target: Path) -> Path:
    """``.OUT.lock`` in OUT's parent."""
    return target.parent / f".{target.name}.lock"


@dataclass(frozen=True)
class OutLock:
    """A held lock: its file, and the identity (device, inode) of what was locked."""

    path: Path
    fd: int
    identity: tuple[int, int]
    shown: str

    def held(self) -> bool:
        """True while ``path`` is still the file this run locked."""
        try:
            info = os.stat(self.path)
        except OSError:
            return False
        return (info.st_dev, info.st_ino) == self.identity

    def verify(self) -> None:
        """:class:`RunFailedError` unless the lock is still held."""
        if not self.held():
            raise RunFailedError(
                f"{self.shown}: lost the lock {self.path.name} (removed or replaced by "
                f"someone else); {self.shown} is left as it was"
            )


def _try_lock(path: Path, shown: str) -> OutLock | None:
    """The lock, None if the file was replaced meanwhile, OutputError if another run holds it."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        reason = exc.strerror or exc
        raise OutputError(f"{shown}: cannot create the lock {path} ({reason})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(f"another ingest run is writing {shown}") from None
    except OSError as exc:
        os.close(fd)
        raise OutputError(f"{shown}: cannot lock {path} ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    lock = OutLock(path, fd, (info.st_dev, info.st_ino), shown)
    if lock.held():
        return lock
    os.close(fd)
    return None


@contextlib.contextmanager
def locked(target: Path, shown: str) -> Iterator[OutLock]:
    """Hold the lock on ``target`` for the block; :class:`OutputError` if another run has it."""
    path = lock_path(target)
    for _ in range(_ATTEMPTS):
        lock = _try_lock(path, shown)
        if lock is not None:
            break
    else:  # pragma: no cover - twenty holders leaving in a row
        raise OutputError(f"another ingest run is writing {shown}")
    try:
        yield lock
    finally:
        if lock.held():
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(lock.fd)
