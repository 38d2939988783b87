"""The build backend asks for mypyc's needs only for the compiled build, and setup.py names
modules that exist (a renamed module would otherwise fail only the compiled build)."""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import importlib.util
from types import ModuleType

import pytest

from ingest.bench.run import compiled_modules
from tests.paths import ROOT


def _backend() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ingest_build", ROOT / "build_backend" / "ingest_build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compiled_modules() -> list[str]:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["COMPILED"]:
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(item) for item in value]
    raise AssertionError("setup.py has no COMPILED list")


def test_the_compiled_build_adds_mypy_pydantic_and_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = _backend()
    monkeypatch.chdir(ROOT)  # pip runs the backend in the source tree
    monkeypatch.setenv("INGEST_COMPILE", "1")
    assert backend._compile_requires() == ["mypy>=1.10", "lark>=1.2", "pydantic>=2.6"]


@pytest.mark.parametrize("value", [None, "0", "", "yes"])
def test_any_other_setting_builds_pure_python(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    backend = _backend()
    monkeypatch.chdir(ROOT)
    if value is None:
        monkeypatch.delenv("INGEST_COMPILE", raising=False)
    else:
        monkeypatch.setenv("INGEST_COMPILE", value)
    assert backend._compile_requires() == []
    assert not backend.compile_requested()


def test_only_the_wheel_hook_marks_a_wheel_build(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = _backend()
    seen: list[bool] = []

    def fake_build_wheel(*args: object) -> str:
        seen.append(backend.building_wheel())
        return "ingest-0.1.0-cp311-cp311-linux_x86_64.whl"

    monkeypatch.setattr(backend.build_meta, "build_wheel", fake_build_wheel)
    assert not backend.building_wheel()
    assert backend.build_wheel("dist") == "ingest-0.1.0-cp311-cp311-linux_x86_64.whl"
    assert seen == [True]
    assert not backend.building_wheel()  # and unmarked after it, even for the editable hook
    assert backend.build_editable is backend.build_meta.build_editable


def test_every_compiled_module_exists_and_is_on_the_hot_path() -> None:
    modules = _compiled_modules()
    assert len(modules) == len(set(modules)) == 15
    for module in modules:
        assert (ROOT / "src" / "ingest" / module).is_file(), module
    # The modules whose imports make the pure build start fast stay pure: the CLI, the API.
    assert not [m for m in modules if m.startswith(("cli/", "api", "parse/api", "parse/grammar"))]


def test_the_installed_build_is_pure_or_compiled_as_a_whole() -> None:
    """Under make test-compiled every listed module is an extension; under make test none is."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    compiled = [f"{module}.py" for module in compiled_modules()]
    assert compiled in ([], sorted(_compiled_modules())), compiled
    for module in _compiled_modules():
        imported = importlib.import_module("ingest." + module.removesuffix(".py").replace("/", "."))
        assert imported.__file__ is not None
        assert imported.__file__.endswith(suffixes if compiled else (".py",)), imported.__file__
