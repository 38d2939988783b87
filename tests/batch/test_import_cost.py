"""What ``ingest parse`` imports: no pydantic (nor pandas, nor importlib.metadata) for a new OUT.

pydantic's import and the building of its models cost a run ~0.6 G
instructions, more than pyarrow and the parser together, and ~0.15 s of
``ingest parse`` on five files. A batch builds its manifest as dataclasses
and writes it with ``json``; only reading an existing manifest (replacing
OUT, ``--incremental``) validates it with pydantic. Each probe runs the
command in a fresh interpreter.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.dataset.manifest import Manifest, manifest_json, read_manifest, write_manifest
from tests.import_probe import cli_probe, loaded
from tests.paths import ROOT

WATCHED = ("pydantic", "pandas", "importlib.metadata")

PROBE = cli_probe(WATCHED, clean_exit=True)


def _loaded(*args: str) -> list[str]:
    return loaded(PROBE, *args)


def test_a_run_into_a_new_folder_loads_no_pydantic(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _loaded("parse", str(ROOT / "corpus"), "-o", str(out), "--jobs", "1") == []
    assert read_manifest(out).status.ok == 5


def test_replacing_or_updating_an_output_validates_its_manifest_with_pydantic(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    corpus = str(ROOT / "corpus")
    assert _loaded("parse", corpus, "-o", str(out), "--jobs", "1") == []
    replaced = _loaded("parse", corpus, "-o", str(out), "--jobs", "1")
    incremental = _loaded("parse", corpus, "-o", str(out), "--incremental", "--jobs", "1")
    for found in (replaced, incremental):  # pydantic loads importlib.metadata (its plugins)
        assert found == ["pydantic", "importlib.metadata"]


def test_the_manifest_reads_back_as_it_was_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _loaded("parse", str(ROOT / "corpus"), "-o", str(out), "--jobs", "1")
    manifest = read_manifest(out)
    assert isinstance(manifest, Manifest)
    text = (out / "_manifest.json").read_text("utf-8")
    assert manifest_json(manifest) == text
    assert list(json.loads(text)) == [
        "tool", "run_id", "started_at", "finished_at", "inputs", "glob", "max_bytes", "files",
        "jobs", "seconds", "status", "tables", "schema_version", "ingest_version", "versions",
        "engine", "incremental", "parts", "as_of", "artifact_key",
    ]  # fmt: skip
    assert sorted(manifest.versions) == ["lark", "pyarrow", "python"]
    again = tmp_path / "again"
    again.mkdir()
    write_manifest(again, manifest)
    assert read_manifest(again) == manifest
