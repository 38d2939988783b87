"""The report's charts: Vega-Lite specs built with altair, rendered to inline SVG by vl-convert.

Every chart takes data already aggregated by pandas (one row per bar, cell or
distinct value, never one per page), so a chart's size does not grow with the
batch. vl-convert runs Vega in an embedded engine, offline; the SVG it writes
escapes every label, and needs no script to display.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import vl_convert as vlc

SEVERITY_COLORS = {"error": "#c0392b", "warning": "#e39b2d"}
VERDICT_COLORS = {
    "winner ranks higher": "#3b6ea5",
    "tie named as a win": "#e39b2d",
    "winner ranks lower": "#c0392b",
}
WIDTH = 560

# The browser may draw labels in a wider font than vl-convert measured: the padding absorbs it.
_CONFIG = {
    "font": "sans-serif",
    "padding": {"left": 24, "right": 40, "top": 6, "bottom": 6},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal"},
    "view": {"stroke": None},
}
_COUNT_AXIS = alt.Axis(format=",d", tickMinStep=1)
"""Counts are whole: no 0.5 ticks on a small run."""
# Vega resolves a mark's href against its loader's base URL; the report's links are in-page.
_BASE_HREF = re.compile(r'xlink:href="https://vega\.github\.io/vega-datasets/')


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as one ``<svg>`` element, links kept in the page, no external request."""
    svg = vlc.vegalite_to_svg(chart.to_dict(), config=_CONFIG, allowed_base_urls=[])
    return _BASE_HREF.sub('xlink:href="', svg)


def findings_by_rule(counts: pd.DataFrame) -> str:
    """A bar per rule (``label``, ``count``, ``severity``, ``href``), each linking to its doc."""
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title="findings", axis=_COUNT_AXIS),
            y=alt.Y("label:N", title=None, sort=list(counts["label"])),
            color=alt.Color(
                "severity:N",
                scale=alt.Scale(domain=list(SEVERITY_COLORS), range=list(SEVERITY_COLORS.values())),
                legend=alt.Legend(orient="bottom", title="severity"),
            ),
            href="href:N",
            tooltip=["label:N", "count:Q"],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )
    text = (
        alt.Chart(counts)
        .mark_text(align="left", dx=3, fontSize=11, color="#333")
        .encode(x="count:Q", y=alt.Y("label:N", sort=list(counts["label"])), text="count:Q")
    )
    return to_svg(chart + text)


def rank_by_type(cells: pd.DataFrame, width: int = 5) -> str:
    """A heat map: artifact type against UnfragileRank in bins (``type``, ``bin``, ``n``)."""
    chart = (
        alt.Chart(cells)
        .transform_calculate(end=f"datum.bin + {width}")
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X(
                "bin:Q",
                title=f"UnfragileRank (bands of {width})",
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=list(range(0, 101, 10))),
            ),
            x2="end:Q",
            y=alt.Y("type:N", title=None, sort="-color"),
            color=alt.Color("n:Q", title="page sides", scale=alt.Scale(scheme="blues")),
            tooltip=["type:N", "bin:O", "n:Q"],
        )
        .properties(width=WIDTH, height=alt.Step(18))
    )
    return to_svg(chart)


def components_against_rank(cells: pd.DataFrame) -> str:
    """Circles sized by pages: the verdict winner's rank lead against its component lead.

    ``rank_lead`` (binned), ``component_lead``, ``verdict`` and ``n`` per cell;
    a verdict the ranks contradict is red, left of zero.
    """
    order = {name: index for index, name in enumerate(VERDICT_COLORS)}
    cells = cells.assign(layer=cells["verdict"].map(order))
    base = alt.Chart(cells).encode(
        x=alt.X(
            "rank_lead:Q",
            title="winner's UnfragileRank minus the other's",
            scale=alt.Scale(domain=[-100, 100]),
        ),
        y=alt.Y(
            "component_lead:Q",
            title="winner's components minus the other's",
            axis=alt.Axis(tickMinStep=1, format="d"),
        ),
        # Red (contradicted) circles are drawn last, on top of the rest.
        order=alt.Order("layer:Q"),
    )
    points = base.mark_circle(opacity=0.7).encode(
        size=alt.Size(
            "n:Q",
            title="pages",
            scale=alt.Scale(range=[20, 500], zero=False),
            legend=alt.Legend(format=",d", tickMinStep=1),
        ),
        color=alt.Color(
            "verdict:N",
            title="the verdict",
            scale=alt.Scale(domain=list(VERDICT_COLORS), range=list(VERDICT_COLORS.values())),
            legend=alt.Legend(symbolOpacity=0.9, labelLimit=0),
        ),
        tooltip=["verdict:N", "rank_lead:Q", "component_lead:Q", "n:Q"],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#999", strokeDash=[4, 3])
    chart = (zero.encode(x="x:Q") + points).properties(width=WIDTH, height=300)
    return to_svg(chart)


def rank_spread(values: pd.DataFrame) -> str:
    """Each disagreeing artifact's distinct ranks (``artifact``, ``rank``, ``n``) on one line."""
    order = list(dict.fromkeys(values["artifact"]))
    base = alt.Chart(values).encode(y=alt.Y("artifact:N", title=None, sort=order))
    line = base.mark_rule(color="#bbb").encode(x="min(rank):Q", x2="max(rank):Q")
    dots = base.mark_circle(color="#3b6ea5", opacity=0.85).encode(
        x=alt.X("rank:Q", title="UnfragileRank shown", scale=alt.Scale(domain=[0, 100])),
        size=alt.Size("n:Q", scale=alt.Scale(range=[30, 300]), legend=None),
        tooltip=["artifact:N", "rank:Q", "n:Q"],
    )
    return to_svg((line + dots).properties(width=WIDTH, height=alt.Step(16)))


def rank_moves(moves: pd.DataFrame) -> str:
    """How far ranks moved since the old run: ``delta`` (binned) and ``n`` page sides."""
    chart = (
        alt.Chart(moves)
        .mark_bar(color="#3b6ea5")
        .encode(
            x=alt.X("delta:O", title="rank change (new minus old)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("n:Q", title="page sides", axis=_COUNT_AXIS),
            tooltip=["delta:O", "n:Q"],
        )
        .properties(width=WIDTH, height=160)
    )
    return to_svg(chart)


def findings_changed(counts: pd.DataFrame) -> str:
    """New and fixed findings per rule (``code``, ``change``, ``n``)."""
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("code:N", title=None),
            yOffset="change:N",
            x=alt.X("n:Q", title="findings", axis=_COUNT_AXIS),
            color=alt.Color(
                "change:N",
                title=None,
                scale=alt.Scale(domain=["new", "fixed"], range=["#c0392b", "#2e8b57"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["code:N", "change:N", "n:Q"],
        )
        .properties(width=WIDTH, height=alt.Step(12))
    )
    return to_svg(chart)
