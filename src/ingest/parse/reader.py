"""Reads one input file of a batch, refusing what would hang or swamp a worker.

The walk returns every matching entry, FIFOs and devices included; opening
without blocking and checking ``fstat`` makes those fail instead of hanging
the batch, and files over ``max_bytes`` are refused before they are read.
Every problem is a :class:`~ingest.errors.ParseError`, so it becomes a
``failed`` page like any other.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections import deque
from collections.abc import Collection, Iterator, Sequence

from ingest.errors import ParseError

DEFAULT_MAX_BYTES = 5_000_000
"""Larger files are ``failed`` without being parsed (``--max-bytes``)."""

READ_AHEAD = 32
"""How many files ahead of the one being parsed a worker asks the kernel to read."""


_ESCAPE_LIKE = re.compile(r"\\x[0-9A-Fa-f]{2}")
"""A literal ``\\xHH`` in a name, which could be mistaken for an escaped byte."""


def printable_path(path: str) -> str:
    """``path`` as valid UTF-8 text, one distinct text for each distinct name.

    File names are bytes on Linux, and Python keeps undecodable ones as lone
    surrogates, which no Parquet or JSON writer accepts. A name that is UTF-8
    and holds no literal ``\\xHH`` is returned as it is (nearly every name);
    any other one has its backslashes doubled and its undecodable bytes shown
    as ``\\xHH``. So a raw 0xff byte gives ``\\xff`` while a literal
    ``\\xff`` gives ``\\\\xff``: two files never share a ``source_path``
    (every escaped name holds a ``\\xHH``, no unescaped one does). The file is
    still opened by its real name; only the tables and messages show this one.
    """
    if path.isascii() and "\\" not in path:
        return path
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate that no file name decodes to
        raw = path.encode("utf-8", "surrogatepass")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and _ESCAPE_LIKE.search(text) is None:
        return text
    # A backslash byte is never part of a multi-byte UTF-8 sequence.
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def _too_large(path: str, size: str, max_bytes: int, option: str = "--max-bytes") -> ParseError:
    limit = f"at most {max_bytes} bytes"
    return ParseError(
        f"file too large: {size} bytes",
        path=path,
        expected=f"{limit} ({option})" if option else limit,
    )


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file, or a :class:`ParseError` saying why not."""
    return _read_open(_open(path), path, max_bytes)


def _open(path: str) -> int:
    """A file descriptor of ``path``, opened without blocking (a FIFO must not hang us)."""
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ParseError(NO_SUCH_FILE, path=path, expected="a page file") from None
    except PermissionError:
        raise ParseError("permission denied", path=path, expected="a readable file") from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", path=path) from None


def _read_open(
    fd: int, path: str, max_bytes: int, kind: str = "a page file", option: str = "--max-bytes"
) -> bytes:
    """The bytes behind ``fd`` if it is a regular file of at most ``max_bytes``; closes ``fd``.

    ``kind`` and ``option`` name what was expected, and the option that sets
    the limit, in the errors.
    """
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ParseError("is a directory", path=path, expected=kind)
        if not stat.S_ISREG(info.st_mode):
            raise ParseError("not a regular file", path=path, expected=kind)
        if info.st_size > max_bytes:
            raise _too_large(path, str(info.st_size), max_bytes, option)
        # One read sized by fstat (a read of max_bytes would allocate that
        # much every time); a file that grows meanwhile is read to its end.
        data = os.read(fd, info.st_size + 1)
        while len(data) > info.st_size:
            more = os.read(fd, max_bytes + 1 - len(data))
            if not more:
                break
            data += more
            if len(data) > max_bytes:
                raise _too_large(path, f"more than {max_bytes}", max_bytes, option)
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)
    return data


NO_SUCH_FILE = "no such file"
"""The :class:`ParseError` message of a path that does not exist."""


def read_settings_file(path: str, max_bytes: int) -> str:
    """The text of a small file a user (or a pull request) supplies: a config, a baseline.

    Read the way pages are (no blocking on a FIFO, no device, nothing over
    ``max_bytes``), then decoded as strict UTF-8. Every problem is a
    :class:`ParseError` (``message`` :data:`NO_SUCH_FILE` when it is missing).
    """
    data = _read_open(_open(path), path, max_bytes, kind="a regular file", option="")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ParseError(
            f"not UTF-8: byte 0x{data[error.start]:02x}",
            path=path,
            line=line,
            column=column,
            expected="UTF-8 text",
        ) from None


SYMLINK_OUTSIDE = "symlink outside the inputs"
"""Why an input reached through a symlink that leaves the input folders is not read."""


def outside_error(path: str) -> ParseError:
    """The error of an input whose real path leaves the inputs (:mod:`ingest.jobs.discover`).

    It carries no line text: the file is never opened, so nothing of it can
    reach a dataset or a log.
    """
    return ParseError(
        SYMLINK_OUTSIDE,
        path=path,
        expected="a file under the input folders, or --follow-symlinks",
    )


def read_or_error(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | ParseError:
    """:func:`read_input`, with the error returned instead of raised."""
    try:
        return read_input(path, max_bytes)
    except ParseError as error:
        return error


def _open_advised(path: str) -> int | ParseError:
    """``path`` opened, with the kernel asked to start reading it in (without waiting)."""
    try:
        fd = _open(path)
    except ParseError as error:
        return error
    with contextlib.suppress(OSError):  # a FIFO or device: nothing to read ahead
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    return fd


def read_ahead(
    paths: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    ahead: int = READ_AHEAD,
    outside: Collection[str] = frozenset(),
) -> Iterator[tuple[str, bytes | ParseError]]:
    """Each path with its bytes (or why it cannot be read), the next files read ahead.

    Files are opened ``ahead`` places before they are read, and the kernel
    is asked (``posix_fadvise`` ``WILLNEED``) to load them, so that disk reads
    run while earlier pages are parsed. On a cold page cache this takes
    reading from 110 to 30 µs a file here; on a warm one it costs a
    ``fadvise`` call a file. (A reader thread hides more of a cold read but
    costs ~25 µs a page in GIL hand-offs when the files are cached.)
    A path in ``outside`` is never opened: it comes with :func:`outside_error`.
    """
    if outside:
        yield from _read_ahead_inside(paths, max_bytes, ahead, outside)
        return
    if not hasattr(os, "posix_fadvise"):  # pragma: no cover - not Linux
        for path in paths:
            yield path, read_or_error(path, max_bytes)
        return
    opened: deque[int | ParseError] = deque(_open_advised(path) for path in paths[:ahead])
    try:
        for index, path in enumerate(paths):
            if index + ahead < len(paths):
                opened.append(_open_advised(paths[index + ahead]))
            fd = opened.popleft()
            if isinstance(fd, ParseError):
                yield path, fd
                continue
            try:
                data: bytes | ParseError = _read_open(fd, path, max_bytes)
            except ParseError as error:
                data = error
            yield path, data
    finally:  # the caller stopped early: close what was opened ahead
        for fd in opened:
            if isinstance(fd, int):
                os.close(fd)


def _read_ahead_inside(
    paths: Sequence[str], max_bytes: int, ahead: int, outside: Collection[str]
) -> Iterator[tuple[str, bytes | ParseError]]:
    """:func:`read_ahead` of the paths not in ``outside``, those refused in their place."""
    inside = [path for path in paths if path not in outside]
    read = read_ahead(inside, max_bytes, ahead)
    for path in paths:
        yield (path, outside_error(path)) if path in outside else next(read)
