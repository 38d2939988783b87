"""Discovery's shortcuts give what matching every path in full gave: entries matched by the
path relative to each pattern base, files not matched against folders-only patterns."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.jobs.discover import Selection, compile_patterns, find_inputs

PIECES = ["a", "b", ".", "*", "**", "?", "[ab]", "[!a]", "/", "x.y", "\\*", " ", "#"]
NAMES = ["a", "b", "ab", ".a", "x.y", "*", "ba", "a b"]
folder_patterns = st.lists(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(lambda p: "".join(p) + "/"),
    min_size=1,
    max_size=3,
)
folders = st.lists(st.sampled_from(NAMES), max_size=3).map(lambda n: "".join(f + "/" for f in n))


@given(lines=folder_patterns, folder=folders, name=st.sampled_from(NAMES))
def test_a_file_is_ignored_by_folder_patterns_exactly_when_its_folder_is(
    lines: list[str], folder: str, name: str
) -> None:
    spec = compile_patterns(lines)
    assert spec.match_file(folder + name) == (bool(folder) and spec.match_file(folder))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree whose `.gitignore` files, above and below the walked folder, mix
    folder patterns, file patterns and negations."""
    for folder in ("top/keep", "top/build/x", "top/walk/logs", "top/walk/sub/build", "top/walk/d"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "top" / ".git").mkdir()
    (tmp_path / "top" / ".gitignore").write_text("build/\n", "utf-8")
    (tmp_path / "top" / "walk" / ".gitignore").write_text("*.log.txt\n!keep.log.txt\n", "utf-8")
    (tmp_path / "top" / "walk" / "sub" / ".gitignore").write_text("# c\n\nd/\n", "utf-8")
    for file in (
        "top/keep/a.txt",
        "top/build/x/b.txt",
        "top/walk/c.txt",
        "top/walk/x.log.txt",
        "top/walk/keep.log.txt",
        "top/walk/logs/e.txt",
        "top/walk/sub/f.txt",
        "top/walk/sub/build/g.txt",
        "top/walk/d/h.txt",
    ):
        (tmp_path / file).write_text("", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("tree")
@pytest.mark.parametrize(
    "root", ["top/walk", "./top/walk/", os.path.join("top", "keep", "..", "walk")]
)
def test_gitignores_above_and_below_the_walked_folder(root: str) -> None:
    found = [os.path.relpath(path, root) for path in find_inputs([root]).files]
    assert found == ["c.txt", "keep.log.txt", "d/h.txt", "logs/e.txt", "sub/f.txt"]


@pytest.mark.usefixtures("tree")
def test_a_walk_inside_an_ignored_folder_finds_nothing() -> None:
    assert find_inputs(["top/build"]).files == []
    assert find_inputs(["top/build"], selection=Selection(respect_gitignore=False)).files == [
        "top/build/x/b.txt"
    ]


@pytest.mark.usefixtures("tree")
def test_exclude_patterns_of_files_and_folders() -> None:
    selection = Selection(exclude=["logs/", "c.txt"], respect_gitignore=False)
    found = find_inputs(["top/walk"], selection=selection).files
    assert found == [
        "top/walk/keep.log.txt",
        "top/walk/x.log.txt",
        "top/walk/d/h.txt",
        "top/walk/sub/f.txt",
        "top/walk/sub/build/g.txt",
    ]
