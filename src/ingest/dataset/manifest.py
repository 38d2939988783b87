"""``OUT/_manifest.json``: what a run read, what it wrote, and with which versions.

The manifest is frozen stdlib dataclasses, so that a run writes it without
pydantic (whose import and model building cost a batch ~0.6 G instructions,
more than its parser and pyarrow together). Reading one back validates the
untrusted file with pydantic, imported then: :func:`parse_manifest`.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ingest.errors import IngestError

if TYPE_CHECKING:
    from pydantic import TypeAdapter

MANIFEST_NAME = "_manifest.json"
INDEX_NAME = "_inputs.parquet"
"""Beside ``_manifest.json``: one row per input of an incremental run."""


_STRICT_KEYS: dict[str, Any] = {"extra": "forbid"}
"""pydantic's config for each dataclass below (a plain dict, as ``ConfigDict`` is a
TypedDict, so defining them imports no pydantic): a key the class lacks is refused."""


@dataclass(frozen=True)
class StatusCounts:
    """How many input files ended up ``ok``, ``partial`` and ``failed``."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_KEYS

    ok: int = 0
    partial: int = 0
    failed: int = 0


@dataclass(frozen=True)
class IncrementalCounts:
    """What an incremental run (``--incremental``) did with each input."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_KEYS

    new: int = 0
    """Parsed because the previous output did not have them (every input of a full run)."""
    changed: int = 0
    """Parsed because their content differs (or they could not be read before)."""
    unchanged: int = 0
    """Rows carried over from the previous output, not parsed."""
    deleted: int = 0
    """In the previous output, no longer among the inputs: their rows are dropped."""
    hashed: int = 0
    """Read and hashed because their size or mtime differs from the record."""
    full_reason: str | None = None
    """Why every input was parsed (no previous output, another ingest version, ...)."""

    @property
    def parsed(self) -> int:
        return self.new + self.changed


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """One run of :func:`ingest.ingest`: inputs, counts per table and status, versions."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_KEYS

    tool: Literal["ingest"] = "ingest"
    """The program that wrote the folder (always written; a manifest naming another is refused)."""
    run_id: str
    started_at: str
    """UTC, ISO 8601."""
    finished_at: str
    inputs: tuple[str, ...]
    """The paths as given (files and folders)."""
    glob: str
    max_bytes: int
    files: int
    """Input files found; always equals ``tables['pages']``."""
    jobs: int
    seconds: float
    status: StatusCounts
    tables: dict[str, int]
    """Rows written per table."""
    schema_version: str
    ingest_version: str
    versions: dict[str, str]
    """Python and the libraries that shaped the output (pyarrow, lark, pydantic)."""
    engine: str = "local"
    """Where the pages were parsed: ``local`` worker processes or a ``dask`` cluster."""
    incremental: IncrementalCounts | None = None
    """Set by an incremental run; its per-input record is ``_inputs.parquet`` beside this file."""
    parts: dict[str, tuple[str, ...]] | None = None
    """The files of each table folder, in order: what a reader reads (None: not recorded)."""
    as_of: str | None = None
    """The crawl's date, ISO (``ingest parse --as-of``; default: the run's UTC date)."""
    artifact_key: str = "name-type"
    """How the ``artifacts`` table tells artifacts apart: ``name-type`` or ``filename-slug``."""

    @property
    def pages_per_second(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0 when every page is ``ok``, 1 when some are ``partial`` or ``failed``."""
        return 0 if self.status.partial == 0 and self.status.failed == 0 else 1

    def summary_line(self) -> str:
        """``9 files: 6 ok, 1 partial, 2 failed in 0.31 s (29 pages/s)``."""
        s = self.status
        line = (
            f"{self.files} file{'' if self.files == 1 else 's'}: "
            f"{s.ok} ok, {s.partial} partial, {s.failed} failed "
            f"in {self.seconds:.2f} s ({self.pages_per_second:,.0f} pages/s)"
        )
        if self.incremental is not None:
            i = self.incremental
            line += (
                f"; parsed {i.parsed} ({i.new} new, {i.changed} changed), "
                f"kept {i.unchanged}, dropped {i.deleted}"
            )
            if i.full_reason is not None and i.full_reason != "no previous output":
                line += f"; {i.full_reason}: full run"
        return line

    def to_dict(self) -> dict[str, Any]:
        """The manifest as ``_manifest.json`` holds it (tuples as lists once in JSON)."""
        return dataclasses.asdict(self)


def manifest_json(manifest: Manifest) -> str:
    """The text of ``_manifest.json``: keys in field order, two-space indent, UTF-8 as is."""
    return json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_manifest(folder: str | os.PathLike[str], manifest: Manifest) -> Path:
    path = Path(folder) / MANIFEST_NAME
    path.write_text(manifest_json(manifest), encoding="utf-8")
    return path


class NotAnOutputError(IngestError):
    """The folder is not one that ``ingest parse`` wrote (or its manifest is damaged)."""


MAX_MANIFEST_BYTES = 64_000_000
"""A manifest lists every part file: far below this even for millions of pages."""


@functools.cache
def _validator() -> TypeAdapter[Manifest]:
    from pydantic import TypeAdapter

    return TypeAdapter(Manifest)


def parse_manifest(data: bytes, path: str | os.PathLike[str]) -> Manifest:
    """``data`` (the bytes of ``path``) as a manifest, or :class:`NotAnOutputError`.

    Validated by pydantic as strictly as the models were: every required key, the
    types, no key the manifest does not have, ``tool`` exactly ``"ingest"``.
    """
    from pydantic import ValidationError

    try:
        return _validator().validate_json(data)
    except ValidationError as exc:
        raise NotAnOutputError(
            f"{path}: not a valid manifest ({exc.error_count()} problems)"
        ) from None


def read_manifest_bytes(name: str | os.PathLike[str], dir_fd: int | None = None) -> bytes:
    """The bytes of a manifest file, without blocking (a FIFO) or reading without bound.

    Raises ``FileNotFoundError`` when there is no regular file there, and
    ``OSError`` (``EFBIG``) when it is larger than :data:`MAX_MANIFEST_BYTES`.
    """
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileNotFoundError(errno.ENOENT, "not a regular file", os.fspath(name))
        data = stream.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise OSError(errno.EFBIG, f"over {MAX_MANIFEST_BYTES} bytes", os.fspath(name))
    return data


def read_manifest(folder: str | os.PathLike[str]) -> Manifest:
    """The manifest of an output folder; :class:`NotAnOutputError` if it has none."""
    path = Path(folder) / MANIFEST_NAME
    try:
        data = read_manifest_bytes(path)
    except FileNotFoundError:
        raise NotAnOutputError(f"{folder}: not an ingest output (no {MANIFEST_NAME})") from None
    except OSError as exc:
        raise NotAnOutputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_manifest(data, path)
