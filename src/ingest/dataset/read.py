"""``load(out)``: an output folder back as one pandas DataFrame per table, from one snapshot.

Columns keep the types of :mod:`ingest.dataset.schemas`: integers and booleans that
may be missing come back as pandas' nullable ``Int32`` / ``boolean`` instead
of floats; text and floats use pandas' defaults (missing is ``NaN``).

A reader never mixes two runs: it opens OUT once (a directory file
descriptor), reads the manifest through it and then exactly the part files
the manifest lists, each opened relative to that descriptor. A run that
swaps a new OUT in meanwhile does not change what the descriptor points to
(the previous folder, renamed); when that run then deletes the previous
folder under the reader, a part is missing and the read starts again on the
new OUT, up to :data:`ATTEMPTS` times. :func:`snapshot` gives other readers
(DuckDB, Polars, pandas) the same: the paths of the manifest's files through
the pinned descriptor (``/proc/self/fd/N/...``).
"""

from __future__ import annotations

import contextlib
import fnmatch
import importlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.dataset.manifest import (
    MANIFEST_NAME,
    Manifest,
    NotAnOutputError,
    parse_manifest,
    read_manifest_bytes,
)
from ingest.dataset.schemas import SCHEMAS, TABLES
from ingest.dataset.writer import PART_GLOB
from ingest.errors import IngestError
from ingest.page.format import SCHEMA_VERSION

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

ATTEMPTS = 5
"""Reads started again when OUT is replaced (and the previous one removed) during a read."""


class _Missing(Exception):
    """A file the manifest lists is not there: OUT was replaced while it was read, or is damaged."""

    def __init__(self, path: str, run_id: str) -> None:
        super().__init__(path)
        self.path = path
        self.run_id = run_id


@contextlib.contextmanager
def _opened(out: str | os.PathLike[str]) -> Iterator[int]:
    try:
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise NotAnOutputError(f"{out}: not an ingest output (no {MANIFEST_NAME})") from None
    except OSError as exc:
        raise NotAnOutputError(f"{out}: cannot read ({exc.strerror or exc})") from None
    try:
        yield fd
    finally:
        os.close(fd)


def _manifest_at(out: str | os.PathLike[str], folder: int) -> Manifest:
    try:
        data = read_manifest_bytes(MANIFEST_NAME, dir_fd=folder)
    except FileNotFoundError:
        raise NotAnOutputError(f"{out}: not an ingest output (no {MANIFEST_NAME})") from None
    except OSError as exc:
        path = Path(out) / MANIFEST_NAME
        raise NotAnOutputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_manifest(data, Path(out) / MANIFEST_NAME)


def _part_names(manifest: Manifest, folder: int, table: str) -> list[str]:
    """The files of ``table`` the manifest lists (listed from the folder for an older manifest)."""
    if manifest.parts is not None:
        return list(manifest.parts.get(table, ()))
    try:
        fd = os.open(table, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC, dir_fd=folder)
    except FileNotFoundError:
        return []
    try:
        names = os.listdir(fd)
    finally:
        os.close(fd)
    return sorted(n for n in names if fnmatch.fnmatchcase(n, PART_GLOB))


def _read_part(
    folder: int, path: str, schema: pa.Schema, run_id: str, out: str | os.PathLike[str]
) -> pa.Table:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC, dir_fd=folder)
    except FileNotFoundError:
        raise _Missing(path, run_id) from None
    with os.fdopen(fd, "rb") as stream:
        try:
            return pq.ParquetFile(stream).read(columns=schema.names).cast(schema)
        except (pa.ArrowException, ValueError, KeyError) as exc:
            # A truncated, foreign or older-schema part: one line, never a traceback.
            first = next(iter(str(exc).splitlines()), type(exc).__name__)
            shown = first if len(first) <= 120 else first[:117] + "..."
            raise NotAnOutputError(
                f"{Path(out) / path}: not a part file of this ingest version ({shown})"
            ) from None


def _read_snapshot(
    out: str | os.PathLike[str], tables: Sequence[str], columns: Sequence[str] | None
) -> tuple[Manifest, dict[str, pa.Table]]:
    with _opened(out) as folder:
        manifest = _manifest_at(out, folder)
        if tables and manifest.schema_version != SCHEMA_VERSION:
            # Its parts have other columns: say so once, before reading any of them.
            raise NotAnOutputError(
                f"{out}: written with schema version {manifest.schema_version}, this ingest "
                f"reads {SCHEMA_VERSION}: parse the pages again"
            )
        result: dict[str, pa.Table] = {}
        for name in tables:
            schema = SCHEMAS[name]
            if columns is not None:
                schema = pa.schema([schema.field(column) for column in columns])
            pieces = [
                _read_part(folder, f"{name}/{part}", schema, manifest.run_id, out)
                for part in _part_names(manifest, folder, name)
            ]
            result[name] = pa.concat_tables(pieces) if pieces else schema.empty_table()
        return manifest, result


