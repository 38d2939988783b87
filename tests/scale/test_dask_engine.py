"""The Dask engine: the same output as the local engine, from workers on a loopback cluster."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest
from ingest.batch.engines import EngineError
from ingest.batch.engines.dask import worker_sees
from ingest.batch.worker import ingest_chunk
from ingest.cli import main
from ingest.dataset.manifest import IncrementalCounts, read_manifest
from ingest.parse.grammar import page_parser
from tests.batch.conftest import CORPUS
from tests.scale.conftest import FIXTURES, SYNTHETIC_PAGES, set_old_mtimes, sorted_tables

FILES = SYNTHETIC_PAGES + 9
"""The pages fixture: 5 corpus pages, a drifting copy, empty, binary, truncated, the synthetic."""


def test_dask_output_equals_local_output_table_for_table(
    pages: Path, tmp_path: Path, scheduler: str
) -> None:
    local = ingest.ingest([pages], tmp_path / "local", jobs=2)
    dask = ingest.ingest([pages], tmp_path / "dask", engine="dask", scheduler=scheduler)
    assert (dask.engine, dask.jobs, dask.files) == ("dask", 2, FILES)
    assert dask.status == local.status
    assert dask.status.failed == 2
    assert dask.tables == local.tables
    assert sorted_tables(tmp_path / "dask") == sorted_tables(tmp_path / "local")
    # Several chunks, each written by a worker into its own part files.
    assert len(list((tmp_path / "dask" / "pages").glob("part-*.parquet"))) == 3


def test_drift_is_found_across_chunks_of_different_workers(
    pages: Path, tmp_path: Path, scheduler: str
) -> None:
    ingest.ingest([pages], tmp_path / "dask", engine="dask", scheduler=scheduler)
    findings = ingest.load(tmp_path / "dask")["findings"]
    drift = findings[findings.code == "IG501"]
    assert sorted(Path(path).name for path in drift.source_path) == [
        "000_91da0c470094187d.txt",
        "001_2e741cea5e3c9ee4.txt",
        "003_b7000c482674d1d3.txt",
        "004_60ef58da2206c293.txt",
        "flux_at_60.txt",
        "truncated.txt",
    ]


def test_incremental_run_on_dask_parses_only_the_changed_file(
    pages: Path, tmp_path: Path, scheduler: str
) -> None:
    out = tmp_path / "out"
    ingest.ingest([pages], out, engine="dask", scheduler=scheduler, incremental=True)
    (pages / "000_91da0c470094187d.txt").write_bytes((FIXTURES / "rorshark_at_43.txt").read_bytes())
    set_old_mtimes(pages)
    os.utime(pages / "000_91da0c470094187d.txt", ns=(1_500_000_000 * 10**9,) * 2)
    again = ingest.ingest([pages], out, engine="dask", scheduler=scheduler, incremental=True)
    assert again.incremental == IncrementalCounts(changed=1, unchanged=FILES - 1, hashed=1)
    ingest.ingest([pages], tmp_path / "full", jobs=1)
    assert sorted_tables(out) == sorted_tables(tmp_path / "full")


def test_parse_with_the_dask_engine_on_a_local_cluster(tmp_path: Path) -> None:
    binary = Path(sys.executable).parent / "ingest"
    result = subprocess.run(
        [str(binary), "parse", str(CORPUS), "-o", str(tmp_path / "o"), "--engine", "dask"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("5 files: 5 ok, 0 partial, 0 failed in ")
    assert result.stderr == ""
    manifest = read_manifest(tmp_path / "o")
    assert (manifest.engine, manifest.tables["findings"]) == ("dask", 7)


def test_dask_engine_without_dask_installed_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = CliRunner().invoke(
        main, ["parse", str(CORPUS), "-o", str(tmp_path / "o"), "--engine", "dask"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "ingest: error: the dask engine needs Dask: pip install 'ingest[dask]'\n"
    )
    assert not (tmp_path / "o").exists()


def test_the_local_engine_needs_no_dask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.setitem(sys.modules, "dask", None)
    manifest = ingest.ingest([CORPUS], tmp_path / "o", jobs=1)
    assert (manifest.engine, manifest.status.ok) == ("local", 5)


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    args = ["parse", str(CORPUS), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output == (
        "ingest: error: a scheduler address needs the dask engine (--engine dask)\n"
    )


def test_a_bad_scheduler_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    args = ["parse", str(CORPUS), "-o", str(tmp_path / "o"), "--engine", "dask"]
    result = CliRunner().invoke(main, [*args, "--scheduler", "no-port"])
    assert result.exit_code == 2
    assert result.output == (
        "ingest: error: cannot reach the Dask scheduler at no-port: "
        "missing port number in address 'no-port'\n"
    )


def test_an_unknown_engine_is_refused_by_the_python_api(tmp_path: Path) -> None:
    with pytest.raises(
        EngineError, match=r"^unknown engine 'spark' \(expected one of: local, dask\)$"
    ):
        ingest.ingest([CORPUS], tmp_path / "o", engine="spark")


def test_a_worker_that_cannot_see_out_says_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "not-shared")
    assert worker_sees(missing, str(CORPUS), os.getcwd()) == (
        f"worker cannot see {missing}: OUT must be on a filesystem shared by the client "
        "and every worker"
    )


def test_a_worker_elsewhere_asks_for_absolute_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert worker_sees(str(tmp_path), "corpus/x.txt", "/client/dir") == (
        f"worker runs in {tmp_path}, not /client/dir, so it cannot resolve the relative "
        "input corpus/x.txt: give absolute input paths"
    )
    assert worker_sees(str(tmp_path), str(CORPUS), "/client/dir") is None


def test_workers_build_their_own_parser(pages: Path, tmp_path: Path, scheduler: str) -> None:
    import cloudpickle
    from distributed import Client

    # The task function travels by name: no parser (nor anything else) inside it.
    sent = cloudpickle.dumps(ingest_chunk)
    assert b"ingest.batch.worker" in sent
    assert b"ingest_chunk" in sent
    assert len(sent) < 100
    ingest.ingest([pages], tmp_path / "out", engine="dask", scheduler=scheduler)
    with Client(scheduler) as client:
        built = client.run(page_parser.cache_info)
    assert [info.currsize for info in built.values()] == [1, 1]
