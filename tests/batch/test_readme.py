"""The README's batch section: recipes that run as written, every column and option documented."""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from ingest.cli.parse import parse
from ingest.dataset.schemas import SCHEMAS
from tests.batch.conftest import copy_corpus
from tests.readme import README, code_blocks, section


def _section() -> str:
    return section("batch")


def _blocks(language: str) -> list[str]:
    return code_blocks("batch", language)


def _commands() -> list[list[str]]:
    lines = [line.split("#")[0].strip() for block in _blocks("sh") for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("ingest ")]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shell_recipes_run_as_written(workdir: Path) -> None:
    commands = _commands()
    assert [command[:2] for command in commands] == [
        ["ingest", "parse"],
        ["ingest", "parse"],
        ["ingest", "summary"],
    ]
    binary = Path(sys.executable).parent / "ingest"
    for command in commands:
        result = subprocess.run([str(binary), *command[1:]], capture_output=True, text=True)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.startswith("5 files: 5 ok, 0 partial, 0 failed in "), command


def test_python_recipes_run_as_written(workdir: Path) -> None:
    namespace: dict[str, Any] = {}
    for block in _blocks("python"):
        exec(compile(block, str(README), "exec"), namespace)
    manifest = namespace["manifest"]
    assert asdict(manifest.status) == {"ok": 5, "partial": 0, "failed": 0}
    assert sorted(namespace["arrow"]) == sorted(SCHEMAS)
    ranks = namespace["ranks"]
    assert ranks.loc["FLUX.1 Pro", "value"] == 58.0
    assert ranks.loc["rorshark-vit-base", "value"] == 42.0
    leads = dict(namespace["leads"].iter_rows())
    assert leads == {"Adoption": 5, "Ecosystem": 5, "Quality": 5}


def test_every_column_of_every_table_is_documented() -> None:
    section = _section()
    for name, schema in SCHEMAS.items():
        start = section.index(f"**`{name}`**")
        end = section.find("**`", start + 4)
        documented = section[start : end if end != -1 else len(section)]
        missing = [column for column in schema.names if f"`{column}`" not in documented]
        assert missing == [], name


def test_every_option_of_parse_is_documented() -> None:
    # The engine and incremental options are documented in the scale section.
    documented = _section() + section("scale")
    for param in parse.params:
        for option in param.opts:
            shown = "PATH..." if option == "paths" else option
            assert f"`{shown}" in documented, option
