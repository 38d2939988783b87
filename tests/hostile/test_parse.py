"""`ingest parse` on hostile paths and files: a failed row or a one-line message each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.process import GOOD_PAGE as GOOD
from tests.hostile.process import ingest, require_permissions, rows


def parse(tree: Path, *options: str) -> tuple[int, str, Path]:
    out = tree.parent / "out"
    run = ingest("parse", "in", "-o", "out", "-q", *options, cwd=tree.parent)
    return run.exit_code, run.stderr, out


def test_an_unreadable_file_is_a_failed_page(tree: Path) -> None:
    require_permissions()
    (tree / "locked.txt").write_bytes(b"A vs B\n")
    (tree / "locked.txt").chmod(0)
    code, _, out = parse(tree)
    assert code == 1
    assert rows(out, "pages", "source_path", "status") == [
        ("in/good.txt", "ok"),
        ("in/locked.txt", "failed"),
    ]
    assert rows(out, "errors", "source_path", "message", "expected") == [
        ("in/locked.txt", "permission denied", "a readable file")
    ]


def test_a_symlink_loop_between_folders_is_walked_once(tree: Path) -> None:
    (tree / "a").mkdir()
    (tree / "b").mkdir()
    (tree / "a" / "to_b").symlink_to("../b")
    (tree / "b" / "to_a").symlink_to("../a")
    (tree / "a" / "page.txt").write_bytes(GOOD.read_bytes())
    code, _, out = parse(tree)
    assert code == 0
    assert rows(out, "pages", "source_path", "status") == [
        ("in/a/page.txt", "ok"),
        ("in/good.txt", "ok"),
    ]


def test_a_file_symlinked_to_itself_is_a_failed_page(tree: Path) -> None:
    (tree / "self.txt").symlink_to("self.txt")
    code, _, out = parse(tree)
    assert code == 1
    assert rows(out, "errors", "source_path", "message") == [
        ("in/self.txt", "cannot read: Too many levels of symbolic links")
    ]


def test_a_file_over_max_bytes_is_a_failed_page(tree: Path) -> None:
    (tree / "big.txt").write_bytes(b"x" * 30_000)
    code, _, out = parse(tree, "--max-bytes", "20000")
    assert code == 1
    assert rows(out, "errors", "source_path", "message", "expected") == [
        ("in/big.txt", "file too large: 30000 bytes", "at most 20000 bytes (--max-bytes)")
    ]


def test_a_300_mb_file_is_a_failed_page_without_being_read(tree: Path) -> None:
    with open(tree / "huge.txt", "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk, but 300 MB to read
    code, _, out = parse(tree)
    assert code == 1
    assert rows(out, "errors", "source_path", "message") == [
        ("in/huge.txt", "file too large: 314572800 bytes")
    ]


def test_a_fifo_is_a_failed_page_not_a_hang(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")
    code, _, out = parse(tree)
    assert code == 1
    assert rows(out, "errors", "source_path", "message") == [("in/pipe.txt", "not a regular file")]


def test_a_file_name_with_a_newline_is_kept(tree: Path) -> None:
    (tree / "new\nline.txt").write_bytes(GOOD.read_bytes())
    code, _, out = parse(tree)
    assert code == 0
    assert rows(out, "pages", "source_path", "status") == [
        ("in/good.txt", "ok"),
        ("in/new\nline.txt", "ok"),
    ]


def test_a_file_name_with_invalid_utf8_bytes_is_kept_escaped(tree: Path) -> None:
    (tree / os.fsdecode(b"bad\xff.txt")).write_bytes(GOOD.read_bytes())
    code, _, out = parse(tree)
    assert code == 0
    assert rows(out, "pages", "source_path", "status") == [
        ("in/bad\\xff.txt", "ok"),
        ("in/good.txt", "ok"),
    ]


@pytest.mark.parametrize("out", ["in/out", "in"])
def test_an_output_folder_inside_the_input_tree_is_a_usage_error(tree: Path, out: str) -> None:
    run = ingest("parse", "in", "-o", out, "-q", cwd=tree.parent)
    assert run.exit_code == 2
    assert run.stderr == f"ingest: error: {out}: the output folder is inside the input folder in\n"
    assert sorted(p.name for p in tree.iterdir()) == ["good.txt"]
