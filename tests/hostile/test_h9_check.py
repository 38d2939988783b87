"""Hostile input for `ingest check --fix` and file selection (issue 15): a `.gitignore` or
`--exclude` from a pull request, symlinks, a page changed while it is fixed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.jobs.discover import InputError, compile_patterns, find_inputs
from tests.paths import PAGE_000

RIGHT = b"FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100."
WRONG = b"FLUX.1 Pro ranks higher at 60/100 vs rorshark-vit-base at 42/100."


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_a_pattern_with_many_stars_is_skipped_not_backtracked(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("*a*a*a*a*a*a*a*a*a*a*a*b\n" * 10, "utf-8")
    long_name = tree / ("a" * 200 + ".txt")
    shutil.copy(PAGE_000, long_name)
    started = time.perf_counter()
    found = find_inputs([str(tree)]).files
    assert time.perf_counter() - started < 2
    assert sorted(Path(p).name for p in found) == sorted([long_name.name, "good.txt"])


def test_a_two_star_pattern_on_the_longest_names_stays_fast() -> None:
    spec = compile_patterns(["*a*b"])
    deep = "/".join(["a" * 255] * 15)  # 255: the longest name a filesystem allows
    started = time.perf_counter()
    assert [spec.match_file(deep) for _ in range(100)] == [False] * 100
    assert time.perf_counter() - started < 1
    assert compile_patterns(["*a*a*b"]).match_file("ab") is False  # three: skipped


def test_a_fifo_gitignore_is_one_line_not_a_hang(tree: Path) -> None:
    (tree / ".git").mkdir()
    os.mkfifo(tree / ".gitignore")
    with pytest.raises(InputError) as caught:
        find_inputs([str(tree)])
    assert str(caught.value) == f"{tree}/.gitignore: cannot read: not a regular file"


def test_fix_writes_through_a_link_inside_the_inputs_and_keeps_the_link(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tree / "real.txt"
    real.write_bytes(PAGE_000.read_bytes().replace(RIGHT, WRONG))
    (tree / "link.txt").symlink_to("real.txt")
    monkeypatch.chdir(tree.parent)
    result = _run("check", "in/link.txt", "--fix", "--select", "IG102")
    assert result.exit_code == 0
    assert (tree / "link.txt").is_symlink()
    assert real.read_bytes() == PAGE_000.read_bytes()


def test_fix_never_follows_a_link_leaving_the_inputs(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(PAGE_000.read_bytes().replace(RIGHT, WRONG))
    (tree / "link.txt").symlink_to(outside)
    monkeypatch.chdir(tree.parent)
    result = _run("check", "in", "--fix", "--select", "IG001,IG102")
    assert result.exit_code == 1
    assert "in/link.txt:1:1: IG001 [error] cannot parse the page: symlink outside the inputs" in (
        result.stdout
    )
    assert outside.read_bytes() == PAGE_000.read_bytes().replace(RIGHT, WRONG)


def test_show_fixes_escapes_control_characters(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        PAGE_000.read_bytes().replace(RIGHT, WRONG).replace(b"rorshark-vit-base", b"ror\x1bshark")
    )
    (tree / "p.txt").write_bytes(data)
    monkeypatch.chdir(tree.parent)
    result = _run("check", "in/p.txt", "--fix", "--show-fixes", "--select", "IG102")
    assert "\x1b" not in result.stderr
    assert "vs ror\\x1bshark at 42/100.'" in result.stderr
