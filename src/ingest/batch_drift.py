"""IG501 across a batch, computed from the ``pages`` table at the end of a run.

Workers never see each other's pages, so artifact drift (one artifact showing
different figures on different pages) is found once, from columns the
``pages`` table already holds, in two streaming passes over it: the first
remembers each artifact's figures and notes the artifacts whose figures
differ; the second turns only their rows into facts for
:func:`ingest.rules.drift_findings`. Memory follows the number of artifacts,
not the number of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.findings import Finding
from ingest.rules import ArtifactFacts, drift_findings

FIGURE_COLUMNS = tuple(
    f"{name}_{side}" for name in ("subject", "type", "rank", "pricing", "declared") for side in "ab"
)
LOCATION_COLUMNS = ("page_id", "source_path", "rank_line", "pricing_line", "capabilities_line")

Key = tuple[str, str | None]
"""An artifact: its name and its Type (how ``drift_findings`` groups facts)."""
Figures = tuple[Any, Any, Any]
"""What must agree between pages: UnfragileRank, Pricing and the declared capability count."""

Pieces = Callable[[Sequence[str]], Iterator[pa.Table]]
"""Yields the ``pages`` table piece by piece, in order, with only the given columns."""


def _sides(columns: dict[str, list[Any]]) -> Iterator[tuple[int, Key, Figures]]:
    """``(row, artifact, figures)`` for both sides of every parsed page of a piece."""
    status = columns["status"]
    for row in range(len(status)):
        if status[row] == "failed":
            continue
        for side in "ab":
            key = (columns[f"subject_{side}"][row], columns[f"type_{side}"][row])
            figures = (
                columns[f"rank_{side}"][row],
                columns[f"pricing_{side}"][row],
                columns[f"declared_{side}"][row],
            )
            yield row, key, figures


def drifting_artifacts(pieces: Pieces) -> set[Key]:
    """The artifacts that show two different values of one figure (missing values aside)."""
    shown: dict[Key, list[Any]] = {}
    drifting: set[Key] = set()
    for piece in pieces(("status", *FIGURE_COLUMNS)):
        for _, key, figures in _sides(piece.to_pydict()):
            known = shown.setdefault(key, [None, None, None])
            for index, value in enumerate(figures):
                if value is None:
                    continue
                if known[index] is None:
                    known[index] = value
                elif known[index] != value:
                    drifting.add(key)
    return drifting


def _drift(pieces: Pieces) -> list[Finding]:
    drifting = drifting_artifacts(pieces)
    if not drifting:
        return []
    facts: list[ArtifactFacts] = []
    for piece in pieces(("status", *FIGURE_COLUMNS, *LOCATION_COLUMNS)):
        where = piece.to_pydict()
        for row, key, (rank, pricing, declared) in _sides(where):
            if key not in drifting:
                continue
            facts.append(
                ArtifactFacts(
                    page_id=where["page_id"][row],
                    path=where["source_path"][row],
                    subject=key[0],
                    type=key[1],
                    rank=rank,
                    pricing=pricing,
                    capabilities=declared,
                    rank_line=where["rank_line"][row],
                    pricing_line=where["pricing_line"][row],
                    capabilities_line=where["capabilities_line"][row],
                )
            )
    return drift_findings(facts)


def drift_from_pages(pages: pa.Table) -> list[Finding]:
    """The IG501 findings of a batch from its ``pages`` table in memory."""
    return _drift(lambda columns: iter([pages.select(list(columns))]))


def drift_from_files(parts: Iterable[Path]) -> list[Finding]:
    """The IG501 findings of a batch, streaming its ``pages`` part files in order."""
    files = list(parts)

    def read(columns: Sequence[str]) -> Iterator[pa.Table]:
        for part in files:
            yield pq.read_table(part, columns=list(columns))

    return _drift(read)
