"""The artifacts' sections: ranks by type, components against rank, figures that disagree.

An artifact is a display name plus its Type, as IG501 groups them (a page
carries no artifact id). Everything is aggregated here, in pandas, so that a
chart has one mark per bin or distinct value, never one per page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from ingest.htmlreport.tables import RunTables
from ingest.page.models import COMPONENTS

ARTIFACTS_SHOWN = 50
"""Disagreeing artifacts listed (the widest rank spread first); the chart shows the first 30."""
CHARTED = 30
PAGES_NAMED = 5
"""Pages named per artifact; the rest are counted."""
RANK_BIN = 5
LEAD_BIN = 4


def sides(pages: pd.DataFrame) -> pd.DataFrame:
    """One row per side of every parsed page: the subject and its figures."""
    parsed = pages[pages["status"] != "failed"]
    frames = []
    for side in "ab":
        frame = parsed[
            [
                "source_path",
                f"subject_{side}",
                f"type_{side}",
                f"rank_{side}",
                f"pricing_{side}",
                f"declared_{side}",
            ]
        ]
        frame.columns = ["source_path", "subject", "type", "rank", "pricing", "declared"]
        frames.append(frame.assign(side=side))
    return pd.concat(frames, ignore_index=True)


def rank_cells(side_rows: pd.DataFrame) -> pd.DataFrame:
    """Page sides per (type, rank bin): the cells of the rank-by-type heat map."""
    ranked = side_rows.dropna(subset=["rank"])
    # A rank of 100 belongs to the last band, 95-100.
    binned = (ranked["rank"].clip(0, 99.5) // RANK_BIN * RANK_BIN).astype(int)
    kinds = ranked["type"].fillna("(no type)")
    cells = pd.DataFrame({"type": kinds, "bin": binned}).value_counts().rename("n")
    return cells.reset_index()


def component_cells(run: RunTables) -> pd.DataFrame:
    """Pages per (rank lead bin, component lead, verdict kind) of the verdict's winner."""
    pages = run.pages[run.pages["status"] != "failed"]
    winner = pages["verdict_winner"].fillna(pages["summary_winner"])
    side = pd.Series(pd.NA, index=pages.index, dtype="string")
    side[winner == pages["subject_a"]] = "a"
    side[(winner == pages["subject_b"]) & side.isna()] = "b"
    chosen = pages.assign(winner_side=side).dropna(subset=["winner_side", "rank_a", "rank_b"])
    if chosen.empty:
        return pd.DataFrame(columns=["rank_lead", "component_lead", "verdict", "n"])
    comps = run.components.assign(total=run.components[list(COMPONENTS)].sum(axis=1, min_count=1))
    wide = comps.pivot_table(index="source_path", columns="side", values="total", aggfunc="first")
    wide = wide.reindex(columns=["a", "b"])
    chosen = chosen.join(wide, on="source_path")
    sign = chosen["winner_side"].map({"a": 1, "b": -1}).astype(float)
    rank_lead = (chosen["rank_a"] - chosen["rank_b"]) * sign
    component_lead = ((chosen["a"] - chosen["b"]) * sign).fillna(0).astype(int)
    verdict = pd.Series("winner ranks higher", index=chosen.index)
    verdict[rank_lead == 0] = "tie named as a win"
    verdict[rank_lead < 0] = "winner ranks lower"
    binned = (rank_lead // LEAD_BIN * LEAD_BIN).astype(int)
    cells = pd.DataFrame(
        {"rank_lead": binned, "component_lead": component_lead, "verdict": verdict}
    ).value_counts()
    return cells.rename("n").reset_index()


@dataclass(frozen=True)
class Disagreement:
    """One artifact whose figures differ between pages."""

    subject: str
    type: str
    n_pages: int
    ranks: str
    pricing: str
    declared: str
    pages: str
    spread: float


def _seen(values: pd.Series) -> str:
    """``58 ×3, 42 ×1``: each distinct value and on how many page sides it shows, most first."""
    counts = values.dropna().value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{_text(value)} ×{n}" for value, n in ordered) or "—"


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _pages(paths: pd.Series) -> str:
    names = [os.path.basename(str(path)) for path in sorted(set(paths))]
    more = len(names) - PAGES_NAMED
    return ", ".join(names[:PAGES_NAMED]) + (f" and {more} more" if more > 0 else "")


def disagreements(side_rows: pd.DataFrame) -> tuple[list[Disagreement], int, pd.DataFrame]:
    """The disagreeing artifacts shown, how many disagree in all, and the chart's values."""
    keyed = side_rows.assign(type=side_rows["type"].fillna("(no type)"))
    keyed = keyed.dropna(subset=["subject"])
    figures = keyed.groupby(["subject", "type"], sort=False)[["rank", "pricing", "declared"]]
    distinct = figures.nunique()
    disagreeing = distinct[(distinct > 1).any(axis=1)]
    if disagreeing.empty:
        return [], 0, pd.DataFrame(columns=["artifact", "rank", "n"])
    rows = keyed.join(disagreeing[[]], on=["subject", "type"], how="inner")
    groups = rows.groupby(["subject", "type"], sort=False)
    spread = (groups["rank"].max() - groups["rank"].min()).fillna(0)
    n_pages = groups["source_path"].nunique()
    order = (
        pd.DataFrame({"spread": spread, "n_pages": n_pages})
        .sort_values(["spread", "n_pages"], ascending=False, kind="stable")
        .head(ARTIFACTS_SHOWN)
    )
    shown: list[Disagreement] = []
    for subject, kind in order.index:
        group = groups.get_group((subject, kind))
        shown.append(
            Disagreement(
                subject=str(subject),
                type=str(kind),
                n_pages=int(n_pages[(subject, kind)]),
                ranks=_seen(group["rank"]),
                pricing=_seen(group["pricing"]),
                declared=_seen(group["declared"]),
                pages=_pages(group["source_path"]),
                spread=float(spread[(subject, kind)]),
            )
        )
    charted = rows.join(order.head(CHARTED)[[]], on=["subject", "type"], how="inner")
    charted = charted.assign(artifact=charted["subject"] + " (" + charted["type"] + ")")
    sizes = charted.dropna(subset=["rank"]).groupby(["artifact", "rank"]).size().rename("n")
    label = {f"{d.subject} ({d.type})": i for i, d in enumerate(shown)}
    values = sizes.reset_index()
    values = values.assign(_order=values["artifact"].map(label)).sort_values(
        "_order", kind="stable"
    )
    return shown, len(disagreeing), values.drop(columns="_order")
