"""Before ``--incremental`` carries anything over: is the previous OUT whole?

Every table folder must exist and hold exactly the part files its manifest
lists (any ``part-*.parquet`` for a manifest that does not list them), every
part's Parquet footer must be readable, and the rows in the footers must add
up to the manifest's count per table (the input index, if any, to its file
count). Reading footers costs one small read per file. A part damaged in its
middle with an intact footer is not detected here (its pages would fail to
read when carried); a truncated file, the common case, is.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.dataset.manifest import INDEX_NAME, Manifest
from ingest.dataset.schemas import TABLES


def _rows(path: Path, shown: str) -> int | str:
    """Rows in the footer of ``path``, or what is wrong with it."""
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except FileNotFoundError:
        return f"{shown}: missing"
    except (OSError, pa.ArrowException):
        return f"{shown}: unreadable footer"


def damage(target: Path, manifest: Manifest) -> str | None:
    """What is wrong with the output ``target`` against its ``manifest``; None if nothing."""
    for table in TABLES:
        folder = target / table
        if not folder.is_dir():
            return f"{table}/: missing"
        present = sorted(p.name for p in folder.iterdir())
        listed = None if manifest.parts is None else manifest.parts.get(table, ())
        if listed is None:
            listed = tuple(name for name in present if name.startswith("part-"))
        extra = sorted(set(present) - set(listed))
        if extra:
            return f"{table}/{extra[0]}: not in the manifest"
        total = 0
        for name in listed:
            rows = _rows(folder / name, f"{table}/{name}")
            if isinstance(rows, str):
                return rows
            total += rows
        expected = manifest.tables.get(table, 0)
        if total != expected:
            return f"{table}: {total} rows, the manifest says {expected}"
    index = target / INDEX_NAME
    if manifest.incremental is not None or index.exists():
        rows = _rows(index, INDEX_NAME)
        if isinstance(rows, str):
            return rows
        if rows != manifest.files:
            return f"{INDEX_NAME}: {rows} rows, the manifest says {manifest.files} files"
    return None
