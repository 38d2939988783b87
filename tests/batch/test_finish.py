"""A run's end passes (drift and artifacts): on the workers that parsed, else in this process."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import ingest
import ingest.batch.finish as finish_module
from ingest.batch.finish import FinishTask, finish
from ingest.dataset.outdir import RunFailedError
from ingest.dataset.read import read_tables
from ingest.dataset.writer import make_table_dirs
from tests.batch.conftest import CORPUS
from tests.scale.conftest import FIXTURES

DRIFTING = ("flux_at_60.txt", "rorshark_at_43.txt")
"""Pages that rank an artifact of the corpus otherwise than the corpus does (IG501)."""


def _many_pages(folder: Path, copies: int) -> Path:
    """``copies`` copies of the five corpus pages and the two drifting ones: several chunks."""
    folder.mkdir()
    pages = [*sorted(CORPUS.glob("*.txt")), *(FIXTURES / name for name in DRIFTING)]
    for copy in range(copies):
        for page in pages:
            (folder / f"{copy:03d}_{page.name}").write_bytes(page.read_bytes())
    return folder


def _drift_rows(out: Path) -> int:
    findings = read_tables(out)["findings"]
    return sum(code == "IG501" for code in findings["code"].to_pylist())


def _record_where_passes_run(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each end pass appends ``name pid`` to ``log`` (forked workers inherit the patch)."""
    real_drift, real_artifacts = finish_module.write_drift, finish_module.write_artifacts

    def drift(root: Path, pages: list[Path], rows: int) -> int:
        with log.open("a") as out:
            out.write(f"drift {os.getpid()}\n")
        return real_drift(root, pages, rows)

    def artifacts(root: Path, key_by: str = "name-type", rows: int | None = None) -> int:
        with log.open("a") as out:
            out.write(f"artifacts {os.getpid()}\n")
        return real_artifacts(root, key_by, rows)

    monkeypatch.setattr(finish_module, "write_drift", drift)
    monkeypatch.setattr(finish_module, "write_artifacts", artifacts)


def _where(log: Path) -> dict[str, int]:
    return {name: int(pid) for name, pid in (line.split() for line in log.read_text().splitlines())}


def test_two_workers_run_drift_and_artifacts_and_write_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _many_pages(tmp_path / "pages", 35)
    one = ingest.ingest([pages], tmp_path / "one", jobs=1)
    log = tmp_path / "passes.log"
    _record_where_passes_run(monkeypatch, log)
    two = ingest.ingest([pages], tmp_path / "two", jobs=2)
    where = _where(log)
    assert sorted(where) == ["artifacts", "drift"]
    assert os.getpid() not in where.values()  # on the workers, not in the parent
    assert one.tables == two.tables
    assert two.tables["pages"] == 245 and two.tables["artifacts"] == 6
    assert _drift_rows(tmp_path / "two") == 315  # 9 on each copy of the seven pages
    first, second = read_tables(tmp_path / "one"), read_tables(tmp_path / "two")
    for name in ("artifacts", "findings"):
        assert sorted(map(repr, first[name].to_pylist())) == sorted(
            map(repr, second[name].to_pylist())
        )


def test_without_workers_the_passes_run_here_drift_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "passes.log"
    _record_where_passes_run(monkeypatch, log)
    pages = _many_pages(tmp_path / "pages", 35)
    ingest.ingest([pages], tmp_path / "one", jobs=1)
    few = _many_pages(tmp_path / "few", 1)  # one chunk: --jobs 2 starts no worker for it
    ingest.ingest([few], tmp_path / "few-out", jobs=2)
    lines = log.read_text().splitlines()
    assert lines == [f"{name} {os.getpid()}" for name in ("drift", "artifacts") * 2]


def test_a_full_disk_in_a_workers_end_pass_fails_the_run_and_leaves_out_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(root: Path, key_by: str = "name-type", rows: int | None = None) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(finish_module, "write_artifacts", disk_full)
    pages = _many_pages(tmp_path / "pages", 35)
    with pytest.raises(RunFailedError) as caught:
        ingest.ingest([pages], tmp_path / "out", jobs=2)
    assert str(caught.value) == (
        f"{tmp_path / 'out'}: the run could not finish (No space left on device); "
        f"{tmp_path / 'out'} is left as it was"
    )
    assert not (tmp_path / "out").exists()


def test_a_finish_task_names_its_pass_and_the_rows_it_wrote(tmp_path: Path) -> None:
    pages = _many_pages(tmp_path / "pages", 1)
    ingest.ingest([pages], tmp_path / "out", jobs=1)
    root = tmp_path / "staging"  # the parts the chunks wrote, before any end pass ran
    make_table_dirs(root)
    for table in ("pages", "subjects"):
        for part in (tmp_path / "out" / table).glob("part-*.parquet"):
            shutil.copy(part, root / table / part.name)
    parts = tuple(str(p) for p in sorted((root / "pages").glob("part-*.parquet")))
    assert finish(FinishTask("drift", str(root), parts, 7, "")) == ("drift", 9)
    assert finish(FinishTask("artifacts", str(root), (), 14, "name-type")) == ("artifacts", 6)
    drift = pq.read_table(root / "findings" / "part-drift.parquet")
    assert drift["code"].to_pylist() == ["IG501"] * 9
    named = {Path(path).name for path in drift["source_path"].to_pylist()}
    assert {f"000_{name}" for name in DRIFTING} <= named and len(named) == 7
    (artifacts,) = (root / "artifacts").glob("part-*.parquet")
    assert pq.read_table(artifacts).num_rows == 6
