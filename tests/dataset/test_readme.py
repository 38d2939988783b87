"""The README's query recipes run as written, over a crawl and an earlier one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ingest
from tests.batch.conftest import copy_corpus
from tests.readme import README, code_blocks

PAGE_000 = "000_91da0c470094187d.txt"


@pytest.fixture
def crawls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``old-out``: the corpus; ``out``: the corpus with page 000's FLUX.1 Pro at 40/100
    (so its verdict winner has the lower rank) and a GitHub Stars row of 82.4k and 1.2M."""
    old = copy_corpus(tmp_path / "old")
    ingest.ingest([old], tmp_path / "old-out", jobs=1)
    new = copy_corpus(tmp_path / "new")
    page = new / PAGE_000
    text = page.read_text(encoding="utf-8")
    edited = text.replace(
        "| UnfragileRank | 42/100 | 58/100 |", "| UnfragileRank | 42/100 | 40/100 |"
    )
    edited = edited.replace(
        "| Pricing | Free | Free |", "| Pricing | Free | Free |\n| GitHub Stars | 82.4k | 1.2M |"
    )
    assert edited.count("40/100 |") == 1 and "GitHub Stars" in edited
    page.write_text(edited, encoding="utf-8")
    ingest.ingest([new], tmp_path / "out", jobs=1)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_query_recipes_answer_with_the_values_of_the_crawls(crawls: Path) -> None:
    namespace: dict[str, Any] = {}
    blocks = code_blocks("query", "python")
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    assert namespace["most"] == [
        ("flux.1 pro|model", ["FLUX.1 Pro"], 4),
        ("rorshark-vit-base|model", ["rorshark-vit-base"], 2),
        ("mobilevit-small|model", ["mobilevit-small"], 1),
    ]
    assert namespace["upsets"] == [
        (str(crawls / "new" / PAGE_000), "FLUX.1 Pro", 40.0, "rorshark-vit-base", 42.0)
    ]
    assert namespace["moved"] == [("flux.1 pro|model", 58.0, 58.0, 40.0, 58.0)]
    assert namespace["by_type"].to_dict() == {
        "Model": pytest.approx((42 + 40 + 51 + 58 + 42 + 42 + 47 + 58 + 44 + 58) / 10)
    }
    assert namespace["stars"] == 1_282_400.0
