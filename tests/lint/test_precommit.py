"""The pre-commit hook (issue 15): the README snippet, run with `pre-commit try-repo` on a
small repository of pages plus a requirements.txt, checks only the pages.

The hook is `language: python`, which installs ingest from PyPI: this machine is offline, so
the test runs a copy of the hook whose language is `system`, its entry this environment's
`ingest`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.paths import PAGE_000, PAGE_002, ROOT
from tests.readme import README

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")


def _git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def _repo(folder: Path) -> str:
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "init")
    return _git(folder, "rev-parse", "HEAD")


def _snippet() -> dict[str, object]:
    text = README.read_text("utf-8")
    start = text.index("<!-- pre-commit-snippet")
    body = text.index("```yaml\n", start) + len("```yaml\n")
    block = text[body : text.index("```", body)]
    loaded = yaml.safe_load(block)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture
def hook_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git copy of the hook definition, run with this environment's `ingest`."""
    folder = tmp_path / "hook"
    folder.mkdir()
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook["language"] = "system"
    hook["entry"] = str(Path(sys.executable).parent / "ingest") + " check"
    (folder / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([hook]), "utf-8")
    return folder, _repo(folder)


def _pages_repo(tmp_path: Path, page: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "pages").mkdir(parents=True)
    shutil.copy(page, folder / "pages" / page.name)
    (folder / "requirements.txt").write_text("pydantic>=2\n", "utf-8")
    (folder / "notes.txt").write_text("not a page either\n", "utf-8")
    _repo(folder)
    return folder


def _pre_commit(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    env = {**os.environ, "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home")}
    return subprocess.run(
        [PRE_COMMIT, *args], cwd=folder, capture_output=True, text=True, env=env, timeout=300
    )


def test_try_repo_checks_only_the_pages(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    site = _pages_repo(tmp_path, PAGE_002)
    run = _pre_commit(site, "try-repo", str(hook_repo[0]), "ingest-check", "--all-files")
    assert run.returncode == 1
    assert "pages/002_9e1b73b20691a311.txt:2:1: IG104 [error]" in run.stdout
    assert "requirements.txt" not in run.stdout.split("ingest check")[-1]
    assert "notes.txt" not in run.stdout.split("ingest check")[-1]
    assert "Found 3 findings (2 errors, 1 warning) in 1 file." in run.stdout


def test_the_readme_snippet_runs_as_written(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    config = _snippet()
    [repo] = config["repos"]  # type: ignore[index]
    assert repo["hooks"][0]["id"] == "ingest-check"
    repo["repo"], repo["rev"] = str(hook_repo[0]), hook_repo[1]  # where it is hosted, a commit
    site = _pages_repo(tmp_path, PAGE_000)
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    run = _pre_commit(site, "run", "--all-files")
    assert run.returncode == 1  # --fail-on warning: page 000's IG202
    assert "pages/000_91da0c470094187d.txt:60:138: IG202 [warning]" in run.stdout
    assert "Found 1 finding (0 errors, 1 warning) in 1 file." in run.stdout
