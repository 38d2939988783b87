"""The ``subjects`` table: one row per parsed page and side, made from the ``pages`` table.

The wide ``pages`` columns (``rank_a``, ``rank_b``, ...) answer questions about a
page; questions about an artifact want one row per artifact shown, with the
same column for both sides. This module stacks the two sides (Arrow ``take``,
no Python object per page but the artifact key), and adds what a side alone
has: its normalised price per token, whether the summary and the verdict name
it the winner, and its own findings.

**Artifact keys.** A page carries no artifact id, and a display name is not
one: pages name the same artifact differently (``Unsloth`` and ``unsloth``)
and different artifacts alike (two unrelated ``Midjourney`` models). The
default key, ``name-type``, is the name without case and with single blanks,
then ``|`` and the Type row's cell without case: ``midjourney|model``. The
page's URL slug (``/compare/<slug-a>-vs-<slug-b>``) is an id when the file
name keeps it: ``slug`` is the side's half of a file name ``<a>-vs-<b>.txt``
(null otherwise), and ``--artifact-key filename-slug`` keys the ``artifacts``
table by it.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dataset.arrow_tables import interleaved
from ingest.parse.cell_values import parse_cell
from ingest.parse.claims import name_key

_SLUG_SEPARATOR = "-vs-"


@functools.lru_cache(maxsize=65536)
def artifact_key(subject: str | None, kind: str | None) -> str | None:
    """The default (``name-type``) key of an artifact: ``midjourney|model``.

    Cached: a crawl shows the same artifacts on many pages.
    """
    if subject is None:
        return None
    return f"{name_key(subject)}|{'' if kind is None else name_key(kind)}"


def slugs(source_path: str) -> tuple[str | None, str | None]:
    """The two slugs of a file named ``<slug-a>-vs-<slug-b>.<ext>``, else ``(None, None)``."""
    if _SLUG_SEPARATOR not in source_path:
        return None, None  # most paths: skips basename/splitext (~1 µs a page)
    stem = os.path.splitext(os.path.basename(source_path))[0]
    a, separator, b = stem.partition(_SLUG_SEPARATOR)
    if not separator or not a or not b or _SLUG_SEPARATOR in b:
        return None, None
    return a, b


def _winner_of(winner: pa.ChunkedArray, subject: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whether ``winner`` names ``subject`` (ignoring case); false without a winner."""
    same = pc.equal(pc.utf8_lower(winner), pc.utf8_lower(subject))
    return pc.fill_null(same, False)


def subjects_table(
    pages: pa.Table, findings: Sequence[tuple[Any, ...]], schema: pa.Schema
) -> pa.Table:
    """Two rows per parsed page of ``pages`` (side a, then b); ``findings`` are the rows'
    ``findings`` tuples (``source_path`` at 3, ``subject`` at 8), counted per side."""
    parsed = pages.filter(pc.not_equal(pages["status"], "failed"))
    count = parsed.num_rows
    if not count:
        return schema.empty_table()
    sides = [parsed.select(_side_columns(side)).rename_columns(_NAMES) for side in "ab"]
    stacked = pa.concat_tables(sides)
    table = stacked.take(interleaved(range(count), range(count, 2 * count)))
    subject = table["subject"].to_pylist()
    kinds = table["type"].to_pylist()
    page_slugs = [slugs(path) for path in parsed["source_path"].to_pylist()]
    price = [parse_cell(raw) for raw in table["starting_price"].to_pylist()]
    usd = pa.array([cell.usd_per_token for cell in price], pa.float64())
    columns = {
        "page_id": table["page_id"],
        "source_path": table["source_path"],
        "file_id": table["file_id"],
        "side": pa.array(["a", "b"] * count, pa.string()),
        "subject": table["subject"],
        "artifact_key": pa.array(map(artifact_key, subject, kinds), pa.string()),
        "slug": pa.array([s for pair in page_slugs for s in pair], pa.string()),
        "type": table["type"],
        "rank": table["rank"],
        "pricing": table["pricing"],
        "starting_price": table["starting_price"],
        "starting_price_usd_per_token": usd,
        "declared": table["declared"],
        "listed": table["listed"],
        "more": table["more"],
        "is_summary_winner": _winner_of(table["summary_winner"], table["subject"]),
        "is_verdict_winner": _winner_of(table["verdict_winner"], table["subject"]),
        "n_findings": _side_findings(findings, table, subject),
    }
    return pa.Table.from_arrays([columns[name] for name in schema.names], schema=schema)


def _side_findings(
    findings: Sequence[tuple[Any, ...]], table: pa.Table, subject: list[str | None]
) -> pa.Array:
    """Each row's count of ``findings`` naming its page and subject."""
    found = Counter((row[3], row[8]) for row in findings if row[8] is not None)
    if not found:  # no finding names a subject: no path list to build (~1 µs a page)
        return pa.repeat(pa.scalar(0, pa.int32()), table.num_rows)
    paths = table["source_path"].to_pylist()
    return pa.array([found.get(key, 0) for key in zip(paths, subject, strict=True)], pa.int32())


_PER_SIDE = ("subject", "type", "rank", "pricing", "starting_price", "declared", "listed", "more")
_SHARED = ("page_id", "source_path", "file_id", "summary_winner", "verdict_winner")
_NAMES = [*_SHARED, *_PER_SIDE]


def _side_columns(side: str) -> list[str]:
    return [*_SHARED, *(f"{name}_{side}" for name in _PER_SIDE)]
