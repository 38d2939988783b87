"""Each corpus page parses to its reviewed golden JSON, and page 002 to the facts we know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ingest
from tests.parse.paths import CORPUS_PAGES, PAGE_002, ROOT


@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.stem)
def test_corpus_page_matches_its_golden_json(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    page = ingest.parse_file(f"corpus/{path.name}")
    golden = json.loads((ROOT / "tests" / "golden" / f"{path.stem}.json").read_text("utf-8"))
    assert page.model_dump(mode="json") == golden


def test_golden_json_validates_back_into_the_same_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for path in CORPUS_PAGES:
        golden = (ROOT / "tests" / "golden" / f"{path.stem}.json").read_text("utf-8")
        assert ingest.Page.model_validate_json(golden) == ingest.parse_file(f"corpus/{path.name}")


def test_page_002_names_its_subjects_ranks_capabilities_and_verdict() -> None:
    page = ingest.parse_file(PAGE_002)
    assert (page.subject_a, page.subject_b) == ("rorshark-vit-base", "Stable Diffusion")
    rank = page.table.row("UnfragileRank")
    assert rank is not None
    assert (rank.value_a, rank.value_b, rank.line) == (42.0, 42.0, 6)
    assert [s.listed for s in page.sections] == [6, 4]
    assert all(c.unique and c.vs_alternatives for s in page.sections for c in s.capabilities)
    first = page.sections[1].capabilities[0]
    assert first.unique is not None
    assert first.unique.startswith("Stable Diffusion's use of a latent space")
    assert first.line == 34
    verdict = page.verdict
    assert verdict is not None and verdict.claim is not None
    assert (verdict.claim.winner, verdict.claim.winner_score, verdict.claim.loser_score) == (
        "rorshark-vit-base",
        42,
        42,
    )
    assert [(lead.side, lead.feature, lead.phrase) for lead in verdict.leads] == [
        ("a", "Adoption", "leads on"),
        ("a", "Ecosystem", "leads on"),
        ("b", "Quality", "is stronger on"),
    ]
    assert verdict.free_tier is not None
    assert (verdict.free_tier.subject, verdict.free_tier.column) == ("rorshark-vit-base", 172)
    assert page.complete is True


def test_page_id_is_the_sha256_of_the_file_bytes() -> None:
    import hashlib

    page = ingest.parse_file(PAGE_002)
    assert page.page_id == hashlib.sha256(PAGE_002.read_bytes()).hexdigest()
