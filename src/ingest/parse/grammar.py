"""Loads the page grammar once per process, with no on-disk cache.

The grammar file ships inside the package (``ingest/grammars``). Lark can
cache its analysis on disk, but that cache is a pickle loaded before anything
is checked: a file planted in the cache folder (``~/.cache``, a shared
``XDG_CACHE_HOME``, a world-writable folder under ``umask 000``) would run
code on the next command, and a FIFO or ``/dev/zero`` there would hang it or
exhaust memory. Measured on the 2-core development machine, building the
parser without a cache takes 14-25 ms (pure lark and lark-cython alike),
against 1-1.5 ms with one: ~25 ms more per process start (``ingest show``
0.23 -> 0.26 s) and per worker (once per worker, not per page). That is too
little to justify loading a pickle, or to justify verifying one (a key kept
beside the cache is no defence when the folder is the attacker's), so no
cache is read or written at all. A ``Lark`` object is never pickled either:
every process calls :func:`page_parser` and builds its own.

What a process does load is the LALR tables as JSON package data
(:mod:`ingest.parse.grammar_tables`): read-only, parsed as JSON (no code can
run from it), checked for its shape and for the sha256 of this grammar text,
else ignored in favour of building from the ``.lark``.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import GrammarError
from lark.grammar import Rule, Terminal

from ingest.parse.grammar_tables import read_tables
from ingest.parse.lalr_driver import TableDriver, table_driver
from ingest.parse.package_data import package_text
from ingest.parse.transformer import PageTransformer

GRAMMAR_NAME = "comparison.lark"

POSSESSIVE_TERMINALS = frozenset({"TABLE", "CAPABILITIES", "TRAILER"})
"""The terminals that end in a repeat of pieces, which Lark writes as a greedy ``(?:...)*``.

:func:`make_trailing_repeat_possessive` turns it into ``(?:...)*+``. The match is
the same (nothing follows the repeat in the terminal, so a greedy repeat never
gives a repetition back), but ``re`` keeps no backtracking state per repetition:
measured on ten 5 MB pages of one-line capabilities (tests/hostile/test_big_pages.py),
a greedy CAPABILITIES raised the peak RSS from ~340 MB to ~430-440 MB.
"""


def grammar_text() -> str:
    """The text of ``comparison.lark`` as shipped with the package."""
    return package_text("grammars", GRAMMAR_NAME)


def _lexer_class() -> Any:
    """lark-cython's LALR parser when installed (``ingest[fast]``) and wanted."""
    if os.environ.get("INGEST_NO_CYTHON"):
        return None
    try:
        import lark_cython
    except ImportError:
        return None
    return lark_cython


def make_trailing_repeat_possessive(terminal: Any) -> Any:
    """Lark's ``edit_terminals`` hook: ``(?:...)*`` / ``(?:...)+`` at the end -> ``*+`` / ``++``.

    Only for :data:`POSSESSIVE_TERMINALS`, and a no-op on one already written
    possessive (a hand-written regex). One that ends in neither (the grammar
    changed) is a :class:`GrammarError`, so the rewrite never goes missing
    unnoticed.
    """
    if terminal.name not in POSSESSIVE_TERMINALS:
        return terminal
    pattern = terminal.pattern
    value: str = pattern.value
    if value.endswith((")*+", ")++")):
        return terminal
    if not value.endswith((")*", ")+")) or value.endswith(("\\)*", "\\)+")):
        raise GrammarError(f"{terminal.name} does not end in a repeat of pieces: {value!r}")
    pattern.value = value + "+"
    return terminal


SPLICE_DEPTH = 32
"""Nesting :func:`_flattened` recurses into; below it, :func:`_flattened_deep` loops."""


def _flattened(children: list[Any], into: list[Token], depth: int = 0) -> list[Token]:
    """``into`` with the tokens of ``children`` appended in order, nested lists spliced in.

    Recursive, the cheapest in Python for a page's few levels (a section, its
    capability runs); past :data:`SPLICE_DEPTH` levels (a left-recursive repeat
    nests once per item: a page that error recovery cut into thousands of
    capability runs) the rest is spliced by a loop, deeper than Python recurses.
    """
    for child in children:
        if type(child) is list:
            if depth < SPLICE_DEPTH:
                _flattened(child, into, depth + 1)
            else:
                into += _flattened_deep(child)
        else:
            into.append(child)
    return into


def _flattened_deep(children: list[Any]) -> list[Token]:
    """The tokens of ``children`` in order, at any nesting depth, without recursing."""
    tokens: list[Token] = []
    pending = [children]
    while pending:
        items = pending.pop()
        for index, child in enumerate(items):
            if type(child) is list:
                pending.append(items[index + 1 :])  # the rest, after the nested list
                pending.append(child)
                break
            tokens.append(child)
    return tokens


