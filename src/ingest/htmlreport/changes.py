"""What changed between an old run and this one (``ingest report --against OLD_OUT``).

Pages are matched by their path relative to the input folder they were found
in (so ``crawl-1/a.txt`` and ``crawl-2/a.txt`` are the same page); findings by
page, code and message (their line may move when a page is edited), and only on
pages both runs have: an added page's findings are not "new", a removed one's not "fixed".
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from ingest.htmlreport.run_sections import Table
from ingest.htmlreport.tables import RunTables

CHANGES_SHOWN = 200
"""Rows listed per kind of change; the rest are counted."""


def page_keys(paths: pd.Series, inputs: tuple[str, ...]) -> pd.Series:
    """Each source path relative to the input folder it lies under (else as found)."""
    roots = sorted((os.path.normpath(root) for root in inputs), key=len, reverse=True)

    def key(path: str) -> str:
        normal = os.path.normpath(path)
        for root in roots:
            if normal.startswith(root + os.sep):
                return normal[len(root) + 1 :]
        return normal

    return paths.map(key)


@dataclass(frozen=True)
class Changes:
    old: str
    added: Table
    removed: Table
    ranks: Table
    verdicts: Table
    new_findings: Table
    fixed_findings: Table
    moves: pd.DataFrame
    """Page sides per rank change (``delta``, ``n``)."""
    by_rule: pd.DataFrame
    """New and fixed findings per rule (``code``, ``change``, ``n``)."""


def _keyed(run: RunTables) -> pd.DataFrame:
    pages = run.pages
    return pages.set_index(page_keys(pages["source_path"], run.manifest.inputs))


def _table(rows: list[tuple[str, ...]]) -> Table:
    return Table(rows=rows[:CHANGES_SHOWN], total=len(rows))


def _number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "—"
    return str(int(value)) if float(value).is_integer() else str(value)


def _findings(run: RunTables) -> pd.DataFrame:
    keys = page_keys(run.findings["path"], run.manifest.inputs)
    return run.findings.assign(key=keys)[["key", "code", "message"]]


def _finding_changes(
    old: RunTables, new: RunTables, common: pd.Index
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Findings of the pages in both runs that only the new run has, and only the old."""
    before, after = _findings(old), _findings(new)
    before = before[before["key"].isin(common)]
    after = after[after["key"].isin(common)]
    merged = before.merge(after, how="outer", indicator=True)
    fresh = merged[merged["_merge"] == "right_only"].drop(columns="_merge")
    fixed = merged[merged["_merge"] == "left_only"].drop(columns="_merge")
    return fresh, fixed


def _common_rows(before: pd.DataFrame, after: pd.DataFrame, common: pd.Index) -> pd.DataFrame:
    """The first row of each page in both runs: the new columns, then the old ones (``_old``)."""
    return (
        after.loc[~after.index.duplicated()]
        .loc[common]
        .merge(
            before.loc[~before.index.duplicated()].loc[common],
            left_index=True,
            right_index=True,
            suffixes=("", "_old"),
        )
    )


def _rank_changes(both: pd.DataFrame) -> tuple[list[tuple[str, ...]], list[float]]:
    """The rows of the rank changes (largest move first), and each known move (``delta``)."""
    ranks: list[tuple[str, ...]] = []
    deltas: list[float] = []
    for side in "ab":
        moved = both[both[f"rank_{side}"].ne(both[f"rank_{side}_old"]).fillna(False)]
        moved = moved.dropna(subset=[f"rank_{side}", f"rank_{side}_old"], how="all")
        for key, row in moved.iterrows():
            delta = row[f"rank_{side}"] - row[f"rank_{side}_old"]
            if not pd.isna(delta):
                deltas.append(float(delta))
            ranks.append(
                (
                    str(key),
                    str(row[f"subject_{side}"]),
                    _number(row[f"rank_{side}_old"]),
                    _number(row[f"rank_{side}"]),
                    "—" if pd.isna(delta) else f"{delta:+g}",
                )
            )
    ranks.sort(key=lambda r: -abs(float(r[4])) if r[4] != "—" else 0.0)
    return ranks, deltas


def _flipped_verdicts(both: pd.DataFrame) -> list[tuple[str, ...]]:
    """The pages whose verdict names another winner: ``(page, old winner, new winner)``."""
    flipped = both[
        both["verdict_winner"].notna()
        & both["verdict_winner_old"].notna()
        & (both["verdict_winner"] != both["verdict_winner_old"])
    ]
    return [
        (str(key), str(row["verdict_winner_old"]), str(row["verdict_winner"]))
        for key, row in flipped.iterrows()
    ]


def _by_rule(fresh: pd.DataFrame, fixed: pd.DataFrame) -> pd.DataFrame:
    """New and fixed findings per rule (``code``, ``n``, ``change``)."""
    return pd.concat(
        [
            fresh.groupby("code").size().rename("n").reset_index().assign(change="new"),
            fixed.groupby("code").size().rename("n").reset_index().assign(change="fixed"),
        ],
        ignore_index=True,
    )


def _finding_rows(findings: pd.DataFrame) -> list[tuple[str, ...]]:
    return [tuple(map(str, row)) for row in findings.itertuples(index=False, name=None)]


def compare(old: RunTables, new: RunTables, old_label: str) -> Changes:
    """Pages added and removed, ranks moved, verdicts flipped, findings new and fixed."""
    before, after = _keyed(old), _keyed(new)
    added = sorted(set(after.index) - set(before.index))
    removed = sorted(set(before.index) - set(after.index))
    common = after.index.intersection(before.index).drop_duplicates()
    both = _common_rows(before, after, common)
    ranks, deltas = _rank_changes(both)
    fresh, fixed = _finding_changes(old, new, common)
    moves = pd.Series(deltas, dtype=float).value_counts().rename("n").rename_axis("delta")
    return Changes(
        old=old_label,
        added=_table([(key,) for key in added]),
        removed=_table([(key,) for key in removed]),
        ranks=_table(ranks),
        verdicts=_table(_flipped_verdicts(both)),
        new_findings=_table(_finding_rows(fresh)),
        fixed_findings=_table(_finding_rows(fixed)),
        moves=moves.reset_index().astype({"delta": int}),
        by_rule=_by_rule(fresh, fixed),
    )
