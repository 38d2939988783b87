"""The output folder: refused when unsafe, swapped in whole, leftovers of dead runs cleaned.

The hostile cases (folders that are not ours, the lock between processes,
mount points, a full disk) are in ``tests/hostile/test_outdir_safety.py``.
"""

from __future__ import annotations

from pathlib import Path

from ingest.dataset.manifest import Manifest, StatusCounts, write_manifest
from ingest.dataset.outdir import clean_leftovers, publish, staging

DEAD_PID = 999_999_999
"""Above Linux's pid_max: no process has it."""
_MANIFEST = Manifest(
    run_id="0",
    started_at="",
    finished_at="",
    inputs=(),
    glob="*.txt",
    max_bytes=1,
    files=0,
    jobs=1,
    seconds=0.0,
    status=StatusCounts(),
    tables={},
    schema_version="",
    ingest_version="",
    versions={},
    parts={},
)


def test_publish_swaps_the_new_folder_in_and_removes_the_old(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    write_manifest(target, _MANIFEST)  # an earlier run's output: ours to replace
    with staging(target) as temp:
        (temp / "new.txt").write_text("new", encoding="utf-8")
        publish(temp, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_publish_creates_a_missing_target(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out"
    with staging(target) as temp:
        (temp / "new.txt").write_text("new", encoding="utf-8")
        publish(temp, target)
    assert (target / "new.txt").read_text(encoding="utf-8") == "new"


def test_staging_removes_its_folder_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "out"
    try:
        with staging(target) as temp:
            (temp / "half.txt").write_text("half", encoding="utf-8")
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert list(tmp_path.iterdir()) == []


def test_leftovers_go_whatever_their_pid_and_other_outputs_stay(tmp_path: Path) -> None:
    # Called only under the lock: then no run that made them is alive, so pids do not matter.
    import os

    target = tmp_path / "out"
    target.mkdir()
    dead = tmp_path / f".out.partial-{DEAD_PID}-abcd1234"
    live = tmp_path / f".out.partial-{os.getpid()}-abcd1234"
    other = tmp_path / f".other.partial-{DEAD_PID}-abcd1234"
    for folder in (dead, live, other):
        folder.mkdir()
    clean_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", other.name])


def test_an_output_moved_aside_by_a_dead_run_is_put_back(tmp_path: Path) -> None:
    aside = tmp_path / f".out.old-{DEAD_PID}-abcd1234"
    aside.mkdir()
    (aside / "_manifest.json").write_text("{}", encoding="utf-8")
    clean_leftovers(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out" / "_manifest.json").read_text(encoding="utf-8") == "{}"
