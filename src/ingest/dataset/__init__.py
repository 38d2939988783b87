"""Pages to tables and back: schemas, the normalizer, the output folder, Parquet, ``load``.

``load``, ``read_tables``, ``snapshot`` and ``Snapshot`` (:mod:`ingest.dataset.read`)
are imported on first use, so that importing a schema does not load pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.dataset.read import Snapshot, load, read_tables, snapshot

_LAZY = frozenset({"Snapshot", "load", "read_tables", "snapshot"})


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'ingest.dataset' has no attribute {name!r}")
    return getattr(importlib.import_module("ingest.dataset.read"), name)


__all__ = ["Snapshot", "load", "read_tables", "snapshot"]
