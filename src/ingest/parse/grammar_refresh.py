"""``python -m ingest.parse.grammar_refresh``: rewrite the shipped parse tables from the grammar.

Run it whenever ``comparison.lark`` changes (tests/parse/test_grammar_tables.py fails
until it is run; meanwhile :func:`ingest.parse.grammar.page_parser` builds the parser
from the ``.lark``). A module of its own: it needs both :mod:`ingest.parse.grammar`
and :mod:`ingest.parse.grammar_tables`, which the grammar module itself reads.
"""

from __future__ import annotations

from pathlib import Path

from ingest.parse.grammar import build_parser, grammar_text
from ingest.parse.grammar_tables import TABLES_NAME, render, tables_document


def fresh_text() -> str:
    """The file's text built now from the shipped grammar."""
    grammar = grammar_text()
    return render(tables_document(build_parser(grammar, None, accelerated=False), grammar))


def main() -> None:
    """``python -m ingest.parse.grammar_refresh``: (re)write the shipped tables."""
    target = Path(__file__).resolve().parent.parent / "grammars" / TABLES_NAME
    target.write_text(fresh_text(), "utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
