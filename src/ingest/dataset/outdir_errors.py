"""How the output folder stops a run: unusable (exit 2), or the run could not finish (3)."""

from __future__ import annotations

from ingest.errors import IngestError


class OutputError(IngestError):
    """OUT cannot be used: not writable, inside an input folder, not ours to replace, locked."""


class RunFailedError(RuntimeError):
    """The run itself could not finish (disk full, lost lock, swap refused); OUT is unchanged."""
