"""Folder-name patterns (the default excludes) are matched as pathspec matches them."""

from __future__ import annotations

import sys

import pathspec
from hypothesis import given
from hypothesis import strategies as st

from ingest.jobs.discover import DEFAULT_EXCLUDES, FolderNames, compile_patterns

NAMES = ["a", "b", "build", ".git", ".hidden", "x.y", "node_modules", "__pycache__", "ab", "-"]
PATTERNS = ["a/", "build/", ".*/", "*b/", "a*/", "*/", "x.*/", "__pycache__/", "-/", "*.y/"]

patterns = st.lists(st.sampled_from(PATTERNS), max_size=4)
paths = st.builds(
    lambda folders, name, is_folder: (
        "".join(f + "/" for f in folders) + (name + "/" if is_folder else name)
    ),
    st.lists(st.sampled_from(NAMES), max_size=4),
    st.sampled_from(NAMES),
    st.booleans(),
)


@given(lines=patterns, path=paths)
def test_folder_names_match_as_pathspec_does(lines: list[str], path: str) -> None:
    expected = pathspec.GitIgnoreSpec.from_lines(lines).match_file(path)
    assert FolderNames(lines).match_file(path) is expected
    assert compile_patterns(lines).match_file(path) is expected


def test_the_default_excludes_need_no_pathspec() -> None:
    matcher = compile_patterns(DEFAULT_EXCLUDES)
    assert isinstance(matcher, FolderNames)
    assert matcher.names == {".git", ".venv", "venv", "node_modules", "__pycache__"}
    assert matcher.globs == (".*",)
    assert matcher.match_file("pages/.cache/a.txt") is True
    assert matcher.match_file("pages/node_modules/") is True
    assert matcher.match_file("pages/a.txt") is False
    assert matcher.match_file(".git") is False  # a file named .git is not a folder


def test_comments_and_blank_lines_keep_folder_names() -> None:
    assert isinstance(compile_patterns(["# folders", "", "build/"]), FolderNames)


def test_any_other_pattern_goes_to_pathspec() -> None:
    for lines in (["*.log"], ["build/", "!build/keep/"], ["a/b/"], ["/root/"], ["[ab]/"], ["./"]):
        assert isinstance(compile_patterns(lines), pathspec.GitIgnoreSpec), lines


def test_a_walk_with_the_defaults_does_not_import_pathspec() -> None:
    import subprocess

    code = (
        "import sys, tempfile, pathlib\n"
        "from ingest.jobs.discover import find_inputs\n"
        "d = pathlib.Path(tempfile.mkdtemp()); (d / 'a.txt').write_text('x')\n"
        "(d / '.git').mkdir(); (d / '.git' / 'b.txt').write_text('x')\n"
        "found = find_inputs([str(d)]).files\n"
        "assert [p.rsplit('/', 1)[1] for p in found] == ['a.txt'], found\n"
        "assert 'pathspec' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
