"""`ingest check` on hostile paths and files: an IG001 finding or a one-line message each."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.hostile.process import GOOD_PAGE, ingest, program, require_permissions


def check_ig001(tree: Path, *options: str) -> tuple[int, list[str]]:
    """Exit code and IG001 lines of `ingest check in --select IG001`."""
    run = ingest("check", "in", "--select", "IG001", *options, cwd=tree.parent)
    return run.exit_code, run.stdout.splitlines()


def test_an_unreadable_file_is_an_ig001_finding(tree: Path) -> None:
    require_permissions()
    (tree / "locked.txt").write_bytes(b"A vs B\n")
    (tree / "locked.txt").chmod(0)
    assert check_ig001(tree) == (
        1,
        [
            "in/locked.txt:1:1: IG001 [error] cannot parse the page: permission denied "
            "(expected a readable file)",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


def test_a_symlink_loop_between_folders_is_walked_once(tree: Path) -> None:
    (tree / "a").mkdir()
    (tree / "b").mkdir()
    (tree / "a" / "to_b").symlink_to("../b")
    (tree / "b" / "to_a").symlink_to("../a")
    (tree / "a" / "page.txt").write_bytes(GOOD_PAGE.read_bytes())
    assert check_ig001(tree) == (0, ["No findings in 2 files."])


def test_a_file_symlinked_to_itself_is_an_ig001_finding(tree: Path) -> None:
    (tree / "self.txt").symlink_to("self.txt")
    assert check_ig001(tree) == (
        1,
        [
            "in/self.txt:1:1: IG001 [error] cannot parse the page: cannot read: Too many "
            "levels of symbolic links",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


def test_a_300_mb_file_is_an_ig001_finding_without_being_read(tree: Path) -> None:
    with open(tree / "huge.txt", "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk, but 300 MB to read
    assert check_ig001(tree) == (
        1,
        [
            "in/huge.txt:1:1: IG001 [error] cannot parse the page: file too large: 314572800 "
            "bytes (expected at most 5000000 bytes (--max-bytes))",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


def test_a_file_over_max_bytes_is_an_ig001_finding(tree: Path) -> None:
    (tree / "big.txt").write_bytes(b"x" * 30_000)
    assert check_ig001(tree, "--max-bytes", "20000") == (
        1,
        [
            "in/big.txt:1:1: IG001 [error] cannot parse the page: file too large: 30000 bytes "
            "(expected at most 20000 bytes (--max-bytes))",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


def test_a_fifo_is_an_ig001_finding_not_a_hang(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")
    assert check_ig001(tree) == (
        1,
        [
            "in/pipe.txt:1:1: IG001 [error] cannot parse the page: not a regular file "
            "(expected a page file)",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


def test_a_file_name_with_a_newline_is_checked(tree: Path) -> None:
    (tree / "new\nline.txt").write_bytes(b"not a page\n")
    run = ingest("check", "in", "--select", "IG001", "--format", "json", cwd=tree.parent)
    assert run.exit_code == 1
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(run.stdout)] == [
        ("in/new\nline.txt", 1, "IG001")
    ]


def test_a_file_name_with_a_newline_keeps_its_finding_on_one_line(tree: Path) -> None:
    (tree / "new\nline.txt").write_bytes(b"not a page\n")
    code, lines = check_ig001(tree)
    assert code == 1
    assert len(lines) == 2
    assert lines[0].startswith("in/new\\nline.txt:1:1: ")
    assert lines[0].endswith(
        ":1:1: IG001 [error] cannot parse the page: unexpected line "
        "'not a page' (expected a title line '<A> vs <B>')"
    )


def test_a_file_name_with_invalid_utf8_bytes_is_shown_escaped(tree: Path) -> None:
    (tree / os.fsdecode(b"bad\xff.txt")).write_bytes(b"not a page\n")
    assert check_ig001(tree) == (
        1,
        [
            "in/bad\\xff.txt:1:1: IG001 [error] cannot parse the page: unexpected line "
            "'not a page' (expected a title line '<A> vs <B>')",
            "Found 1 finding (1 error, 0 warnings) in 2 files.",
        ],
    )


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("json", '"in/bad\\\\xff.txt"'),
        ("github", "file=in/bad\\xff.txt,"),
        ("junit", "in/bad\\xff.txt"),
        ("sarif", '"uri": "in/bad%5Cxff.txt"'),
    ],
)
def test_a_file_name_with_invalid_utf8_bytes_is_reported_in_utf8(
    tree: Path, fmt: str, shown: str
) -> None:
    (tree / os.fsdecode(b"bad\xff.txt")).write_bytes(b"not a page\n")
    run = subprocess.run(
        [*program(), "check", "in", "--select", "IG001", "--format", fmt],
        cwd=tree.parent,
        capture_output=True,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (1, b"")
    assert shown in run.stdout.decode("utf-8")  # valid UTF-8, the name escaped


def test_json_names_a_file_with_invalid_utf8_bytes_by_its_escaped_path(tree: Path) -> None:
    (tree / os.fsdecode(b"bad\xff.txt")).write_bytes(b"not a page\n")
    run = ingest("check", "in", "--select", "IG001", "--format", "json", cwd=tree.parent)
    assert [f["path"] for f in json.loads(run.stdout)] == ["in/bad\\xff.txt"]
