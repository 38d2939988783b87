"""The page format's names and constants, without pydantic: what the parser, the rules and the
linter need on the hot path (:mod:`ingest.page.models` re-exports them)."""

from __future__ import annotations

from typing import Literal

Side = Literal["a", "b"]
"""Which subject of the page: ``a`` is the table's first value column, ``b`` the second."""

SIDES: tuple[Side, Side] = ("a", "b")
"""Both sides, in the table's order."""

RANK_ROW = "UnfragileRank"
PRICING_ROW = "Pricing"
CAPABILITIES_ROW = "Capabilities"
COMPONENTS = ("Adoption", "Quality", "Ecosystem", "Match Graph")
"""The score components of the feature table: displayed rounded to 0 or 1, the subject of
leads (a verdict must not omit one, IG203)."""

LeadPhrase = Literal["leads on", "is stronger on"]
"""How a verdict words a lead."""

SCHEMA_VERSION = "2"
