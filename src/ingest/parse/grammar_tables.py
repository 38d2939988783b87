"""The page grammar's LALR tables, shipped as JSON package data (never a pickle).

Building the parser from ``comparison.lark`` costs 15-25 ms per process (the
grammar analysis and the LALR tables); loading the same tables from JSON costs
a few. ``python -m ingest.parse.grammar_refresh`` writes them from the grammar
(``grammars/comparison.tables.json``); tests/parse/test_grammar_tables.py
asserts the shipped file equals a fresh build, so it cannot go stale. The file
is read-only package data parsed with :func:`json.loads` (plain dicts, lists,
strings and numbers: nothing in it can run code), checked for its shape and
for the sha256 of the grammar text it was built from; when it is missing or
does not match, :mod:`ingest.parse.grammar` builds from the ``.lark`` instead.

JSON has neither integer keys nor tuples, which Lark's serialized tables use,
so both are tagged: ``{"__int_keys__": [[key, value], ...]}`` and
``{"__tuple__": [...]}``; :func:`decode` restores them exactly.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

from ingest.parse.package_data import package_text

TABLES_NAME = "comparison.tables.json"
FORMAT = 1

NOT_SERIALIZED = frozenset({"transformer", "edit_terminals", "_plugins", "postlex"})
"""Options given when loading (or, for ``edit_terminals``, already applied to the terminals)."""

_INT_KEYS = "__int_keys__"
_TUPLE = "__tuple__"


def grammar_sha256(grammar: str) -> str:
    """The key that ties the tables to the grammar text they were built from."""
    return hashlib.sha256(grammar.encode("utf-8")).hexdigest()


def encode(value: Any) -> Any:
    """Lark's serialized data as JSON-ready values: int-keyed dicts and tuples tagged."""
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            if _INT_KEYS in value or _TUPLE in value:
                raise ValueError(f"a key collides with a tag: {sorted(value)!r}")
            return {key: encode(item) for key, item in value.items()}
        return {_INT_KEYS: [[key, encode(item)] for key, item in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not serializable as JSON: {type(value).__name__}")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(value, dict):
        if _INT_KEYS in value:
            return {int(key): decode(item) for key, item in value[_INT_KEYS]}
        if _TUPLE in value:
            return tuple(decode(item) for item in value[_TUPLE])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def tables_document(parser: Lark, grammar: str) -> dict[str, Any]:
    """What the JSON file holds for ``parser``, built from ``grammar`` with no transformer."""
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    options = {key: item for key, item in data["options"].items() if key not in NOT_SERIALIZED}
    frontend = data["parser"]
    frontend["parser"] = canonical_table(frontend["parser"])
    return {
        "format": FORMAT,
        "grammar_sha256": grammar_sha256(grammar),
        "data": encode({**data, "options": options}),
        "memo": encode(memo),
    }


def read_tables(grammar: str) -> tuple[dict[str, Any], dict[int, Any]] | None:
    """The shipped ``(data, memo)`` for ``grammar``, or None when missing or not for it."""
    try:
        text = package_text("grammars", TABLES_NAME)
        document = json.loads(text)
    except (OSError, ValueError):
        return None
    if not _well_formed(document) or document["grammar_sha256"] != grammar_sha256(grammar):
        return None
    data: dict[str, Any] = decode(document["data"])
    memo: dict[int, Any] = decode(document["memo"])
    return data, memo


def _well_formed(document: Any) -> bool:
    """The shape :func:`tables_document` writes (anything else is not ours: ignored)."""
    return (
        isinstance(document, dict)
        and document.get("format") == FORMAT
        and isinstance(document.get("grammar_sha256"), str)
        and isinstance(document.get("data"), dict)
        and {"parser", "rules", "options"} <= document["data"].keys()
        and isinstance(document.get("memo"), dict)
        and set(document["memo"]) == {_INT_KEYS}
    )


def canonical_table(table: dict[str, Any]) -> dict[str, Any]:
    """The serialized LALR table with states and tokens numbered the same in every process.

    Lark numbers them in set-iteration order, which changes with the string hash
    seed; here tokens are numbered by name and states in breadth-first order from
    the start states (actions taken in token-name order), so the file is stable.
    """
    tokens: dict[int, str] = table["tokens"]
    states = {
        state: {tokens[token]: action for token, action in actions.items()}
        for state, actions in table["states"].items()
    }
    order = [table["start_states"][name] for name in sorted(table["start_states"])]
    number = {state: index for index, state in enumerate(order)}
    for state in order:  # grows while it is walked: a breadth-first walk
        for _name, (kind, target) in sorted(states[state].items()):
            if kind == 0 and target not in number:
                number[target] = len(order)
                order.append(target)
    if len(order) != len(states):
        raise ValueError("a state is unreachable from the start states")
    token_ids = {name: index for index, name in enumerate(sorted(tokens.values()))}
    return {
        "tokens": {index: name for name, index in token_ids.items()},
        "states": {
            number[state]: {
                token_ids[name]: (kind, number[arg] if kind == 0 else arg)
                for name, (kind, arg) in sorted(states[state].items())
            }
            for state in order
        },
        "start_states": {name: number[s] for name, s in table["start_states"].items()},
        "end_states": {name: number[s] for name, s in table["end_states"].items()},
    }


def render(document: dict[str, Any]) -> str:
    """The file's text: one JSON document, sorted keys, ending in a newline."""
    return json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
