"""``diff(old, new)``: what changed between two crawls, as a change feed.

Pages are matched by their key: the source path relative to the input folder
it was found in (``crawl-1/a.txt`` and ``crawl-2/a.txt`` are one page), or
(``key_by="slug"``) the slugs of a file named ``<slug-a>-vs-<slug-b>.txt``
wherever it lies. Each
change is a row, in the style of Delta's change data feed and Iceberg's
changelog, so the Parquet form loads anywhere:

- a page only the new run has is an ``insert`` of a ``page``, one only the old
  run has a ``delete``;
- on pages both have, each side whose subject, Type, rank, Pricing, declared
  capability count or winner flags differ is an ``update_preimage`` row (the old
  values) followed by an ``update_postimage`` row (the new), with the fields
  that differ in ``changed``; a side that appears (a page that parsed now) is an
  ``insert`` of a ``subject``, one that disappears a ``delete``;
- findings on pages both have, matched by page, code, subject and message (not
  by line, which edits move): new ones are ``insert``, fixed ones ``delete``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import pyarrow as pa

from ingest.dataset.read import read_snapshot
from ingest.dataset.schemas import CHANGES
from ingest.dataset.subjects import slugs

CHANGE_TYPES: Final = ("insert", "delete", "update_preimage", "update_postimage")
COMPARED: Final = (
    "subject",
    "type",
    "rank",
    "pricing",
    "declared",
    "is_summary_winner",
    "is_verdict_winner",
)
"""The fields of a page side whose change is reported."""

_PAGE_COLUMNS = ("source_path", "status", "page_id")
_SUBJECT_COLUMNS = ("source_path", "side", *COMPARED)
_FINDING_COLUMNS = ("source_path", "code", "subject", "message")


KEY_BY: Final = ("path", "slug")
"""How pages of two crawls are matched: relative path, or the slug pair of the file name."""


def page_key(path: str, roots: Sequence[str], key_by: str = "path") -> str:
    """``path`` relative to the longest of ``roots`` it lies under (else as found); with
    ``key_by="slug"``, ``<slug-a>-vs-<slug-b>`` of a file so named (else the path key)."""
    if key_by == "slug":
        a, b = slugs(path)
        if a is not None and b is not None:
            return f"{a}-vs-{b}"
    normal = os.path.normpath(path)
    for root in sorted((os.path.normpath(r) for r in roots), key=len, reverse=True):
        if normal.startswith(root + os.sep):
            return normal[len(root) + 1 :]
    return normal


@dataclass(frozen=True)
class Diff:
    """The changes from ``old`` to ``new``: one row per change.

    Its columns are :data:`ingest.dataset.schemas.CHANGES`.
    """

    old: str
    new: str
    changes: pa.Table

    @property
    def changed(self) -> bool:
        return bool(self.changes.num_rows > 0)

    def rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.changes.to_pylist()
        return rows

    def counts(self) -> dict[str, int]:
        """Pages added and removed, page sides changed, findings new and fixed."""
        rows = self.rows()

        def count(entity: str, change: str) -> int:
            return sum(1 for r in rows if r["entity"] == entity and r["change_type"] == change)

        return {
            "pages_added": count("page", "insert"),
            "pages_removed": count("page", "delete"),
            "subjects_changed": count("subject", "update_postimage"),
            "subjects_added": count("subject", "insert"),
            "subjects_removed": count("subject", "delete"),
            "findings_new": count("finding", "insert"),
            "findings_fixed": count("finding", "delete"),
        }


def _read(out: str | os.PathLike[str]) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    manifest, tables = read_snapshot(out, ("pages", "subjects", "findings"))
    rows = {
        "pages": tables["pages"].select(list(_PAGE_COLUMNS)).to_pylist(),
        "subjects": tables["subjects"].select(list(_SUBJECT_COLUMNS)).to_pylist(),
        "findings": tables["findings"].select(list(_FINDING_COLUMNS)).to_pylist(),
    }
    return list(manifest.inputs), rows


def _row(change: str, entity: str, key: str, values: dict[str, Any], **more: Any) -> dict[str, Any]:
    row = dict.fromkeys(CHANGES.names)
    row.update({k: v for k, v in values.items() if k in row})
    row.update(change_type=change, entity=entity, page_key=key, **more)
    return row


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str], *, key_by: str = "path") -> Diff:
    """The change feed from the output folder ``old`` to ``new`` (see the module doc);
    ``key_by="slug"`` matches pages by the slugs of their file names (:data:`KEY_BY`)."""
    if key_by not in KEY_BY:
        raise ValueError(f"unknown page key {key_by!r} (expected path or slug)")
    (old_roots, before), (new_roots, after) = _read(old), _read(new)

    def keyed(rows: list[dict[str, Any]], roots: list[str]) -> list[tuple[str, dict[str, Any]]]:
        return [(page_key(row["source_path"], roots, key_by), row) for row in rows]

    old_pages = dict(keyed(before["pages"], old_roots))
    new_pages = dict(keyed(after["pages"], new_roots))
    both = old_pages.keys() & new_pages.keys()
    out: list[dict[str, Any]] = []
    for key in sorted(old_pages.keys() - new_pages.keys()):
        out.append(_row("delete", "page", key, old_pages[key]))
    for key in sorted(new_pages.keys() - old_pages.keys()):
        out.append(_row("insert", "page", key, new_pages[key]))
    out += _subject_changes(
        keyed(before["subjects"], old_roots), keyed(after["subjects"], new_roots), both
    )
    out += _finding_changes(
        keyed(before["findings"], old_roots), keyed(after["findings"], new_roots), both
    )
    order = {"page": 0, "subject": 1, "finding": 2}
    out.sort(key=lambda r: (order[r["entity"]], r["page_key"], r["side"] or "", r["code"] or ""))
    return Diff(os.fspath(old), os.fspath(new), pa.Table.from_pylist(out, schema=CHANGES))


def _subject_changes(
    before: list[tuple[str, dict[str, Any]]],
    after: list[tuple[str, dict[str, Any]]],
    both: set[str],
) -> list[dict[str, Any]]:
    old = {(key, row["side"]): row for key, row in before if key in both}
    new = {(key, row["side"]): row for key, row in after if key in both}
    out: list[dict[str, Any]] = []
    for key, side in sorted(old.keys() | new.keys()):
        was, now = old.get((key, side)), new.get((key, side))
        if was is None and now is not None:
            out.append(_row("insert", "subject", key, now))
        elif now is None and was is not None:
            out.append(_row("delete", "subject", key, was))
        elif was is not None and now is not None:
            changed = [field for field in COMPARED if was[field] != now[field]]
            if changed:
                out.append(_row("update_preimage", "subject", key, was, changed=changed))
                out.append(_row("update_postimage", "subject", key, now, changed=changed))
    return out


def _finding_changes(
    before: list[tuple[str, dict[str, Any]]],
    after: list[tuple[str, dict[str, Any]]],
    both: set[str],
) -> list[dict[str, Any]]:
    def found(rows: list[tuple[str, dict[str, Any]]]) -> dict[tuple[Any, ...], dict[str, Any]]:
        return {
            (key, row["code"], row["subject"], row["message"]): row
            for key, row in rows
            if key in both
        }

    old, new = found(before), found(after)
    out = [
        _row("delete", "finding", key[0], old[key])
        for key in sorted(old.keys() - new.keys(), key=str)
    ]
    out += [
        _row("insert", "finding", key[0], new[key])
        for key in sorted(new.keys() - old.keys(), key=str)
    ]
    return out
