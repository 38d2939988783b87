"""The page grammar's own LALR tables and contextual lexer, driven by one loop per page.

Lark parses a page through a chain of calls per token (the lexer thread, the
state's lexer, its scanner, the parser state, a callback per reduction and a
Python ``__hash__`` per rule, an ``EOFError`` at the end): about 2.6 µs a token
with lark-cython, ~30 µs of the ~53 µs a page takes to lex and parse, where the
terminals' regexes take ~23 µs (measured on 5,000 synthetic pages of ~9 KB).
For the page grammar that chain does nothing but shift and reduce: every rule
below ``start`` only collects its children and ``start`` gets the page's tokens
in order (:class:`ingest.parse.grammar._SplicingLark`). :class:`TableDriver` does
just that from the same objects Lark built: each state's scanner is Lark's own
(the union regex of the terminals the state accepts, in Lark's order), each
action Lark's parse table's, and at the end the transformer's ``start`` gets the
tokens as Lark would hand them over.

Only a page that lexes and parses is read here. At the first character no
terminal of the state matches, or the first token the state has no action for,
:meth:`TableDriver.parse` returns None and the caller lets Lark parse the page
from the start, which raises what it always raised (the error messages and the
error recovery rest on Lark's exceptions and interactive parser). A driver is
only made when nothing else could differ: the contextual lexer without
callbacks or a post-lexer, one regex per scanner (:func:`table_driver`).
tests/parse/test_lalr_driver.py checks that both give equal records.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Mapping
from typing import Any

from lark import Lark, Token
from lark.lexer import ContextualLexer
from lark.parsers.lalr_analysis import Shift

Scanner = tuple[Callable[[str, int], Any], frozenset[str], frozenset[str]]
"""A state's scanner: its regex's ``match``, its ignored and its newline-holding terminals."""
Action = tuple[bool, Any]
"""``(True, next state)``: a shift; ``(False, (symbols popped, rule's name))``: a reduction."""


class TableDriver:
    """Shift/reduce over a Lark parser's tables, then the transformer's ``start`` (module doc)."""

    def __init__(
        self,
        scanners: Mapping[int, Scanner],
        actions: Mapping[int, Mapping[str, Action]],
        start_state: int,
        end_state: int,
        start: Callable[[list[Any]], Any],
        token: Callable[..., Any],
    ) -> None:
        self.scanners = dict(scanners)
        self.actions = dict(actions)
        self.start_state = start_state
        self.end_state = end_state
        self.start = start
        self.token = token
        """The token class of the parser's lexer (lark-cython's or Lark's)."""

    def parse(self, text: str) -> Any:
        """``start`` of the page's tokens, or None where Lark would stop (then it must parse)."""
        scanners, actions, make = self.scanners, self.actions, self.token
        stack = [self.start_state]
        tokens: list[Any] = []
        pos, line, line_start, end = 0, 1, 0, len(text)
        while True:
            if pos < end:
                match, ignore, newline = scanners[stack[-1]]
                found = match(text, pos)
                if found is None:
                    return None
                value: str = found.group(0)
                kind: str = found.lastgroup
                column = pos - line_start + 1
                token = None if kind in ignore else make(kind, value, pos, line, column)
                if kind in newline:  # as Lark's line counter: lines and the last line's start
                    count = value.count("\n")
                    if count:
                        line += count
                        line_start = pos + value.rindex("\n") + 1
                pos += len(value)
                if token is None:
                    continue
            else:
                kind, token = "$END", None
            while True:
                action = actions[stack[-1]].get(kind)
                if action is None:
                    return None
                shift, target = action
                if shift:
                    stack.append(target)
                    break
                size, origin = target
                if size:
                    del stack[-size:]
                state = actions[stack[-1]][origin][1]
                if token is None and state == self.end_state:
                    return self.start(tokens)  # only ``start`` leads there: Lark's one callback
                stack.append(state)
            tokens.append(token)


def table_driver(parser: Lark, start: Callable[[list[Any]], Any]) -> TableDriver | None:
    """A driver over ``parser``'s tables (``start``: the transformer's), or None when the
    parser is not one the driver reads the same (module doc)."""
    frontend: Any = parser.parser
    table = getattr(getattr(frontend, "parser", None), "_parse_table", None)
    if (
        table is None
        or parser.options.lexer != "contextual"
        or parser.options.postlex is not None
        or parser.options.lexer_callbacks
        or "start" not in table.start_states
    ):
        return None
    states: dict[int, Collection[str]] = {state: list(row) for state, row in table.states.items()}
    lexer = ContextualLexer(parser.lexer_conf, states)
    scanners: dict[int, Scanner] = {}
    basic: Any
    for state, basic in lexer.lexers.items():
        scanner = basic.scanner  # builds the state's regex, and the lexer's callbacks
        if basic.callback or len(scanner._mres) != 1:
            return None
        scanners[state] = (scanner._mres[0].match, basic.ignore_types, basic.newline_types)
    actions = {
        state: {
            symbol: (True, arg) if kind is Shift else (False, (len(arg.expansion), arg.origin.name))
            for symbol, (kind, arg) in row.items()
        }
        for state, row in table.states.items()
    }
    module = sys.modules.get(type(frontend.lexer).__module__)
    token = getattr(module, "Token", Token) if module is not None else Token
    ends = table.start_states["start"], table.end_states["start"]
    return TableDriver(scanners, actions, *ends, start, token)
