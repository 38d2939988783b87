"""The compiled terminals keep the properties the grammar's comments promise.

Lark writes a repeat of pieces (``_CAPABILITY+``) as a greedy ``(?:...)+``;
:func:`ingest.parse.grammar.make_trailing_repeat_possessive` makes it possessive
(``re`` then keeps no backtracking state per repetition: tests/hostile/test_big_pages.py).
These tests read the patterns the lexer is built from, parsed by ``re``'s own parser.
"""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from lark.exceptions import GrammarError

from ingest.parse.grammar import POSSESSIVE_TERMINALS, make_trailing_repeat_possessive, page_parser

SINGLE_CHARACTER = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}


def _terminals(accelerated: bool) -> dict[str, str]:
    parser = page_parser(accelerated=accelerated)
    assert parser.lexer_conf.terminals == parser.terminals  # what the lexer is built from
    return {terminal.name: terminal.pattern.value for terminal in parser.terminals}


def _repeats(pattern: Any) -> Iterator[tuple[Any, int, Any]]:
    """Every repeat in a parsed pattern, nested ones included: (opcode, max, body)."""
    for op, av in pattern:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield op, av[1], av[2]
            yield from _repeats(av[2])
        elif op is sre.SUBPATTERN:
            yield from _repeats(av[3])
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _repeats(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _repeats(av[1])
        elif op is sre.ATOMIC_GROUP:
            yield from _repeats(av)


@pytest.mark.parametrize("accelerated", [True, False], ids=["lark-cython", "lark"])
def test_the_named_terminals_end_in_a_possessive_repeat(accelerated: bool) -> None:
    terminals = _terminals(accelerated)
    assert terminals.keys() >= POSSESSIVE_TERMINALS
    for name in POSSESSIVE_TERMINALS:
        last_op, _ = sre_parse.parse(terminals[name])[-1]
        assert last_op is sre.POSSESSIVE_REPEAT, (name, terminals[name])


@pytest.mark.parametrize("accelerated", [True, False], ids=["lark-cython", "lark"])
def test_no_terminal_repeats_more_than_a_character_greedily_without_bound(
    accelerated: bool,
) -> None:
    # A greedy unbounded repeat of one character (`\n+`) keeps no state per
    # repetition; a greedy unbounded repeat of a group does.
    for name, value in _terminals(accelerated).items():
        for op, most, body in _repeats(sre_parse.parse(value)):
            if op is sre.MAX_REPEAT and most == sre.MAXREPEAT:
                assert len(body) == 1 and body[0][0] in SINGLE_CHARACTER, (name, value)


def test_the_hook_leaves_other_and_possessive_terminals_alone() -> None:
    other = SimpleNamespace(name="TITLE", pattern=SimpleNamespace(value="(?:a)+"))
    written = SimpleNamespace(name="TABLE", pattern=SimpleNamespace(value="a(?:b)*+"))
    greedy = SimpleNamespace(name="TRAILER", pattern=SimpleNamespace(value="a(?:b)*"))
    for terminal in (other, written, greedy):
        make_trailing_repeat_possessive(terminal)
    assert (other.pattern.value, written.pattern.value, greedy.pattern.value) == (
        "(?:a)+",
        "a(?:b)*+",
        "a(?:b)*+",
    )


@pytest.mark.parametrize("value", ["a\\n", "(?:a)", "a\\)*", "(?:a)?"])
def test_a_named_terminal_without_a_trailing_repeat_is_a_grammar_error(value: str) -> None:
    terminal = SimpleNamespace(name="CAPABILITIES", pattern=SimpleNamespace(value=value))
    with pytest.raises(GrammarError, match="CAPABILITIES does not end in a repeat"):
        make_trailing_repeat_possessive(terminal)
