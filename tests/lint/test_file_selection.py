"""Which files, which settings (issue 15): excludes, .gitignore, --glob, config discovery,
rule names, stdin, -q, duplicates, bare `ingest`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.jobs.discover import InputError, Selection, find_inputs
from tests.paths import ROOT

PAGE = ROOT / "corpus" / "002_9e1b73b20691a311.txt"


def _run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def _checked(*args: str) -> list[str]:
    """The files a `check` run reported an IG104 for (page 002 has two)."""
    result = _run("check", *args, "--format", "json-lines", "--select", "IG104")
    return sorted({json.loads(line)["path"] for line in result.stdout.splitlines()})


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with pages, a virtualenv, node_modules, a hidden folder, an ignored one."""
    for folder in ("pages", ".venv/lib", "node_modules/x", ".cache", "ignored", "venv"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(PAGE, tmp_path / folder / "p.txt")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored/\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("tree")
def test_default_excludes_and_gitignore() -> None:
    assert _checked(".") == ["./pages/p.txt"]


@pytest.mark.usefixtures("tree")
def test_no_respect_gitignore_takes_the_ignored() -> None:
    assert _checked(".", "--no-respect-gitignore") == ["./ignored/p.txt", "./pages/p.txt"]


def test_gitignore_above_the_walked_folder_counts(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "ignored" / "sub").mkdir()
    shutil.copy(PAGE, tree / "ignored" / "sub" / "q.txt")
    monkeypatch.chdir(tree / "ignored")
    assert _run("check", ".").stderr == "ingest: error: no page files (*.txt) under .\n"


@pytest.mark.usefixtures("tree")
def test_exclude_replaces_the_defaults_and_extend_exclude_adds() -> None:
    assert _checked(".", "--exclude", "node_modules/,.*/", "--no-respect-gitignore") == [
        "./ignored/p.txt",
        "./pages/p.txt",
        "./venv/p.txt",
    ]
    assert _checked(".", "--extend-exclude", "pages") == []


@pytest.mark.usefixtures("tree")
def test_a_named_file_is_taken_even_if_excluded_and_only_once() -> None:
    assert _checked(".venv/lib/p.txt", "./.venv/lib/p.txt", ".venv/lib//p.txt") == [
        ".venv/lib/p.txt"
    ]


def test_glob_chooses_the_files(tree: Path) -> None:
    shutil.copy(PAGE, tree / "pages" / "p.page")
    assert _checked("pages", "--glob", "*.page") == ["pages/p.page"]


def test_parse_takes_the_same_options(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Selection] = {}

    def fake_ingest(paths: object, out: object, jobs: object, **options: Any) -> object:
        seen["selection"] = options["selection"]
        raise InputError("stop here")

    monkeypatch.setattr("ingest.cli.parse.ingest", fake_ingest)
    args = ["--extend-exclude", "pages", "--no-respect-gitignore"]
    result = _run("parse", ".", "-o", str(tree.parent / "out-h9"), *args)
    assert result.stderr == "ingest: error: stop here\n"
    selection = seen["selection"]
    assert selection == Selection(None, ["pages"], respect_gitignore=False)
    assert find_inputs(["."], selection=selection).files == [
        "./ignored/p.txt",
    ]
    assert find_inputs(["."]).files == ["./pages/p.txt"]


def test_config_is_found_above_a_subfolder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "pyproject.toml").write_text('[tool.ingest]\nselect = ["winner-on-tie"]\n', "utf-8")
    monkeypatch.chdir(tree / "pages")
    result = _run("check", ".", "--format", "json")
    assert {f["code"] for f in json.loads(result.stdout)} == {"IG104"}
    isolated = _run("check", ".", "--format", "json", "--isolated")
    assert {f["code"] for f in json.loads(isolated.stdout)} == {"IG104", "IG202"}


def test_ingest_toml_and_config_file(tree: Path) -> None:
    (tree / "ingest.toml").write_text('ignore = ["IG104"]\n', "utf-8")
    assert {f["code"] for f in json.loads(_run("check", "pages", "--format", "json").stdout)} == {
        "IG202"
    }
    (tree / "other.toml").write_text('select = ["IG2"]\nfail-on = "warning"\n', "utf-8")
    result = _run("check", "pages", "--config", "other.toml")
    assert result.exit_code == 1
    missing = _run("check", "pages", "--config", "nope.toml")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "ingest: error: nope.toml: no such file\n",
    )


@pytest.mark.usefixtures("tree")
def test_rule_names_select_and_ignore() -> None:
    result = _run("check", "pages", "--select", "winner-on-tie,lead-on-tie", "--ignore", "IG202")
    assert [line.split(" ")[1] for line in result.stdout.splitlines()[:-1]] == ["IG104", "IG104"]


def test_stdin_is_a_page_with_its_filename() -> None:
    result = _run("check", "-", "--stdin-filename", "web/002.txt", "-q", stdin=PAGE.read_bytes())
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        "web/002.txt:2:1",
        "web/002.txt:47:1",
        "web/002.txt:47:163",
    ]


def test_stdin_that_is_not_a_page_is_an_ig001_finding() -> None:
    result = _run("check", "-", stdin=b"not a page\n")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "-:1:1: IG001 [error] cannot parse the page: unexpected line 'not a page' "
        "(expected a title line '<A> vs <B>')\nFound 1 finding (1 error, 0 warnings) in 1 file.\n"
    )
    both = _run("check", "-", "corpus", stdin=b"")
    assert (both.exit_code, both.stderr) == (
        2,
        "ingest: error: `-` (stdin) cannot be given with other paths\n",
    )


def test_bare_ingest_prints_its_help() -> None:
    result = CliRunner().invoke(main, [], prog_name="ingest")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: ingest [OPTIONS] COMMAND [ARGS]...\n")
    assert "error" not in result.stderr.split("\n")[0]
