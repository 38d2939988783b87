"""The output folder under attack: never delete what is not ours, survive the filesystem.

Real `ingest` processes where the behaviour is end to end (ownership, the lock,
a full tmpfs); the CLI in this process where a failure must be injected
(a mount point, EBUSY at the swap, ENOSPC from the writer, a lost lock).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ingest.cli import main
from ingest.dataset import read as dataset
from ingest.dataset.manifest import Manifest, NotAnOutputError, read_manifest, write_manifest
from ingest.dataset.outdir_lock import lock_path
from ingest.dataset.writer import PartWriter
from tests.hostile.process import GOOD_PAGE, TIMEOUT, ingest

START = """
import sys
from pathlib import Path
from ingest.dataset.outdir import staging
target = Path(sys.argv[1]).resolve()
with staging(target, sys.argv[1]) as temp:
    print(temp.name, flush=True)
    sys.stdin.read()
"""
"""A process that holds OUT's lock and a staging folder, as a live run does, until stdin closes."""


def parse(cwd: Path, out: str = "out", *options: str) -> tuple[int, str, str]:
    run = ingest("parse", "in", "-o", out, "-q", "--jobs", "1", *options, cwd=cwd)
    return run.exit_code, run.stdout, run.stderr


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The `ingest` command in this process, so that a test can monkeypatch what it calls."""
    with pytest.raises(SystemExit) as done:
        main.main(args=list(args), prog_name="ingest")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    code = done.value.code
    assert isinstance(code, int)
    return code, captured.out, captured.err


@pytest.fixture
def work(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder holding ``in/`` (one good page); the current directory of every run."""
    monkeypatch.chdir(tree.parent)
    return tree.parent


@pytest.fixture
def previous(work: Path) -> str:
    """``out`` written by a first run; its run id."""
    assert parse(work)[0] == 0
    return read_manifest(work / "out").run_id


# --- never delete what is not ours -------------------------------------------------------------


@pytest.mark.parametrize(
    ("plant", "reason"),
    [
        (
            {"_manifest.json": "{}", "thesis.tex": "mine"},
            "its _manifest.json is not an ingest manifest",
        ),
        (
            {"_manifest.json": "not json", "a.txt": "mine"},
            "its _manifest.json is not an ingest manifest",
        ),
        ({"thesis.tex": "mine"}, "no _manifest.json"),
    ],
)
def test_a_folder_that_merely_has_a_manifest_is_not_replaced(
    work: Path, plant: dict[str, str], reason: str
) -> None:
    out = work / "out"
    out.mkdir()
    for name, text in plant.items():
        (out / name).write_text(text, encoding="utf-8")
    code, stdout, stderr = parse(work)
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"ingest: error: out: exists and is not an ingest output ({reason}); "
        "refusing to replace it\n"
    )
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == plant
    assert entries(work) == ["in", "out"]


@pytest.mark.parametrize(
    ("planted", "reason"),
    [
        ("notes.txt", "'notes.txt' is not part of it"),
        ("pages/notes.txt", "'pages/notes.txt' is not part of it"),
        ("pages/part-99999.parquet", "'pages/part-99999.parquet' is not part of it"),
        ("photos/cat.jpg", "'photos' is not part of it"),
    ],
)
def test_an_output_holding_anything_else_is_not_replaced(
    work: Path, previous: str, planted: str, reason: str
) -> None:
    path = work / "out" / planted
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"the user's")
    code, _, stderr = parse(work)
    assert code == 2
    assert stderr == (
        f"ingest: error: out: exists and is not an ingest output ({reason}); "
        "refusing to replace it\n"
    )
    assert path.read_bytes() == b"the user's"
    assert read_manifest(work / "out").run_id == previous


def test_a_manifest_naming_another_tool_is_not_ours(work: Path, previous: str) -> None:
    manifest = work / "out" / "_manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["tool"] == "ingest"
    manifest.write_text(json.dumps({**data, "tool": "other"}), encoding="utf-8")
    code, _, stderr = parse(work)
    assert code == 2
    assert stderr == (
        "ingest: error: out: exists and is not an ingest output (its _manifest.json is not an "
        "ingest manifest); refusing to replace it\n"
    )
    assert json.loads(manifest.read_text(encoding="utf-8"))["tool"] == "other"


