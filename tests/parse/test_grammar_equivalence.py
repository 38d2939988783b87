"""The composed grammar reads every page exactly as the hand-written one it replaced.

``fixtures/grammar/comparison_v1.lark`` is the grammar whose terminals were hand-written
regexes (before issue 12, item 5). Both are built the way :func:`page_parser` builds
the page's; on every corpus page, on generated pages (half of them inconsistent) and
on seeded mutants of both, they must give the same tokens (type and text, so the same
token count) or the same lexer/parser error, and ``parse_record`` (with error
recovery) the same record or the same ParseError.

``INGEST_EQUIV_PAGES`` sets how many generated pages and how many mutants (default
2,000 each). The terminals also compile to the same ``re`` parse trees today (the
pieces spell the old regexes out); a later grammar meant to read pages alike but
written differently may drop that test and keep the others.
"""

from __future__ import annotations

import os
import random
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

from lark import Lark
from lark.exceptions import UnexpectedInput

from ingest.errors import ParseError
from ingest.parse import api
from ingest.parse.grammar import build_parser, grammar_text
from ingest.parse.transformer import PageTransformer
from ingest.synth import iter_corpus
from tests.parse.paths import CORPUS_PAGES, FIXTURES

OLD_GRAMMAR = (FIXTURES / "grammar" / "comparison_v1.lark").read_text("utf-8")
PAGES = int(os.environ.get("INGEST_EQUIV_PAGES", "2000"))
SEED = 12

MARKER_LINES = [
    b"Unique: x", b"vs alternatives: y", b"Verdict", b"+3 more capabilities", b"| a | b |",
    b"A Capabilities", b"short title", b"", b"Need something different?", b"A vs B",
    b"t" * 80, b"t" * 81, b"t" * 79 + b".",
]  # fmt: skip
"""Lines the grammar decides on, inserted by the mutator (titles: at most 80, unpunctuated)."""
BYTES = b"|\n :.+Uv\xc3\xa9\x00\r\t"
"""Bytes a byte change draws from half the time (the other half: any byte)."""


def _mutate(page: bytes, rng: random.Random) -> bytes:
    """One to three edits: delete, duplicate, swap or insert lines, truncate, change bytes."""
    lines = page.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        edit = rng.randrange(6)
        if edit == 0 and len(lines) > 1:
            del lines[at]
        elif edit == 1:
            lines.insert(at, lines[at])
        elif edit == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == 3:
            lines.insert(at, rng.choice(MARKER_LINES))
        elif edit == 4:
            text = b"\n".join(lines)
            lines = text[: rng.randrange(len(text) + 1)].split(b"\n")
        else:
            line = bytearray(lines[at] or b" ")
            byte = rng.choice(BYTES) if rng.random() < 0.5 else rng.randrange(256)
            line[rng.randrange(len(line))] = byte
            lines[at] = bytes(line)
    return b"\n".join(lines)


def _pages() -> Iterator[tuple[str, bytes]]:
    """Corpus pages, generated pages, then mutants of both: (name, bytes)."""
    originals = [(path.name, path.read_bytes()) for path in CORPUS_PAGES]
    generated = iter_corpus(PAGES, seed=SEED, inconsistent_rate=0.5)
    originals += [(relative, text.encode("utf-8")) for relative, text, _ in generated]
    yield from originals
    rng = random.Random(SEED)
    for index in range(PAGES):
        name, page = originals[index % len(originals)]
        yield f"{name} mutant {index}", _mutate(page, rng)


def _tokens(parser: Lark, data: bytes) -> object:
    """The page's tokens (type, text), or what stopped the lexer or parser."""
    try:
        text = api.normalize(api.decode(data, None))
    except ParseError as error:
        return ("not text", str(error))
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
        found = (getattr(token, "type", None), str(token)) if token is not None else None
        return (type(error).__name__, error.line, error.column, found, sorted(expected))
    return [(token.type, str(token)) for token in tree.children]


def _record(parser: Lark, data: bytes) -> object:
    """``parse_record(data, recover=True)`` with ``parser`` as the page parser."""
    with mock.patch.object(api, "page_parser", lambda accelerated=True: parser):
        try:
            return api.parse_record(data, "page.txt", recover=True)
        except ParseError as error:
            return ("ParseError", str(error), error.line, error.column)


def _mismatches(compare: Callable[[Lark, bytes], Any], old: Lark, new: Lark) -> list[str]:
    return [name for name, data in _pages() if compare(old, data) != compare(new, data)]


def test_both_grammars_give_the_same_tokens() -> None:
    old = build_parser(OLD_GRAMMAR, None, accelerated=True)
    new = build_parser(grammar_text(), None, accelerated=True)
    counts = {"pages": 0, "parsed": 0, "old tokens": 0, "new tokens": 0}
    mismatches = []
    for name, data in _pages():
        old_tokens, new_tokens = _tokens(old, data), _tokens(new, data)
        counts["pages"] += 1
        if isinstance(old_tokens, list) and isinstance(new_tokens, list):
            counts["parsed"] += 1
            counts["old tokens"] += len(old_tokens)
            counts["new tokens"] += len(new_tokens)
        if old_tokens != new_tokens:
            mismatches.append(name)
    print(counts)
    assert mismatches == [], mismatches[:10]
    assert counts["pages"] == len(CORPUS_PAGES) + 2 * PAGES
    assert counts["old tokens"] == counts["new tokens"]
    assert counts["parsed"] > PAGES  # the generated pages parse, most mutants too


def test_both_grammars_give_the_same_records() -> None:
    old = build_parser(OLD_GRAMMAR, PageTransformer(), accelerated=True)
    new = build_parser(grammar_text(), PageTransformer(), accelerated=True)
    mismatches = _mismatches(_record, old, new)
    assert mismatches == [], mismatches[:10]


def test_both_grammars_order_their_terminals_alike() -> None:
    # Lark's scanner tries terminals in (priority, width, pattern length) order and takes the
    # first match: where two terminals can match, the order is part of the grammar.
    old = build_parser(OLD_GRAMMAR, None, accelerated=False)
    new = build_parser(grammar_text(), None, accelerated=False)

    def order(parser: Lark) -> list[str]:
        terminals = sorted(
            parser.terminals,
            key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
        )
        return [terminal.name for terminal in terminals]

    assert order(old) == order(new)


def test_both_grammars_compile_to_the_same_regexes() -> None:
    # `vs alternatives:` is written `vs\ alternatives:` by Lark (a string piece): `re`
    # reads both as the same literals, so the parse trees are compared, not the text.
    old = build_parser(OLD_GRAMMAR, None, accelerated=False)
    new = build_parser(grammar_text(), None, accelerated=False)

    def trees(parser: Lark) -> dict[str, str]:
        return {t.name: repr(sre_parse.parse(t.pattern.value)) for t in parser.terminals}

    assert trees(old) == trees(new)
