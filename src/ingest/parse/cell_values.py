"""What a table cell holds: its kind, and a value that is right or null, never wrong.

A cell is read by its shape, as a whole (never its leading number alone):

=================  ======================  =====================================================
kind               example                 value, unit, usd_per_token, date
=================  ======================  =====================================================
``score``          ``42/100``              42, ``/100``
``count``          ``6 decomposed``        6, ``decomposed`` (a whole number and a unit word)
``integer``        ``1,000``               1000
``decimal``        ``0.75``, ``5e-7``      0.75; with a unit word or ``%``: the unit
``suffixed``       ``82.4k``, ``3B``       82400, 3000000000 (k, K, M, B, T)
``money``          ``$1.25/1M tokens``     1.25, ``USD per 1M tokens``, usd_per_token 1.25e-06
``date``           ``2026-09-01``          date 2026-09-01 (value null)
``label``          ``Model``, ``Free``     text only (value null)
``missing``        ``—``                   nothing (raw null)
``unclear``        ``1.2.3``, ``$abc``     value null, raw kept: it starts like a number and is none
=================  ======================  =====================================================

Every pattern is anchored and possessive, so a cell costs time linear in its
length whatever it repeats. A value that overflows (``1e999``) is returned as
infinite: :mod:`ingest.parse.page_checks` empties it with an IG005 page error.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from typing import Final, NamedTuple

KINDS: Final = (
    "score",
    "count",
    "integer",
    "decimal",
    "suffixed",
    "money",
    "date",
    "label",
    "missing",
    "unclear",
)
"""Every kind a cell can have, in the order the README documents them."""

_NUMBER_START = frozenset("0123456789$+-.")
_INT = r"[-+]?+(?:\d{1,3}+(?:,\d{3})++(?!\d)|\d++)"
"""A whole number, with or without thousands separators (`1,234`, `1234`)."""
_FRACTION = r"(?:\.\d++)?+"
_EXPONENT = r"(?:[eE][-+]?+\d++)?+"
_UNIT_WORDS = r"[A-Za-z][A-Za-z ]*+"

_PLAIN = re.compile(rf"({_INT})({_FRACTION})({_EXPONENT})(?:( ?+%)| ++({_UNIT_WORDS}))?+")
_SCORE = re.compile(r"(\d++(?:\.\d++)?+)/(\d++)")
_SUFFIXED = re.compile(rf"({_INT}{_FRACTION}) ?+([kKMBT])")
_MONEY = re.compile(
    rf"\$({_INT}{_FRACTION}{_EXPONENT})"
    rf"(?: *+(?:/|per\b) *+(?:(\d++(?:\.\d++)?+)([kKMB])?+ ++)?+({_UNIT_WORDS}))?+"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_SUFFIX_EXPONENT: Final = {"k": 3, "K": 3, "M": 6, "B": 9, "T": 12}
_TOKEN_UNITS = frozenset({"token", "tokens"})


class Cell(NamedTuple):
    """One cell, read: see the module docstring for what each kind fills."""

    kind: str
    value: float | None = None
    unit: str | None = None
    usd_per_token: float | None = None
    date: datetime.date | None = None


MISSING_CELL: Final = Cell("missing")
LABEL: Final = Cell("label")
UNCLEAR: Final = Cell("unclear")


def _number(text: str) -> float:
    """A matched number as a float (inf when it overflows; never raises)."""
    return float(text.replace(",", ""))


@functools.lru_cache(maxsize=8192)
def parse_cell(raw: str | None) -> Cell:
    """The cell ``raw`` (as displayed, `—` already None) by kind.

    Cached: pages repeat the same cells (`Free`, `42/100`) over and over.
    """
    if raw is None:
        return MISSING_CELL
    if not raw or raw[0] not in _NUMBER_START:
        return LABEL
    if raw.isascii() and raw.isdigit():
        return Cell("integer", float(raw))
    if raw[0] == "$":
        return _money(raw)
    match = _SCORE.fullmatch(raw)
    if match is not None:
        return Cell("score", _number(match[1]), f"/{match[2]}")
    match = _DATE.fullmatch(raw)
    if match is not None:
        return _date(match)
    match = _SUFFIXED.fullmatch(raw)
    if match is not None:
        power = _SUFFIX_EXPONENT[match[2]]
        return Cell("suffixed", float(f"{match[1].replace(',', '')}e{power}"))
    match = _PLAIN.fullmatch(raw)
    if match is None:
        return UNCLEAR
    whole, fraction, exponent, percent, words = match.groups()
    value = _number(whole + fraction + exponent)
    unit = "%" if percent else words
    if fraction or exponent or percent:
        return Cell("decimal", value, unit)
    return Cell("count" if unit else "integer", value, unit)


def _money(raw: str) -> Cell:
    """`$1.25/1M tokens`, `$5.00e-7 per prompt token`, `$20/month`, `$10`."""
    match = _MONEY.fullmatch(raw)
    if match is None:
        return UNCLEAR
    amount_text, per_text, suffix, what = match.groups()
    amount = _number(amount_text)
    if what is None:
        return Cell("money", amount, "USD")
    what = what.rstrip()
    per = float(per_text) if per_text else 1.0
    if suffix:
        per = float(f"{per_text}e{_SUFFIX_EXPONENT[suffix]}")
    shown_per = f"{per_text}{suffix or ''} " if per_text else ""
    unit = f"USD per {shown_per}{what}"
    usd = None
    if what.rsplit(" ", 1)[-1].casefold() in _TOKEN_UNITS and per > 0:
        usd = amount / per
        usd = usd if math.isfinite(usd) else None
    return Cell("money", amount, unit, usd)


def _date(match: re.Match[str]) -> Cell:
    try:
        day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # 2026-13-01: shaped like a date, and none
        return UNCLEAR
    return Cell("date", date=day)


class _Values(dict[str | None, float | None]):
    """Cell text -> its :func:`parse_cell` value, remembered: pages repeat the same cells
    (`0`, `Free`, `42/100`) over and over, and a hit is one dict lookup, no Python call."""

    __slots__ = ()

    def __missing__(self, raw: str | None) -> float | None:
        value = parse_cell(raw).value
        if len(self) < CELLS_KEPT:
            self[raw] = value
        return value


CELLS_KEPT: Final = 8192
"""How many distinct cells :data:`CELL_VALUES` keeps (as many as :func:`parse_cell`'s cache)."""
CELL_VALUES: Final = _Values({None: None})
"""``CELL_VALUES[raw]``: the value of the cell ``raw`` (`—` already None), as :func:`parse_cell`."""