def test_our_own_output_and_an_empty_folder_are_replaced(work: Path, previous: str) -> None:
    code, stdout, stderr = parse(work)
    assert (code, stderr) == (0, "")
    assert stdout.startswith("1 file: 1 ok, 0 partial, 0 failed in ")
    assert read_manifest(work / "out").run_id != previous
    (work / "empty").mkdir()
    assert parse(work, "empty")[0] == 0
    assert "_manifest.json" in entries(work / "empty")
    assert entries(work) == ["empty", "in", "out"]


def test_an_empty_out_and_a_file_as_its_parent_are_one_line(work: Path) -> None:
    assert parse(work, "") == (
        2,
        "",
        "ingest: error: -o/--out is empty: expected the path of the output folder\n",
    )
    (work / "file.txt").write_text("x", encoding="utf-8")
    assert parse(work, "file.txt/deeper/out") == (
        2,
        "",
        "ingest: error: file.txt/deeper/out: file.txt is not a folder, so OUT cannot be created "
        "in it\n",
    )


# --- a mount point ------------------------------------------------------------------------------


def test_a_mount_point_is_refused_before_any_work(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "volume").mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p).name == "volume" or real(p))
    worked: list[int] = []
    monkeypatch.setattr(PartWriter, "write", lambda self, tables: worked.append(1))
    assert in_process(capsys, "parse", "in", "-o", "volume", "-q", "--jobs", "1") == (
        2,
        "",
        "ingest: error: volume: is a mount point, which cannot be swapped atomically; "
        "write into a folder inside it (for example volume/out)\n",
    )
    assert worked == []
    assert entries(work) == ["in", "volume"]


def test_a_swap_refused_with_ebusy_is_exit_3_and_leaves_out_whole(
    work: Path,
    previous: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def busy(first: Path, second: Path) -> bool:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(second))

    monkeypatch.setattr("ingest.dataset.outdir._exchange", busy)
    assert in_process(capsys, "parse", "in", "-o", "out", "-q", "--jobs", "1") == (
        3,
        "",
        "ingest: error: out: cannot swap the new output into place (Device or resource busy); "
        "out is left as it was\n",
    )
    assert read_manifest(work / "out").run_id == previous
    assert entries(work) == ["in", "out"]


# --- the lock -----------------------------------------------------------------------------------


@pytest.fixture
def holder(work: Path) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Start processes that hold OUT's lock (and a staging folder) until their stdin closes."""
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", START, "out"],
            cwd=work,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().startswith(".out.partial-")  # locked and staged
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(TIMEOUT)


def test_a_second_run_exits_2_while_another_writes_out(
    work: Path, holder: Callable[[], subprocess.Popen[str]]
) -> None:
    live = holder()
    assert parse(work) == (2, "", "ingest: error: another ingest run is writing out\n")
    assert not (work / "out").exists()
    assert live.stdin is not None
    live.stdin.close()
    assert live.wait(TIMEOUT) == 0
    assert parse(work)[0] == 0
    assert entries(work) == ["in", "out"]  # the lock file goes with its run


