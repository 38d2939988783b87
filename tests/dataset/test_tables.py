"""The subjects and artifacts tables, keys, and reading them back (pandas, Polars, DuckDB)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import ingest
import ingest.dataset.artifacts
from ingest.dataset.artifacts import artifacts_table
from ingest.dataset.keys import file_id
from ingest.dataset.read import MissingExtraError
from ingest.dataset.schemas import SCHEMAS
from ingest.dataset.subjects import artifact_key, slugs
from tests.batch.conftest import CORPUS, copy_corpus

SUBJECT_COLUMNS = ("side", "subject", "artifact_key", "rank", "pricing", "declared", "listed")
WINNERS = ("is_summary_winner", "is_verdict_winner", "n_findings")


def _fixture(name: str) -> object:
    return json.loads((Path(__file__).resolve().parent / "fixtures" / name).read_text("utf-8"))


def _corpus_tables() -> dict[str, object]:
    return ingest.to_arrow([ingest.parse_file(p) for p in sorted(CORPUS.glob("*.txt"))])


def test_subjects_of_the_corpus_one_row_per_page_side() -> None:
    subjects = _corpus_tables()["subjects"].to_pylist()  # type: ignore[attr-defined]
    rows = [
        (
            Path(r["source_path"]).name[:3],
            *(r[c] for c in SUBJECT_COLUMNS),
            *(r[c] for c in WINNERS),
        )
        for r in subjects
    ]
    # By hand from corpus/: the header names, the UnfragileRank, Pricing and Capabilities
    # rows, the summary and verdict winners, and `ingest check corpus/`'s findings per subject.
    assert [list(row) for row in rows] == _fixture("corpus_subjects.json")


def test_artifacts_of_the_corpus_one_row_per_artifact() -> None:
    artifacts = _corpus_tables()["artifacts"].to_pylist()  # type: ignore[attr-defined]
    rows = [
        (
            a["artifact_key"],
            a["names"],
            a["n_pages"],
            a["ranks"],
            a["pricings"],
            a["declared_counts"],
            a["disagrees"],
            Path(a["first_page"]).name[:3],
            Path(a["last_page"]).name[:3],
        )
        for a in artifacts
    ]
    assert [list(row) for row in rows] == _fixture("corpus_artifacts.json")


def test_names_that_differ_in_case_and_blanks_are_one_artifact_whose_figures_disagree(
    tmp_path: Path,
) -> None:
    text = (CORPUS / "002_9e1b73b20691a311.txt").read_text(encoding="utf-8")
    other = text.replace("rorshark-vit-base", "Rorshark-ViT-Base").replace(
        "| UnfragileRank | 42/100 | 42/100 |", "| UnfragileRank | 45/100 | 42/100 |"
    )
    pages = [ingest.parse_text(text, source="a.txt"), ingest.parse_text(other, source="b.txt")]
    artifact = ingest.to_arrow(pages)["artifacts"].to_pylist()[0]
    assert (artifact["artifact_key"], artifact["names"], artifact["ranks"]) == (
        "rorshark-vit-base|model",
        ["Rorshark-ViT-Base", "rorshark-vit-base"],
        [42.0, 45.0],
    )
    assert (artifact["rank_differs"], artifact["pricing_differs"], artifact["disagrees"]) == (
        True,
        False,
        True,
    )


def test_keys_of_artifacts_by_name_and_type_and_by_file_name_slug() -> None:
    assert artifact_key("  Midjourney   v6 ", "Model") == "midjourney v6|model"
    assert artifact_key("Unsloth", None) == "unsloth|"
    assert slugs("crawl/gpt-4-vs-claude-3.txt") == ("gpt-4", "claude-3")
    assert slugs("crawl/000_91da0c470094187d.txt") == (None, None)
    assert slugs("a-vs-b-vs-c.txt") == (None, None)  # ambiguous: no slug


def test_artifacts_keyed_by_slug_tell_two_artifacts_of_one_name_apart() -> None:
    text = (CORPUS / "002_9e1b73b20691a311.txt").read_text(encoding="utf-8")
    pages = [
        ingest.parse_text(text, source="crawl/rorshark-vit-base-vs-stable-diffusion.txt"),
        ingest.parse_text(text, source="crawl/rorshark-vit-base-v2-vs-stable-diffusion.txt"),
    ]
    by_name = ingest.to_arrow(pages)["artifacts"]
    by_slug = ingest.to_arrow(pages, artifact_key="filename-slug")["artifacts"]
    assert by_name["artifact_key"].to_pylist() == [
        "rorshark-vit-base|model",
        "stable diffusion|model",
    ]
    assert by_slug["artifact_key"].to_pylist() == [
        "rorshark-vit-base",
        "stable-diffusion",
        "rorshark-vit-base-v2",
    ]


def test_artifacts_spilled_to_buckets_equal_artifacts_grouped_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subjects = _corpus_tables()["subjects"]
    at_once = artifacts_table(subjects, SCHEMAS["artifacts"])  # type: ignore[arg-type]
    monkeypatch.setattr(ingest.dataset.artifacts, "BUCKET_ROWS", 3)
    pieces = [subjects.slice(start, 3) for start in range(0, 10, 3)]  # type: ignore[attr-defined]
    spilled = list(
        ingest.dataset.artifacts.artifacts_from_subjects(pieces, 10, SCHEMAS["artifacts"])
    )
    assert len(spilled) > 1
    rows = sorted((r for t in spilled for r in t.to_pylist()), key=lambda r: r["artifact_key"])
    assert rows == sorted(at_once.to_pylist(), key=lambda r: r["artifact_key"])


def test_a_run_writes_subjects_and_artifacts_and_lists_their_parts(corpus_out: Path) -> None:
    manifest = ingest.dataset.manifest.read_manifest(corpus_out)
    assert (manifest.tables["subjects"], manifest.tables["artifacts"]) == (10, 6)
    assert manifest.parts is not None
    assert manifest.parts["artifacts"] == ("part-artifacts-0000.parquet",)
    assert manifest.artifact_key == "name-type"
    assert pq.read_table(corpus_out / "artifacts").num_rows == 6


def test_an_unchanged_incremental_run_rebuilds_artifacts_once(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    ingest.ingest([folder], tmp_path / "out", jobs=1)
    again = ingest.ingest([folder], tmp_path / "out", jobs=1, incremental=True)
    assert (again.tables["subjects"], again.tables["artifacts"]) == (10, 6)
    assert ingest.load(tmp_path / "out")["artifacts"].shape == (6, 15)


def test_file_id_is_one_per_input_file_even_for_copies(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    (folder / "copy.txt").write_bytes((folder / "002_9e1b73b20691a311.txt").read_bytes())
    ingest.ingest([folder], tmp_path / "out", jobs=1)
    pages = ingest.load(tmp_path / "out")["pages"]
    assert pages["page_id"].nunique() == 5
    assert pages["file_id"].nunique() == 6
    assert list(pages["file_id"]) == [file_id(path) for path in pages["source_path"]]


def test_findings_name_their_file_source_path_like_every_table(corpus_out: Path) -> None:
    findings = pq.read_table(corpus_out / "findings")
    assert findings.column_names[3:5] == ["source_path", "file_id"]
    assert "path" not in findings.column_names


def test_load_gives_nullable_integers_booleans_and_dates(corpus_out: Path) -> None:
    tables = ingest.load(corpus_out)
    assert list(tables) == list(SCHEMAS)
    subjects = tables["subjects"]
    assert (str(subjects["more"].dtype), str(subjects["is_verdict_winner"].dtype)) == (
        "Int32",
        "boolean",
    )
    assert str(tables["features"]["date"].dtype) == "datetime64[ms]"


def test_load_with_polars_gives_the_same_tables(corpus_out: Path) -> None:
    tables = ingest.load(corpus_out, engine="polars")
    assert {name: frame.height for name, frame in tables.items()} == {
        "pages": 5,
        "subjects": 10,
        "artifacts": 6,
        "features": 90,
        "capabilities": 65,
        "claims": 26,
        "errors": 0,
        "findings": 7,
    }
    assert str(tables["artifacts"].schema["names"]) == "List(String)"


def test_load_with_an_unknown_engine_is_one_clear_error(corpus_out: Path) -> None:
    with pytest.raises(ValueError, match=r"^unknown engine 'spark' \(expected pandas or polars\)$"):
        ingest.load(corpus_out, engine="spark")  # type: ignore[call-overload]


def test_connect_gives_one_duckdb_table_per_table_with_non_null_keys(corpus_out: Path) -> None:
    connection = ingest.connect(corpus_out)
    names = [row[0] for row in connection.sql("show tables").fetchall()]
    assert sorted(names) == sorted(SCHEMAS)
    described = {row[0]: row[2] for row in connection.sql("describe pages").fetchall()}
    assert (described["file_id"], described["source_path"], described["title"]) == (
        "NO",
        "NO",
        "YES",
    )


def test_connect_without_duckdb_is_one_clear_error(
    corpus_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(MissingExtraError) as caught:
        ingest.connect(corpus_out)
    assert str(caught.value) == (
        "ingest.connect needs duckdb, which is not installed: pip install 'ingest[query]'"
    )


def test_key_columns_say_so_in_their_parquet_field_metadata(corpus_out: Path) -> None:
    subjects = pq.read_schema(corpus_out / "subjects" / "part-00000.parquet")
    assert subjects.field("side").metadata[b"key"] == b"primary key (file_id, side)"
    pages = pq.read_schema(corpus_out / "pages" / "part-00000.parquet")
    assert pages.field("file_id").metadata[b"key"] == b"primary key"
    features = pq.read_schema(corpus_out / "features" / "part-00000.parquet")
    assert features.field("file_id").metadata[b"key"] == b"foreign key pages.file_id"
    assert b"key" not in features.field("raw").metadata
