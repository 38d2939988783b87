"""``write_corpus``: a folder of synthetic pages and the truth about each, from one seed.

Pages compare artifacts drawn from a shared pool, so one artifact appears on
several pages with the same figures (a consistent corpus has no IG501 drift).
A share of the pages (``inconsistent_rate``) gets exactly one broken promise,
injected with :func:`ingest.synth.inject.inject`; ``truth.jsonl`` names it.
Everything comes from ``random.Random(seed)``: the same seed writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

from ingest.parse.claims import name_key
from ingest.synth.draft import draft_text
from ingest.synth.draw import RandomDraw
from ingest.synth.generate import draw_artifact, draw_name, generate_page
from ingest.synth.inject import PAGE_RULES, inject
from ingest.synth.table import Artifact
from ingest.synth.vocabulary import NAME_SUFFIXES

TRUTH_FILE = "truth.jsonl"
PAGES_PER_FOLDER = 1000
"""Pages per sub-folder of a written corpus (``000/``, ``001/``, ...)."""
MAX_LISTED = 8
"""Capabilities listed per subject, the rest counted in `+k more` (as on the real site)."""
PAGES_PER_ARTIFACT = 6
"""About how many pages each artifact of the pool appears on."""

_TIE_RULES = tuple(code for code in PAGE_RULES if code not in ("IG102", "IG103"))
_RANKED_RULES = tuple(code for code in PAGE_RULES if code != "IG104")


def write_corpus(
    n: int, out: str | os.PathLike[str], *, seed: int = 0, inconsistent_rate: float = 0.0
) -> int:
    """Write ``n`` pages under ``out`` (1000 per sub-folder) and ``out/truth.jsonl``.

    Each truth line is ``{"path", "page_id", "subject_a", "subject_b", "rule"}``, where
    ``path`` is relative to ``out`` and ``rule`` the injected code or ``null``.
    ``out`` is created; an existing ``out`` must be empty. Returns ``n``.
    """
    if n < 0:
        raise ValueError(f"the number of pages must be 0 or more, not {n}")
    if not 0.0 <= inconsistent_rate <= 1.0:
        raise ValueError(f"the inconsistent rate must be between 0 and 1, not {inconsistent_rate}")
    root = Path(out)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root}: exists and is not an empty folder")
    root.mkdir(parents=True, exist_ok=True)
    folder = root
    with open(root / TRUTH_FILE, "w", encoding="utf-8") as truth:
        for relative, text, record in iter_corpus(
            n, seed=seed, inconsistent_rate=inconsistent_rate
        ):
            path = root / relative
            if path.parent != folder:
                folder = path.parent
                folder.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            truth.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def iter_corpus(
    n: int, *, seed: int = 0, inconsistent_rate: float = 0.0
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """``(relative path, page text, truth record)`` for each page, without writing."""
    rng = random.Random(seed)
    draw = RandomDraw(rng)
    pool = artifact_pool(draw, max(2, (2 * n) // PAGES_PER_ARTIFACT))
    by_rank: dict[int, list[Artifact]] = {}
    for artifact in pool:
        by_rank.setdefault(artifact.rank, []).append(artifact)
    for index in range(n):
        a = draw.choice(pool)
        b = _partner(draw, a, pool, by_rank)
        if draw.chance(0.5):
            a, b = b, a
        draft = generate_page(draw, a, b, consistent=True, max_listed=MAX_LISTED)
        rule: str | None = None
        if inconsistent_rate and rng.random() < inconsistent_rate:
            rule = draw.choice(_TIE_RULES if a.rank == b.rank else _RANKED_RULES)
            inject(draft, rule, variant=draw.integer(0, 999))
        text = draft_text(draft)
        relative = f"{index // PAGES_PER_FOLDER:03d}/page_{index:06d}.txt"
        record: dict[str, object] = {
            "path": relative,
            "page_id": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "subject_a": draft.subject_a,
            "subject_b": draft.subject_b,
            "rule": rule,
        }
        yield relative, text, record


def artifact_pool(draw: RandomDraw, size: int) -> list[Artifact]:
    """``size`` artifacts with distinct names (some a prefix of another)."""
    pool: list[Artifact] = []
    seen: set[str] = set()
    for index in range(size):
        if pool and draw.chance(0.1):
            name = f"{draw.choice(pool).name} {draw.choice(NAME_SUFFIXES)}"
        else:
            name = draw_name(draw)
        if name_key(name) in seen:
            name = f"{name} #{index}"
        seen.add(name_key(name))
        pool.append(draw_artifact(draw, name))
    return pool


def _partner(
    draw: RandomDraw, a: Artifact, pool: list[Artifact], by_rank: dict[int, list[Artifact]]
) -> Artifact:
    """Another artifact of the pool (names are distinct); now and then one with the same
    rank, for a tie."""
    tied = [other for other in by_rank[a.rank] if other is not a]
    if tied and draw.chance(0.1):
        return draw.choice(tied)
    b = draw.choice(pool)
    while b is a:
        b = draw.choice(pool)
    return b