@dataclass(frozen=True)
class Snapshot:
    """One run's output, pinned: its manifest and the paths of the files it lists."""

    root: str
    """OUT through the pinned descriptor (``/proc/self/fd/N``; OUT itself where there is none)."""
    manifest: Manifest
    parts: dict[str, list[str]]

    def files(self, table: str) -> list[str]:
        """The paths of ``table``'s part files, in order, for any Parquet reader."""
        return [f"{self.root}/{table}/{name}" for name in self.parts[table]]


def _fd_root(folder: int, out: str | os.PathLike[str]) -> str:
    for base in ("/proc/self/fd", "/dev/fd"):
        if os.path.isdir(f"{base}/{folder}"):
            return f"{base}/{folder}"
    return os.fspath(out)  # pragma: no cover - no descriptor paths: OUT as it is


@contextlib.contextmanager
def snapshot(out: str | os.PathLike[str]) -> Iterator[Snapshot]:
    """Pin the current run's output of ``out`` for the block (read its files inside it).

    A run that publishes meanwhile does not change what the paths name; if it
    removes the pinned files before they are opened, reading them fails
    (``FileNotFoundError``) instead of mixing two runs: read again.
    """
    with _opened(out) as folder:
        manifest = _manifest_at(out, folder)
        parts = {table: _part_names(manifest, folder, table) for table in TABLES}
        yield Snapshot(_fd_root(folder, out), manifest, parts)


def read_snapshot(
    out: str | os.PathLike[str],
    tables: Sequence[str] = TABLES,
    columns: Sequence[str] | None = None,
) -> tuple[Manifest, dict[str, pa.Table]]:
    """The manifest and ``tables`` (optionally only some ``columns``) of one and the same run.

    Reads exactly the part files the manifest lists; see the module doc for
    what happens when a run replaces OUT meanwhile.
    """
    for _ in range(ATTEMPTS):
        try:
            return _read_snapshot(out, tables, columns)
        except _Missing as missing:
            with _opened(out) as folder:
                if _manifest_at(out, folder).run_id == missing.run_id:  # not replaced: damaged
                    raise NotAnOutputError(
                        f"{out}: {missing.path} is listed in {MANIFEST_NAME} but missing"
                    ) from None
    raise NotAnOutputError(f"{out}: replaced {ATTEMPTS} times while being read; try again")


def read_table(
    out: str | os.PathLike[str], name: str, columns: Sequence[str] | None = None
) -> pa.Table:
    """One table of an output folder (optionally only some columns), parts in order."""
    return read_snapshot(out, (name,), columns)[1][name]


def read_tables(out: str | os.PathLike[str]) -> dict[str, pa.Table]:
    """Every table of an output folder as an Arrow table of its schema, from one snapshot."""
    return read_snapshot(out)[1]


@overload
def load(
    out: str | os.PathLike[str], engine: Literal["pandas"] = "pandas"
) -> dict[str, pd.DataFrame]: ...


@overload
def load(out: str | os.PathLike[str], engine: Literal["polars"]) -> dict[str, pl.DataFrame]: ...


def load(out: str | os.PathLike[str], engine: str = "pandas") -> dict[str, Any]:
    """Every table of an output folder as a DataFrame, by table name, from one snapshot.

    ``engine="pandas"`` (default): integers and booleans that may be missing are
    pandas' nullable ``Int32`` / ``boolean``, dates ``datetime64``; ``engine="polars"``:
    Polars frames of the same Arrow types (``pip install polars``).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (expected pandas or polars)")
    tables = read_tables(out)
    if engine == "polars":
        polars = _optional("polars", "engine='polars'")
        return {name: polars.from_arrow(table) for name, table in tables.items()}
    import pandas as pd  # imported late: it adds 0.2 s to the start of every other command

    nullable: dict[pa.DataType, object] = {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return {
        name: table.to_pandas(types_mapper=nullable.get, date_as_object=False)
        for name, table in tables.items()
    }


ENGINES = ("pandas", "polars")
"""The DataFrame libraries :func:`load` returns frames of."""


class MissingExtraError(IngestError, ImportError):
    """An optional library a function needs is not installed (one line says which)."""


def _optional(module: str, use: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{use} needs {module}, which is not installed: pip install 'ingest[query]'"
        ) from None
