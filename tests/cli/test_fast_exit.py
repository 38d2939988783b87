"""``ingest`` skips interpreter teardown after a clean run: same exit codes, same bytes out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.cli._common import FAST_EXIT_OPT_OUT
from tests.paths import CORPUS, PAGE_002

SCRIPT = Path(sys.executable).with_name("ingest")


def _run(args: list[str], fast: bool, **extra: str) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key != FAST_EXIT_OPT_OUT}
    if not fast:
        env[FAST_EXIT_OPT_OUT] = "1"
    env.update(extra)
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, env=env, check=False, cwd=CORPUS.parent
    )


CASES = {
    "findings": (["check", str(CORPUS)], 1),
    "json": (["check", str(PAGE_002), "--format", "json"], 1),
    "clean": (["check", str(PAGE_002), "--select", "IG003"], 0),
    "usage": (["check", "--bad"], 2),
    "bare": ([], 2),
    "version": (["--version"], 0),
    "rules": (["rules", "--json"], 0),
    "show": (["show", str(PAGE_002)], 0),
}


@pytest.mark.skipif(not SCRIPT.exists(), reason="no console script next to this Python")
@pytest.mark.parametrize("case", sorted(CASES))
def test_fast_exit_keeps_exit_code_and_output(case: str) -> None:
    args, code = CASES[case]
    fast, slow = _run(args, fast=True), _run(args, fast=False)
    assert (fast.returncode, slow.returncode) == (code, code)
    assert fast.stdout == slow.stdout
    assert fast.stderr == slow.stderr
    assert fast.stdout or fast.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="no console script next to this Python")
def test_fast_exit_after_parse_writes_the_whole_output(tmp_path: Path) -> None:
    done = _run(["parse", str(CORPUS), "-o", str(tmp_path / "out"), "--jobs", "2"], fast=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("5 files: 5 ok, 0 partial, 0 failed in ")
    assert (tmp_path / "out" / "_manifest.json").exists()
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.startswith(".")]


def test_python_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ingest.cli", "check", str(PAGE_002)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert b"IG104" in done.stdout


def test_no_fast_exit_inside_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller of ``main()`` gets SystemExit, not a process that ends under it."""
    from ingest.cli import main

    monkeypatch.setattr(sys, "argv", ["ingest", "--version"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
