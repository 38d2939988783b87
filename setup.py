"""The compiled build: ``INGEST_COMPILE=1 pip install .`` compiles the hot modules with mypyc.

Everything else about the package is in pyproject.toml; this file only adds the C extensions,
and only for a wheel (``build_backend/ingest_build.py`` keeps editable installs pure). The
modules below are the per-page path of ``ingest parse`` and ``ingest check``: the parser's table
driver, transformer and claims, the rules, and the rows the dataset takes from a page. Each is
``mypy --strict`` clean as it stands; mypyc compiles it unchanged. Without a C compiler the
build fails loudly: install without INGEST_COMPILE for the pure-Python package.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

from setuptools import setup

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "build_backend"))
from ingest_build import COMPILE_ENV, building_wheel, compile_requested

COMPILED = [
    "parse/lalr_driver.py",
    "parse/transformer.py",
    "parse/claims.py",
    "parse/claim_forms.py",
    "parse/page_checks.py",
    "parse/cell_values.py",
    "rules/check.py",
    "rules/context.py",
    "rules/scores.py",
    "rules/leads.py",
    "rules/subjects.py",
    "rules/capabilities.py",
    "rules/free_tier.py",
    "rules/structure.py",
    "dataset/page_rows.py",
]

# mypy's cache between builds (JSON, checked against each source's hash by mypy): a cold type
# check of everything the compiled modules import is most of a first build's time.
MYPY_CACHE = os.path.join(".mypy_cache", "mypyc")


def build_base() -> str:
    """A fresh build folder for each wheel, removed after it: a folder kept between builds would
    put the compiled modules of an earlier build into a later wheel (pure or compiled)."""
    folder = tempfile.mkdtemp(prefix="ingest-build-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def ext_modules(folder: str) -> list[object]:
    if not compile_requested():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit(f"{COMPILE_ENV}=1 needs mypy in the build environment (pip install mypy)")
    return list(
        mypycify(
            [
                # mypy follows the imports of the compiled modules through the whole package;
                # only these modules' own type errors matter (make lint checks the rest).
                "--follow-imports=silent",
                f"--cache-dir={MYPY_CACHE}",
                *(os.path.join("src", "ingest", module) for module in COMPILED),
            ],
            target_dir=os.path.join(folder, "mypyc"),
            group_name="ingest",
        )
    )


if building_wheel():
    folder = build_base()
    setup(ext_modules=ext_modules(folder), options={"build": {"build_base": folder}})
else:
    setup()
