"""The bench says which build it measures: whether the modules have bytecode (else start-up
includes compiling them), and whether mypyc compiled some of them."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import sys
from pathlib import Path

import pytest

from ingest.bench.run import build_state, bytecode_state


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "ingest"
    (package / "sub").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "sub/__init__.py", "sub/b.py"):
        (package / name).write_text("X = 1\n")
    return package


def test_every_module_compiled(tmp_path: Path) -> None:
    package = _package(tmp_path)
    import compileall

    assert compileall.compile_dir(str(package), quiet=1)
    assert bytecode_state(package) == "bytecode: all 4 modules compiled"


def test_missing_and_stale_bytecode_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path)
    import compileall

    assert compileall.compile_dir(str(package), quiet=1)
    shutil.rmtree(package / "sub" / "__pycache__")  # two never compiled
    stale = package / "a.py"
    later = stale.stat().st_mtime + 60
    os.utime(stale, (later, later))  # edited after it was compiled
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert bytecode_state(package) == (
        "bytecode: 3 of 4 modules not compiled, not written (PYTHONDONTWRITEBYTECODE): "
        "start-up times include compiling them (make bytecode)"
    )


def test_a_package_of_sources_is_pure(tmp_path: Path) -> None:
    assert build_state(_package(tmp_path)) == (
        "build: pure Python (INGEST_COMPILE=1 pip install . compiles the hot modules)"
    )


def test_extension_modules_beside_their_sources_are_named(tmp_path: Path) -> None:
    package = _package(tmp_path)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]  # e.g. .cpython-311-x86_64-linux-gnu.so
    (package / "sub" / f"b{suffix}").write_bytes(b"")
    (package / f"a{suffix}").write_bytes(b"")
    (package / "notes.txt").write_text("not a module")
    assert build_state(package) == "build: 2 modules compiled by mypyc (a, sub/b)"
