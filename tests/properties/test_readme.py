"""The README's testing section runs as written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.readme import README, code_blocks, section

ROOT = README.parent


def python_blocks() -> list[str]:
    return code_blocks("testing", "python")


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

    text = section("testing")
    public = {"pages", "consistent_pages", "broken_pages", "break_rule", "names", "mutants"}
    assert public <= set(testing.__all__)
    assert all(f"`{name}(" in text for name in public)