class _SplicingLark(Lark):
    """Lark whose reductions below ``start`` only collect their children.

    Lark inlines a ``_rule`` into its parent through a Python child filter and
    a ``Tree`` per reduction (about 14 Python calls a page here). Here every
    rule but ``start`` reduces with ``list`` (in C) and ``start`` splices the
    nested lists into the one token list the transformer's ``start`` gets, in
    page order, as before: -19,000 instructions a page (valgrind, 500
    synthetic pages: ``parse_record`` 1.325 -> 1.306 M, -1.4 %). Only with the
    page transformer, and only when no rule drops a token (an anonymous
    terminal), where splicing equals Lark's filtering; otherwise Lark's own
    callbacks stay.
    """

    def _prepare_callbacks(self) -> None:
        super()._prepare_callbacks()
        transformer = self.options.transformer
        rules: list[Rule] = self.rules
        if not isinstance(transformer, PageTransformer) or any(
            isinstance(symbol, Terminal) and symbol.filter_out
            for rule in rules
            for symbol in rule.expansion
        ):
            return
        start = transformer.start

        def reduce_start(children: list[Any]) -> Any:
            return start(_flattened(children, []))

        callbacks: dict[Any, Any] = self._callbacks
        for rule in rules:
            callbacks[rule] = reduce_start if rule.origin.name == "start" else list
        self._splices = start

    _splices: Any = None
    """The transformer's ``start`` once the callbacks splice (the driver then applies)."""

    @functools.cached_property
    def driver(self) -> TableDriver | None:
        """This parser's :class:`TableDriver` (made on first use), None if it has none."""
        return None if self._splices is None else table_driver(self, self._splices)

    def parse(self, text: Any, start: str | None = None, on_error: Any = None) -> Any:
        """Lark's parse, by :class:`~ingest.parse.lalr_driver.TableDriver` when it can read
        the page (same record, ~25 µs a page less); Lark's own loop otherwise, and always
        for a page the driver stops on (the errors and the recovery are Lark's)."""
        if start is None and on_error is None and type(text) is str:
            driver = self.driver
            if driver is not None:
                page = driver.parse(text)
                if page is not None:
                    return page
        return super().parse(text, start, on_error)


def build_parser(
    grammar: str, transformer: Transformer[Any, Any] | None, accelerated: bool
) -> Lark:
    """A LALR parser for ``grammar``, built the way :func:`page_parser` builds the page's.

    ``cache=False``: nothing is read from or written to disk (module docstring).
    ``edit_terminals`` runs after Lark compiles the terminals and before it
    builds the lexer (pure or lark-cython) from them.
    """
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "transformer": transformer,
        "maybe_placeholders": False,
        "propagate_positions": False,
        "cache": False,
        "edit_terminals": make_trailing_repeat_possessive,
    }
    plugin = _lexer_class() if accelerated else None
    if plugin is not None:
        options["_plugins"] = plugin.plugins
    kind = Lark if transformer is None else _SplicingLark  # None: a tree (the tables' build)
    return kind(grammar, **options)


def load_parser(
    data: dict[str, Any],
    memo: dict[int, Any],
    transformer: Transformer[Any, Any] | None,
    accelerated: bool,
) -> Lark:
    """The parser :func:`build_parser` builds, from its serialized tables (``memo_serialize``).

    The terminals were serialized after ``edit_terminals`` ran, so they are
    already possessive; Lark compiles the lexer (pure or lark-cython) from them.
    """
    options: dict[str, Any] = {"transformer": transformer}
    plugin = _lexer_class() if accelerated else None
    if plugin is not None:
        options["_plugins"] = plugin.plugins
    parser: Lark = _SplicingLark._load_from_dict(data, memo, **options)  # type: ignore[no-untyped-call]
    return parser


@functools.cache
def page_parser(accelerated: bool = True) -> Lark:
    """The LALR parser with the page transformer inlined; made once per process.

    From the shipped JSON tables when they match the grammar, else from the ``.lark``:
    the tables buy ~18 ms per process (median of 11 fresh processes, 22 -> 3.4 ms
    scaled to normal machine speed).
    """
    grammar = grammar_text()
    tables = read_tables(grammar)
    if tables is None:
        parser = build_parser(grammar, PageTransformer(), accelerated)
    else:
        parser = load_parser(*tables, PageTransformer(), accelerated)
    if isinstance(parser, _SplicingLark):
        _ = parser.driver  # made here, so that workers forked after warm_up inherit it (~3 ms)
    return parser
