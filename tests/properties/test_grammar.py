"""Sentences of the page grammar itself (``hypothesis.extra.lark.from_lark``) parse.

Lark's terminals here are whole lines or blocks of lines whose meaning is checked
after lexing (a table header needs two subjects), so each terminal is drawn from
an explicit strategy of realistic text; the grammar decides their order, count and
which optional parts appear. Every such text must parse, and its rendering must be a
fixed point of parse and render.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import ingest
from ingest.parse.grammar import grammar_text
from ingest.parse.render import NEUTRAL_SUMMARY, capability_lines, more_line
from ingest.synth import vocabulary as v
from ingest.synth.generate import draw_capabilities
from ingest.testing import HypothesisDraw, names

pytestmark = pytest.mark.property

GRAMMAR = Lark(grammar_text(), parser="lalr", lexer="contextual")


def _line(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.map(lambda line: line + "\n")


@st.composite
def _table(draw: st.DrawFn) -> str:
    a, b = draw(names()), draw(names())
    rows = [
        f"| {name} | {draw(st.integers(0, 1))} | {draw(st.integers(0, 1))} |"
        for name in v.COMPONENTS
    ]
    count = draw(st.integers(0, len(rows)))
    return "\n".join([f"| Feature | {a} | {b} |", "|---|---|---|", *rows[:count]]) + "\n"


@st.composite
def _capabilities(draw: st.DrawFn) -> str:
    found = draw_capabilities(HypothesisDraw(draw), draw(st.integers(1, 4)))
    return "".join(line + "\n" for capability in found for line in capability_lines(capability))


TERMINALS = {
    "TITLE": st.builds(lambda a, b: f"{a} vs {b}\n", names(), names()),
    "SUMMARY": _line(st.sampled_from([NEUTRAL_SUMMARY, "X ranks higher at 5/100 vs Y at 3/100."])),
    "TABLE": _table(),
    "HEADING": _line(names().map(lambda name: name + " Capabilities")),
    "CAPABILITIES": _capabilities(),
    "MORE": _line(st.integers(0, 99).map(more_line)),
    "VERDICT_HEADING": st.just("Verdict\n"),
    "VERDICT_TEXT": _line(st.sampled_from(v.CLOSING_SENTENCES)),
    "TRAILER": st.lists(st.sampled_from(v.TRAILER), min_size=1, max_size=2).map(
        lambda lines: "\n".join(lines) + "\n"
    ),
    "BLANK": st.sampled_from(["\n", "\n\n"]),
}


@given(from_lark(GRAMMAR, explicit=TERMINALS))
def test_every_sentence_of_the_grammar_parses(text: str) -> None:
    page = ingest.parse_text(text)
    rendered = ingest.render(page)
    assert ingest.render(ingest.parse_text(rendered)) == rendered
