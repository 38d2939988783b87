"""The README's scale section: its recipes run as written, and its options exist."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.cli.parse import parse
from ingest.dataset.manifest import IncrementalCounts
from tests.batch.conftest import copy_corpus
from tests.readme import README, code_blocks, section


def _section() -> str:
    return section("scale")


def _blocks(language: str) -> list[str]:
    return code_blocks("scale", language)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_python_recipe_runs_as_written(workdir: Path) -> None:
    namespace: dict[str, Any] = {}
    for block in _blocks("python"):
        exec(compile(block, str(README), "exec"), namespace)
    assert namespace["manifest"].engine == "dask"
    # The first run was not incremental: every file is hashed once, none is parsed.
    assert namespace["again"].incremental == IncrementalCounts(unchanged=5, hashed=5)


def test_local_shell_recipes_run_as_written(workdir: Path) -> None:
    lines = [line.split("#")[0].strip() for line in _blocks("sh")[0].splitlines()]
    commands = [shlex.split(line) for line in lines if line.startswith("ingest parse corpus")]
    assert [command[-1] for command in commands] == ["dask", "--incremental"]
    binary = Path(sys.executable).parent / "ingest"
    outputs = []
    for command in commands:
        result = subprocess.run([str(binary), *command[1:]], capture_output=True, text=True)
        assert (result.returncode, result.stderr) == (0, ""), command
        outputs.append(result.stdout)
    shown = re.search(r"```console\n\$ (.*)\n(.*)\n```", _section())
    assert shown is not None
    assert shown.group(1) == " ".join(commands[1])
    timing = re.compile(r"in [\d.]+ s \([\d,]+ pages/s\)")
    assert timing.sub("", outputs[1]) == timing.sub("", shown.group(2)) + "\n"


def test_every_engine_option_of_parse_is_documented_here() -> None:
    section = _section()
    for option in ("--engine", "--scheduler", "--incremental"):
        assert any(option in param.opts for param in parse.params), option
        assert f"| `{option}" in section, option
