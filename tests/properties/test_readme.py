"""The README's testing section runs as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTION = re.compile(r"<!-- section:testing -->(.*?)<!-- /section:testing -->", re.S)
PYTHON = re.compile(r"```python\n(.*?)```", re.S)


def python_blocks() -> list[str]:
    match = SECTION.search((ROOT / "README.md").read_text("utf-8"))
    assert match is not None
    return PYTHON.findall(match.group(1))


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_a_python_recipe_of_the_testing_section_runs(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(python_blocks()[index], namespace)
    for name, value in namespace.items():
        if name.startswith("test_") and callable(value):
            value()  # a hypothesis test defined by the recipe: run it


def test_the_testing_section_names_every_strategy() -> None:
    from ingest import testing

    text = SECTION.search((ROOT / "README.md").read_text("utf-8"))
    assert text is not None
    public = {"pages", "consistent_pages", "broken_pages", "break_rule", "names", "mutants"}
    assert public <= set(testing.__all__)
    assert all(f"`{name}(" in text.group(1) for name in public)
