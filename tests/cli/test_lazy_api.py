"""``import ingest`` is cheap: the public names load their modules on first use."""

from __future__ import annotations

import subprocess
import sys

import ingest

HEAVY = ("pydantic", "pyarrow", "lark", "ingest.lint", "ingest.batch", "ingest.dataset")


def test_import_ingest_loads_no_heavy_module() -> None:
    probe = f"import sys, ingest; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None, name
    assert set(ingest.__all__) <= set(dir(ingest))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        ingest.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_from_import_gives_the_defining_modules_objects() -> None:
    from ingest import Page, check, parse_file
    from ingest.lint import check as lint_check
    from ingest.page.models import Page as ModelPage
    from ingest.parse.api import parse_file as api_parse_file

    assert (Page, check, parse_file) == (ModelPage, lint_check, api_parse_file)
