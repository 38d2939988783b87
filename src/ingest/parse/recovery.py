"""Error recovery for the page grammar: one bad line costs that line, not the page.

The page is parsed as usual; only when Lark's LALR parser stops on a line it
does not expect does recovery start: the error is recorded (line, column, the
offending line, what was expected), the lexer is moved to the start of the
next line, and the same parser state resumes (Lark's ``InteractiveParser``
that comes with every ``UnexpectedInput``). A line that fails right after a
skipped one (only blank lines between) belongs to the same error: the parser
skips on to the first line it can resynchronise on (a heading, `Verdict`,
`+k more`, the next capability), and reports the run once, at its first line.

A clean page never gets here: it costs exactly the parse it cost before
(measured in the README, "Error recovery"). Skipping is linear: every step
moves at least one line forward, and a skipped line is read once.

Why not an ``UNKNOWN_LINE`` terminal in every section: it makes the grammar
accept every page, so ``recover=False`` could no longer raise where the page
first goes wrong, nor say what was expected there (the parser state is gone
by the time the transformer sees the token); and the measured cost on clean
pages was no lower (README). Lark's own ``on_error=`` skips whole tokens (a
token here is a block of lines) and calls lark-cython's line counter wrongly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ingest.page.records import Page, PageError
from ingest.parse.page_checks import UNEXPECTED_LINE

MAX_ERRORS = 50
"""Unexpected-line errors kept per page; the rest are counted in one last error."""


class _Skip(NamedTuple):
    line: int
    column: int
    text: str
    what: str
    expected: str
    last: int
    """The last line skipped with this error."""


def _position(exc: UnexpectedInput) -> int:
    """Where the offending token or character starts in the text."""
    if isinstance(exc, UnexpectedToken):
        return int(exc.token.start_pos or 0)
    return int(exc.pos_in_stream or 0)


def _ends_page(exc: UnexpectedInput) -> bool:
    return isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    )


def parse_recovering(
    text: str,
    first: UnexpectedInput,
    what_is_wrong: Callable[[str], str],
    describe: Callable[[frozenset[str]], str],
) -> Page:
    """Resume the parse that raised ``first`` on normalised ``text``, skipping bad lines.

    Returns the page with one IG004 :class:`PageError` per skipped run of lines
    (at most :data:`MAX_ERRORS`, then one "... and N more"), merged in line order
    with the errors the transformer found. Raises ``first`` when no page can be
    recovered (the text ends before its table: not a page at all).
    """
    skips: list[_Skip] = []
    exc = first
    done = 0  # the text offset just after the last skipped line
    counted, line_of_counted = 0, 1  # lines are counted forward only: linear
    while True:
        interactive = getattr(exc, "interactive_parser", None)
        if _ends_page(exc) or interactive is None:
            raise first
        start = text.rfind("\n", 0, _position(exc)) + 1  # tokens start lines; be sure of it
        end = text.find("\n", start) + 1 or len(text)
        if end <= done:
            raise first  # no progress: never loop
        line = line_of_counted + text.count("\n", counted, start)
        counted, line_of_counted = start, line
        offending = text[start : end - 1]
        if skips and not text[done:start].strip("\n"):
            skips[-1] = skips[-1]._replace(last=line)  # the same run of bad lines
        else:
            column = exc.column if isinstance(exc.column, int) and exc.column > 0 else 1
            expected = describe(_expected(exc))
            skips.append(_Skip(line, column, offending, what_is_wrong(offending), expected, line))
        done = end
        counter = interactive.lexer_thread.state.line_ctr
        counter.char_pos = end
        counter.line = line + 1
        counter.column = 1
        counter.line_start_pos = end
        try:
            page: Page = interactive.resume_parse()
        except UnexpectedInput as again:
            exc = again
            continue
        return page._replace(errors=merged(page.errors, skips))


def _expected(exc: UnexpectedInput) -> frozenset[str]:
    if isinstance(exc, UnexpectedToken):
        return frozenset(exc.expected)
    if isinstance(exc, UnexpectedCharacters):
        return frozenset(exc.allowed)
    return frozenset()


def _message(skip: _Skip) -> str:
    message = skip.what + (f" (expected {skip.expected})" if skip.expected else "")
    if skip.last > skip.line:
        message += f"; skipped through line {skip.last}"
    return message


def merged(found: tuple[PageError, ...], skips: list[_Skip]) -> tuple[PageError, ...]:
    """The transformer's errors and the skipped runs, in line order, IG004 capped."""
    unexpected = [
        PageError(UNEXPECTED_LINE, _message(skip), skip.line, skip.column, skip.text)
        for skip in skips
    ]
    return capped(tuple(sorted((*found, *unexpected), key=lambda e: (e.line, e.column))))


def capped(errors: tuple[PageError, ...]) -> tuple[PageError, ...]:
    """At most :data:`MAX_ERRORS` IG004 errors, then one "... and N more" in their place."""
    kept: list[PageError] = []
    count = 0
    rest: list[PageError] = []
    for error in errors:
        if error.code == UNEXPECTED_LINE:
            count += 1
            if count > MAX_ERRORS:
                rest.append(error)
                continue
        kept.append(error)
    if rest:
        first = rest[0]
        more = PageError(
            UNEXPECTED_LINE,
            f"... and {len(rest)} more unexpected lines",
            first.line,
            first.column,
            first.text,
        )
        kept.append(more)
        kept.sort(key=lambda e: (e.line, e.column))
    return tuple(kept)
