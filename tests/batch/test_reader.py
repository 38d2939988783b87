"""``read_input``: one file's bytes, or a ParseError saying why not; never a hang."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parse.reader import read_ahead, read_input
from tests.batch.conftest import FIXTURES, PAGE_002


def test_reads_the_exact_bytes() -> None:
    assert read_input(str(PAGE_002)) == PAGE_002.read_bytes()


def test_empty_file_reads_as_no_bytes() -> None:
    assert read_input(str(FIXTURES / "empty.txt")) == b""


@pytest.mark.parametrize(
    ("make", "message", "expected"),
    [
        (lambda p: None, "no such file", "a page file"),
        (lambda p: p.mkdir(), "is a directory", "a page file"),
        (lambda p: os.mkfifo(p), "not a regular file", "a page file"),
        (
            lambda p: p.write_bytes(b"x" * 101),
            "file too large: 101 bytes",
            "at most 100 bytes (--max-bytes)",
        ),
    ],
    ids=["missing", "directory", "fifo", "oversized"],
)
def test_unreadable_inputs_are_parse_errors(
    tmp_path: Path, make: Callable[[Path], object], message: str, expected: str
) -> None:
    path = tmp_path / "page.txt"
    make(path)
    with pytest.raises(ParseError) as caught:
        read_input(str(path), max_bytes=100)
    error = caught.value
    assert (error.message, error.expected, error.path, error.line, error.column) == (
        message,
        expected,
        str(path),
        1,
        1,
    )


def test_a_file_of_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 100)
    assert len(read_input(str(path), max_bytes=100)) == 100


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(ParseError, match="permission denied"):
        read_input(str(path))


@pytest.mark.parametrize("ahead", [0, 1, 2, 32])
def test_read_ahead_gives_every_path_in_order_with_its_bytes_or_error(
    tmp_path: Path, ahead: int
) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "folder.txt").mkdir()
    big = tmp_path / "big.txt"
    limit = PAGE_002.stat().st_size
    big.write_bytes(b"x" * (limit + 1))
    paths = [str(PAGE_002), str(tmp_path / "fifo.txt"), str(tmp_path / "missing.txt")]
    paths += [str(tmp_path / "folder.txt"), str(big), str(PAGE_002)]
    got = list(read_ahead(paths, max_bytes=limit, ahead=ahead))
    assert [path for path, _ in got] == paths
    outcomes = [data if isinstance(data, bytes) else data.message for _, data in got]
    assert outcomes == [
        PAGE_002.read_bytes(),
        "not a regular file",
        "no such file",
        "is a directory",
        f"file too large: {limit + 1} bytes",
        PAGE_002.read_bytes(),
    ]


def test_read_ahead_closes_the_files_it_opened_when_stopped_early() -> None:
    before = len(os.listdir("/proc/self/fd"))
    reading = read_ahead([str(PAGE_002)] * 10, ahead=5)
    assert next(reading)[1] == PAGE_002.read_bytes()
    assert len(os.listdir("/proc/self/fd")) == before + 5
    reading.close()
    assert len(os.listdir("/proc/self/fd")) == before
