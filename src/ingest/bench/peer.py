"""``python -m ingest.bench --peer FILES_OR_DIR -o OUT``: the hand-written pipeline ingest races.

What an engineer would write in an afternoon instead of a grammar: read each
file, ``splitlines()`` and a few compiled regexes into pydantic models of its
own (:mod:`ingest.bench.peer_parse`), then the same Parquet writer as
``ingest parse`` (:class:`~ingest.dataset.writer.PartWriter`: zstd, the same
schemas, ingest's row groups: ``PAGES_PER_ROW_GROUP`` pages or ``BYTES_PER_ROW_GROUP``
of input, less the row cap these pages never reach). It writes every table
whose data it has: ``pages``, ``subjects``, ``features``, ``capabilities``,
``claims`` and ``errors`` (no ``findings``: it runs no rules; ``artifacts``
stays empty: a batch-wide aggregate). It checks nothing beyond what it needs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow as pa

from ingest._version import __version__
from ingest.batch.worker import BYTES_PER_ROW_GROUP, PAGES_PER_ROW_GROUP
from ingest.bench.peer_parse import (
    COUNT_CELL,
    DATE_CELL,
    NUMBER,
    SCORE_CELL,
    Feature,
    Page,
    PeerError,
    parse_page,
)
from ingest.dataset.schemas import SCHEMAS
from ingest.dataset.writer import PartWriter, make_table_dirs, write_empty_parts
from ingest.page.format import SCHEMA_VERSION

Row = tuple[Any, ...]


def cell_value(raw: str | None) -> tuple[str, float | None, str | None, date | None]:
    """A table cell's kind, number, unit and date, roughly as ingest's kinds name them."""
    if raw is None:
        return "missing", None, None, None
    if (score := SCORE_CELL.fullmatch(raw)) is not None:
        return "score", float(score.group(1)), "/100", None
    if (count := COUNT_CELL.fullmatch(raw)) is not None:
        return "count", float(count.group(1)), "decomposed", None
    if NUMBER.fullmatch(raw) is not None:
        return ("decimal" if "." in raw else "integer"), float(raw), None, None
    if DATE_CELL.fullmatch(raw) is not None:
        return "date", None, None, date.fromisoformat(raw)
    return "label", None, None, None


@dataclass
class _Sides:
    """What the pages and subjects rows take from a page, per side."""

    cells: dict[str, Feature]
    listed: dict[str, int | None] = field(default_factory=lambda: {"a": None, "b": None})
    more: dict[str, int | None] = field(default_factory=lambda: {"a": None, "b": None})
    winners: dict[str, str] = field(default_factory=dict)

    def raw(self, name: str, side: str) -> str | None:
        cell = self.cells.get(name)
        return None if cell is None else cell.raw_a if side == "a" else cell.raw_b

    def number(self, name: str, side: str) -> float | None:
        return cell_value(self.raw(name, side))[1]

    def line(self, name: str) -> int | None:
        cell = self.cells.get(name)
        return None if cell is None else cell.line


class Tables:
    """The rows of one row group, one list of tuples per table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {
            name: [] for name in ("pages", "subjects", "features", "capabilities", "claims")
        }
        self.rows["errors"] = []
        self.pages = 0
        self.bytes = 0

    def add(self, page: Page, page_id: str, path: str, file_id: str) -> None:
        """One parsed page's rows in every table."""
        key = (page_id, path, file_id)
        names = {"a": page.subject_a, "b": page.subject_b}
        sides = _Sides({feature.feature.lower(): feature for feature in page.features})
        features = self.rows["features"]
        for cell in page.features:
            for side, raw in (("a", cell.raw_a), ("b", cell.raw_b)):
                kind, value, unit, day = cell_value(raw)
                features.append(
                    (
                        *key,
                        names[side],
                        side,
                        cell.feature,
                        raw,
                        kind,
                        value,
                        unit,
                        None,
                        day,
                        cell.line,
                    )
                )
        for section in page.sections:
            subject = names[section.side] if section.side else section.heading
            for ordinal, item in enumerate(section.capabilities, 1):
                self.rows["capabilities"].append(
                    (*key, subject, section.side, ordinal, *item.model_dump().values())
                )
            if section.side is not None:
                listed = sides.listed[section.side] or 0
                sides.listed[section.side] = listed + len(section.capabilities)
                if section.more is not None:
                    sides.more[section.side] = (sides.more[section.side] or 0) + section.more
        for claim in page.claims:
            self.rows["claims"].append((*key, *claim.model_dump().values()))
            if claim.kind == "winner":
                sides.winners[claim.sentence] = claim.subject
        self._page_row(page, key, sides)
        self._subject_rows(page, key, sides)
        self.pages += 1

    def _page_row(self, page: Page, key: Row, sides: _Sides) -> None:
        declared = [_int(sides.number("capabilities", side)) for side in "ab"]
        self.rows["pages"].append(
            (
                *key,
                "ok" if page.verdict is not None else "partial",
                page.title,
                page.subject_a,
                page.subject_b,
                sides.raw("type", "a"),
                sides.raw("type", "b"),
                sides.number("unfragilerank", "a"),
                sides.number("unfragilerank", "b"),
                sides.raw("pricing", "a"),
                sides.raw("pricing", "b"),
                *declared,
                sides.listed["a"],
                sides.listed["b"],
                sides.more["a"],
                sides.more["b"],
                sides.winners.get("summary"),
                sides.winners.get("verdict"),
                page.verdict is not None,
                sides.line("unfragilerank"),
                sides.line("pricing"),
                sides.line("capabilities"),
                0,
                SCHEMA_VERSION,
                __version__,
                page.summary,
                page.verdict,
                None,
                sides.raw("starting price", "a"),
                sides.raw("starting price", "b"),
                None,
            )
        )

    def _subject_rows(self, page: Page, key: Row, sides: _Sides) -> None:
        for side, subject in (("a", page.subject_a), ("b", page.subject_b)):
            kind = sides.raw("type", side)
            self.rows["subjects"].append(
                (
                    *key,
                    side,
                    subject,
                    f"{' '.join(subject.lower().split())}|{kind or ''}",
                    None,
                    kind,
                    sides.number("unfragilerank", side),
                    sides.raw("pricing", side),
                    sides.raw("starting price", side),
                    None,
                    _int(sides.number("capabilities", side)),
                    sides.listed[side],
                    sides.more[side],
                    sides.winners.get("summary") == subject,
                    sides.winners.get("verdict") == subject,
                    0,
                )
            )

    def add_failure(self, path: str, file_id: str, page_id: str | None, error: PeerError) -> None:
        """A page the peer could not read: a ``failed`` row and its error."""
        self.rows["pages"].append(
            (
                page_id,
                path,
                file_id,
                "failed",
                *[None] * 21,
                0,
                SCHEMA_VERSION,
                __version__,
                None,
                None,
                None,
                None,
                None,
                None,
            )
        )
        self.rows["errors"].append(
            (page_id, path, file_id, error.line, 1, error.message, None, None)
        )
        self.pages += 1

    def to_arrow(self) -> dict[str, pa.Table]:
        """Every table of the row group, typed by ingest's schemas."""
        return {name: _table(rows, SCHEMAS[name]) for name, rows in self.rows.items()}


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _table(rows: list[Row], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def skip_pandas_probe() -> None:
    """Keep pyarrow's first list conversion from importing pandas only to rule it out.

    What ``ingest parse`` does too (``ingest.batch.worker.skip_pandas_probe``):
    without it the peer would pay 0.3-0.5 s that ingest does not.
    """
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NO_PANDAS)
    try:
        pa.array([""])
    finally:
        sys.meta_path.remove(_NO_PANDAS)