def test_two_real_runs_into_a_missing_out_never_collide(work: Path) -> None:
    for page in range(300):  # long enough a run for the two to overlap
        shutil.copy(GOOD_PAGE, work / "in" / f"copy{page:03d}.txt")
    command = [sys.executable, "-c", "from ingest.cli import main; main()"]
    for _ in range(3):
        shutil.rmtree(work / "out", ignore_errors=True)
        runs = [
            subprocess.Popen(
                [*command, "parse", "in", "-o", "out", "-q", "--jobs", "1"],
                cwd=work,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [(run.wait(TIMEOUT), *run.communicate()) for run in runs]
        codes = sorted(code for code, _, _ in results)
        assert codes in ([0, 0], [0, 2]), results
        for code, _, stderr in results:
            assert stderr == (
                "" if code == 0 else "ingest: error: another ingest run is writing out\n"
            )
        assert read_manifest(work / "out").files == 301
        assert entries(work) == ["in", "out"]


def test_a_live_runs_staging_folder_survives_whatever_its_pid(
    work: Path, holder: Callable[[], subprocess.Popen[str]]
) -> None:
    # A run in another PID namespace: its folder names a pid that is dead here.
    live = holder()
    foreign = work / ".out.partial-999999999-abcd1234"
    foreign.mkdir()
    (foreign / "pages").mkdir()
    assert parse(work)[0] == 2
    assert foreign.is_dir()
    staged = [name for name in entries(work) if name.startswith(".out.partial-")]
    assert len(staged) == 2  # the holder's own and the planted one, both untouched
    live.kill()  # dies without cleaning up: its folders are leftovers now
    live.wait(TIMEOUT)
    assert parse(work)[0] == 0
    assert entries(work) == ["in", "out"]  # removed by the next run that holds the lock


def test_a_lost_lock_is_exit_3_and_publishes_nothing(
    work: Path,
    previous: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def steal_then_write(folder: Path, manifest: Manifest) -> Path:
        lock_path((work / "out").resolve()).unlink()  # someone removes the lock file
        return write_manifest(folder, manifest)

    monkeypatch.setattr("ingest.batch.run.write_manifest", steal_then_write)
    assert in_process(capsys, "parse", "in", "-o", "out", "-q", "--jobs", "1") == (
        3,
        "",
        "ingest: error: out: lost the lock .out.lock (removed or replaced by someone else); "
        "out is left as it was\n",
    )
    assert read_manifest(work / "out").run_id == previous
    assert entries(work) == ["in", "out"]


# --- disk full ----------------------------------------------------------------------------------


def test_disk_full_while_writing_is_exit_3_and_leaves_out_whole(
    work: Path,
    previous: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def full(self: PartWriter, tables: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(PartWriter, "write", full)
    assert in_process(capsys, "parse", "in", "-o", "out", "-q", "--jobs", "1") == (
        3,
        "",
        "ingest: error: out: the run could not finish (No space left on device); "
        "out is left as it was\n",
    )
    assert read_manifest(work / "out").run_id == previous
    assert entries(work) == ["in", "out"]


@pytest.fixture
def small_volume(work: Path) -> Iterator[Path]:
    """A 300 KB tmpfs mounted at ``work/volume`` (skipped where mounting is not allowed)."""
    volume = work / "volume"
    volume.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(volume)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield volume
    finally:
        subprocess.run(["umount", str(volume)], check=True)


def test_a_really_full_disk_is_exit_3_and_leaves_out_whole(work: Path, small_volume: Path) -> None:
    assert parse(work, "volume/out")[0] == 0
    before = read_manifest(small_volume / "out").run_id
    for page in range(2000):
        (work / "in" / f"p{page:04d}.txt").write_bytes(GOOD_PAGE.read_bytes() + str(page).encode())
    assert parse(work, "volume/out") == (
        3,
        "",
        "ingest: error: volume/out: the run could not finish (No space left on device); "
        "volume/out is left as it was\n",
    )
    assert read_manifest(small_volume / "out").run_id == before
    assert entries(small_volume) == ["out"]
    assert dataset.read_tables(small_volume / "out")["pages"].num_rows == 1


# --- --incremental over a damaged OUT -----------------------------------------------------------


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-20])


def _drop_pages(out: Path) -> None:
    shutil.rmtree(out / "pages")


def _overcount(out: Path) -> None:
    manifest = out / "_manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["tables"]["features"] += 1
    manifest.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (
            lambda out: _truncate(out / "pages" / "part-00000.parquet"),
            "pages/part-00000.parquet: unreadable footer",
        ),
        (_drop_pages, "pages/: missing"),
        (_overcount, "features: 18 rows, the manifest says 19"),
        (lambda out: _truncate(out / "_inputs.parquet"), "_inputs.parquet: unreadable footer"),
    ],
)
def test_incremental_over_a_damaged_out_is_a_full_run_and_says_so(
    work: Path, damage: Callable[[Path], None], reason: str
) -> None:
    assert parse(work, "out", "--incremental")[0] == 0
    good = dataset.read_tables(work / "out")
    damage(work / "out")
    code, stdout, stderr = parse(work, "out", "--incremental")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("1 file: 1 ok, 0 partial, 0 failed in ")
    assert stdout.endswith(
        f"; parsed 1 (1 new, 0 changed), kept 0, dropped 0; previous output damaged ({reason}): "
        "full run -> out\n"
    )
    again = dataset.read_tables(work / "out")
    assert {name: table.num_rows for name, table in again.items()} == {
        name: table.num_rows for name, table in good.items()
    }


def test_incremental_over_a_whole_out_carries_it(work: Path) -> None:
    assert parse(work, "out", "--incremental")[0] == 0
    code, stdout, _ = parse(work, "out", "--incremental")
    assert code == 0
    assert stdout.endswith("; parsed 0 (0 new, 0 changed), kept 1, dropped 0 -> out\n")


# --- readers: one snapshot ----------------------------------------------------------------------


def test_load_reads_exactly_the_files_the_manifest_lists(work: Path, previous: str) -> None:
    out = work / "out"
    listed = read_manifest(out).parts
    assert listed is not None
    assert listed["pages"] == ("part-00000.parquet",)
    assert listed["errors"] == ("part-empty.parquet",)
    shutil.copy(out / "pages" / "part-00000.parquet", out / "pages" / "part-00001.parquet")
    tables = dataset.load(out)
    assert len(tables["pages"]) == 1  # the unlisted copy is not read
    (out / "pages" / "part-00000.parquet").unlink()
    with pytest.raises(NotAnOutputError) as missing:
        dataset.load(out)
    assert str(missing.value) == (
        f"{out}: pages/part-00000.parquet is listed in _manifest.json but missing"
    )


def test_a_reader_racing_a_swap_sees_one_run_never_a_mix(
    work: Path, previous: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOOD_PAGE, work / "in" / "second.txt")
    real = dataset._read_part
    swapped: list[bool] = []

    def read_then_swap(folder: int, path: str, *args: object) -> object:
        table = real(folder, path, *args)  # type: ignore[arg-type]
        if not swapped:  # after the first part: another run replaces OUT under the reader
            swapped.append(True)
            assert parse(work)[0] == 0
        return table

    monkeypatch.setattr(dataset, "_read_part", read_then_swap)
    manifest, tables = dataset.read_snapshot(work / "out")
    assert manifest.files == 2
    assert manifest.run_id == read_manifest(work / "out").run_id
    assert tables["pages"].num_rows == 2
    assert {name: table.num_rows for name, table in tables.items()} == manifest.tables


def test_parts_of_the_manifest_match_the_folder(work: Path, previous: str) -> None:
    out = work / "out"
    listed = read_manifest(out).parts
    assert listed is not None
    for table, names in listed.items():
        assert tuple(entries(out / table)) == names
        assert (
            sum(pq.ParquetFile(out / table / n).metadata.num_rows for n in names)
            == (read_manifest(out).tables[table])
        )


def test_a_bind_mount_is_refused_too(work: Path) -> None:
    # os.path.ismount misses a bind mount of the same filesystem; /proc/self/mountinfo has it.
    (work / "elsewhere").mkdir()
    (work / "volume").mkdir()
    mounted = subprocess.run(
        ["mount", "--bind", str(work / "elsewhere"), str(work / "volume")], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {mounted.stderr.decode(errors='replace')}")
    try:
        assert not os.path.ismount(work / "volume")
        code, _, stderr = parse(work, "volume")
    finally:
        subprocess.run(["umount", str(work / "volume")], check=True)
    assert (code, stderr) == (
        2,
        "ingest: error: volume: is a mount point, which cannot be swapped atomically; "
        "write into a folder inside it (for example volume/out)\n",
    )


def test_a_fifo_as_manifest_neither_hangs_nor_is_ours(work: Path) -> None:
    (work / "out").mkdir()
    os.mkfifo(work / "out" / "_manifest.json")
    code, _, stderr = parse(work)
    assert code == 2
    assert stderr == (
        "ingest: error: out: exists and is not an ingest output (its _manifest.json is not an "
        "ingest manifest); refusing to replace it\n"
    )
    summary = ingest("summary", "out", cwd=work)
    assert (summary.exit_code, summary.stderr) == (
        2,
        "ingest: error: out: not an ingest output (no _manifest.json)\n",
    )


def test_a_symlink_planted_as_the_lock_file_is_refused(work: Path) -> None:
    (work / "victim").write_text("precious", encoding="utf-8")
    (work / ".out.lock").symlink_to("victim")
    code, _, stderr = parse(work)
    assert code == 2
    assert stderr == (
        f"ingest: error: out: cannot create the lock {work.resolve() / '.out.lock'} "
        "(Too many levels of symbolic links)\n"
    )
    assert (work / "victim").read_text(encoding="utf-8") == "precious"
