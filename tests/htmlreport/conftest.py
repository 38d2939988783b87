"""Outputs and reports shared by the report tests: the corpus, a 2,000-page run, an edited copy."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import ingest
from ingest.synth import write_corpus
from tests.paths import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
SCRIPT_NAME = "<script>alert(1)</script>"
SYNTH_PAGES = 2_000


@dataclass(frozen=True)
class Built:
    out: Path
    html: Path

    def text(self) -> str:
        return self.html.read_text(encoding="utf-8")


def hostile_pages(folder: Path) -> Path:
    """Pages whose subject is a script tag (twice, with two ranks), an empty one, a cut one."""
    folder.mkdir(parents=True)
    page = (CORPUS / "000_91da0c470094187d.txt").read_text(encoding="utf-8")
    scripted = page.replace("rorshark-vit-base", SCRIPT_NAME)
    (folder / "script.txt").write_text(scripted, encoding="utf-8")
    (folder / "script-drift.txt").write_text(
        scripted.replace("| UnfragileRank | 42/100 |", "| UnfragileRank | 47/100 |"),
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.txt").write_text("".join(page.splitlines(keepends=True)[:20]), "utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_report(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("corpus") / "out"
    ingest.ingest([str(CORPUS)], out, jobs=1)
    return Built(out, ingest.report(out, out / "report.html"))


@pytest.fixture(scope="session")
def synth_report(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """2,000 synthetic pages (a tenth with one broken promise) plus the hostile pages."""
    root = tmp_path_factory.mktemp("synth")
    write_corpus(SYNTH_PAGES, root / "pages", seed=7, inconsistent_rate=0.1)
    extra = hostile_pages(root / "extra")
    out = root / "out"
    ingest.ingest([str(root / "pages"), str(extra)], out, jobs=2)
    return Built(out, ingest.report(out, root / "report.html"))


def edited_corpus(folder: Path) -> Path:
    """The corpus with three edits: a rank moved (001: 51 -> 55), 003 removed, a page added."""
    shutil.copytree(CORPUS, folder)
    moved = folder / "001_2e741cea5e3c9ee4.txt"
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("| UnfragileRank | 51/100 |", "| UnfragileRank | 55/100 |"))
    (folder / "003_b7000c482674d1d3.txt").unlink()
    shutil.copy(FIXTURES / "added.txt", folder / "005_added.txt")
    return folder


@pytest.fixture(scope="session")
def against_report(tmp_path_factory: pytest.TempPathFactory, corpus_report: Built) -> Built:
    root = tmp_path_factory.mktemp("against")
    out = root / "out"
    ingest.ingest([str(edited_corpus(root / "crawl-2"))], out, jobs=1)
    return Built(out, ingest.report(out, root / "report.html", corpus_report.out))