def _refuse_pandas(fullname: str, *args: object) -> None:
    if fullname.partition(".")[0] == "pandas":
        raise ModuleNotFoundError("the peer does not need pandas", name=fullname)


_NO_PANDAS: Any = SimpleNamespace(find_spec=_refuse_pandas)
"""A meta-path finder under which ``import pandas`` fails."""


def input_files(paths: Sequence[str]) -> Iterator[str]:
    """Each file named, and every ``*.txt`` under each folder named, in sorted order."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                if name.endswith(".txt"):
                    yield os.path.join(folder, name)


def run_peer(paths: Sequence[str], out: Path) -> tuple[int, int]:
    """Parse every input file into ``out``'s tables; returns (pages, failed)."""
    make_table_dirs(out)
    tables = Tables()
    failed = 0
    with PartWriter(out, 0) as writer:
        for path in input_files(paths):
            file_id = hashlib.sha256(path.encode()).hexdigest()[:16]
            page_id = None
            try:
                data = Path(path).read_bytes()
                page_id = hashlib.sha256(data).hexdigest()
                tables.bytes += len(data)
                tables.add(parse_page(data.decode("utf-8")), page_id, path, file_id)
            except (OSError, UnicodeDecodeError, PeerError) as error:
                problem = error if isinstance(error, PeerError) else PeerError(1, str(error))
                tables.add_failure(path, file_id, page_id, problem)
                failed += 1
            if tables.pages >= PAGES_PER_ROW_GROUP or tables.bytes >= BYTES_PER_ROW_GROUP:
                writer.write(tables.to_arrow())
                tables = Tables()
        writer.write(tables.to_arrow())
        pages = writer.rows["pages"]
    write_empty_parts(out)
    return pages, failed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ingest.bench --peer PATH... -o OUT``: one line of counts and time."""
    parser = argparse.ArgumentParser(
        prog="python -m ingest.bench --peer", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--peer", nargs="+", required=True, metavar="FILES_OR_DIR")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    skip_pandas_probe()
    started = time.perf_counter()
    pages, failed = run_peer(args.peer, args.out)
    seconds = time.perf_counter() - started
    print(f"peer: {pages} files, {failed} failed in {seconds:.2f} s -> {args.out}")
    sys.stdout.flush()
    return 0
