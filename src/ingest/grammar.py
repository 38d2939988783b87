"""Loads the page grammar once per process.

The grammar file ships inside the package (``ingest/grammars``). Lark's
analysis is cached on disk (``cache=`` a path keyed by the grammar's hash), so
a worker process builds its parser in milliseconds. A ``Lark`` object is never
pickled: every process calls :func:`page_parser` and builds its own.
"""

from __future__ import annotations

import functools
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark

from ingest.transformer import PageTransformer

GRAMMAR_NAME = "comparison.lark"


def grammar_text() -> str:
    """The text of ``comparison.lark`` as shipped with the package."""
    return resources.files("ingest").joinpath("grammars", GRAMMAR_NAME).read_text("utf-8")


def _cache_path() -> str | bool:
    root = os.environ.get("INGEST_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "ingest"
    )
    try:
        os.makedirs(root, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root):
            pass
    except OSError:
        return False
    return os.path.join(root, "comparison.lark.cache")


def _lexer_class() -> Any:
    """lark-cython's LALR parser when installed (``ingest[fast]``) and wanted."""
    if os.environ.get("INGEST_NO_CYTHON"):
        return None
    try:
        import lark_cython
    except ImportError:
        return None
    return lark_cython


@functools.cache
def page_parser(accelerated: bool = True) -> Lark:
    """The LALR parser with the page transformer inlined; built once per process."""
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "transformer": PageTransformer(),
        "maybe_placeholders": False,
        "propagate_positions": False,
    }
    plugin = _lexer_class() if accelerated else None
    if plugin is not None:
        options["_plugins"] = plugin.plugins
    cache = _cache_path()
    if cache:
        suffix = ".cython" if plugin is not None else ""
        options["cache"] = f"{cache}{suffix}"
    return Lark(grammar_text(), **options)
