"""The package's build backend: setuptools', plus mypyc when the compiled build is asked for.

``INGEST_COMPILE=1 pip install .`` builds a wheel whose hot modules (``setup.py`` lists them)
are compiled to C extensions by mypyc; without it, and for an editable install always, the
package is pure Python. The compiled build needs mypy, and mypy needs two of the package's own
imports (pydantic, lark) to type the modules it compiles: they become build requirements only
then, and pip installs them into its isolated build environment as it does setuptools.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from setuptools import build_meta
from setuptools.build_meta import (  # noqa: F401  (the rest of PEP 517/660, unchanged)
    build_editable,
    build_sdist,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

COMPILE_ENV = "INGEST_COMPILE"
WHEEL_ENV = "INGEST_BUILDING_WHEEL"
MYPY = "mypy>=1.10"
# What mypy needs to type the compiled modules: pydantic for its plugin (pyproject's
# [tool.mypy]) and the models, lark for the parser. The modules mypy only passes through on the
# way (the report, the Dask engine) are read with their errors silenced (setup.py).
TYPED_BY = ("pydantic", "lark")


def compile_requested() -> bool:
    return os.environ.get(COMPILE_ENV, "") == "1"


def building_wheel() -> bool:
    return os.environ.get(WHEEL_ENV, "") == "1"


def _compile_requires() -> list[str]:
    if not compile_requested():
        return []
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    typing_needs = [req for req in project["dependencies"] if req.startswith(TYPED_BY)]
    return [MYPY, *typing_needs]


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [*build_meta.get_requires_for_build_wheel(config_settings), *_compile_requires()]


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    # setup.py runs for every hook (requirements, metadata, wheel, editable); it compiles only
    # here, so the requirements hook runs before mypy is installed and an editable install,
    # which runs the sources in src/, never gets compiled modules that would shadow later edits.
    os.environ[WHEEL_ENV] = "1"
    try:
        name: str = build_meta.build_wheel(wheel_directory, config_settings, metadata_directory)
        return name
    finally:
        del os.environ[WHEEL_ENV]
