"""The text of a file shipped inside the package (the grammar and its tables).

Read from beside the code when the package is a folder on disk, as every
install from a wheel or a checkout is: ``importlib.resources`` costs the
~60 M instructions of its import (``tempfile``, ``zipfile``, ...), an eighth of
``ingest check FILE``. A package imported from a zip file has no such
folder: there ``importlib.resources`` reads it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The ``ingest`` package's folder (the parent of this module's ``parse``)."""


def package_text(*parts: str) -> str:
    """The UTF-8 text of ``ingest/<parts...>`` as shipped with the package."""
    path = PACKAGE.joinpath(*parts)
    if path.is_file():
        return path.read_text("utf-8")
    from importlib import resources  # here: a zipped package (no folder beside the code)

    return resources.files("ingest").joinpath(*parts).read_text("utf-8")
