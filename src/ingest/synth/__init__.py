"""Synthetic comparison pages: generators, rule injection, and the ``ingest synth`` corpus.

- :func:`write_corpus` writes a seeded corpus and its ``truth.jsonl``;
- :func:`break_rule` gives a consistent page exactly one broken promise;
- :func:`assemble` / :func:`describe` turn a :class:`Draft` (a page as its parts) into a
  :class:`~ingest.page.models.Page` and back.

The hypothesis strategies built on the same generators are in :mod:`ingest.testing`.
"""

from __future__ import annotations

from ingest.synth.corpus import TRUTH_FILE, iter_corpus, write_corpus
from ingest.synth.draft import Draft, assemble, describe
from ingest.synth.draw import Draw, RandomDraw
from ingest.synth.generate import draw_pair, generate_page
from ingest.synth.inject import PAGE_RULES, Unbreakable, break_rule, breakable_rules, inject
from ingest.synth.table import Artifact

__all__ = [
    "PAGE_RULES",
    "TRUTH_FILE",
    "Artifact",
    "Draft",
    "Draw",
    "RandomDraw",
    "Unbreakable",
    "assemble",
    "break_rule",
    "breakable_rules",
    "describe",
    "draw_pair",
    "generate_page",
    "inject",
    "iter_corpus",
    "write_corpus",
]
