"""The compact list of input paths a run holds: each path back as it was, in less memory."""

from __future__ import annotations

import os
import pickle
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.batch.run import _Batch, _ChunkTasks, _Options
from ingest.jobs.discover import Inputs, find_inputs
from ingest.jobs.path_list import PathList
from tests.paths import CORPUS

PATHS = [
    "corpus/000_91da0c470094187d.txt",
    "/abs/crawl/001/page_000001.txt",
    "bare-name.txt",
    "/",
    "",
    "trailing/",
    "caf\u00e9/na\u00efve \u2014 page.txt",
    "undecodable/\udcff\udcfe.txt",  # bytes b"\xff\xfe" as os.fsdecode gives them
    "corpus/000_91da0c470094187d.txt",  # the same path twice stays twice
]


def test_every_path_comes_back_exactly_in_order() -> None:
    paths = PathList(PATHS)
    assert len(paths) == len(PATHS)
    assert list(paths) == PATHS
    assert [paths[i] for i in range(len(PATHS))] == PATHS
    assert paths == PATHS
    assert paths != PATHS[:-1]


def test_indexing_and_slicing_behave_as_a_lists() -> None:
    paths = PathList(PATHS)
    assert paths[-1] == PATHS[-1]
    assert paths[-len(PATHS)] == PATHS[0]
    assert paths[2:5] == PATHS[2:5]
    assert paths[::3] == PATHS[::3]
    assert paths[7:100] == PATHS[7:100]
    assert isinstance(paths[1:3], list)
    with pytest.raises(IndexError):
        paths[len(PATHS)]
    with pytest.raises(IndexError):
        paths[-len(PATHS) - 1]
    assert not PathList()
    assert PathList()[0:5] == []


def test_it_pickles_and_is_not_hashable() -> None:
    paths = PathList(PATHS)
    assert pickle.loads(pickle.dumps(paths)) == PATHS
    with pytest.raises(TypeError):
        hash(paths)


@given(st.lists(st.text(alphabet=st.characters(codec=None), max_size=30), max_size=40))
def test_any_text_round_trips(paths: list[str]) -> None:
    assert list(PathList(paths)) == paths


def test_a_hundred_thousand_paths_take_a_third_of_their_str_objects() -> None:
    paths = [f"/data/crawl/{n // 1000:03d}/page_{n:06d}.txt" for n in range(100_000)]
    as_strs = sys.getsizeof(paths) + sum(map(sys.getsizeof, paths))
    compact = PathList(paths)
    held = sum(sys.getsizeof(getattr(compact, name)) for name in PathList.__slots__)
    held += sum(map(sys.getsizeof, compact._folders))
    assert held < as_strs / 3  # 2.3 MB against 8.8 MB here
    assert compact[54_321] == paths[54_321]


def test_discovery_returns_a_path_list_of_the_files_it_found() -> None:
    inputs = find_inputs([CORPUS])
    assert isinstance(inputs.files, PathList)
    assert list(inputs.files) == sorted(os.path.join(CORPUS, name) for name in os.listdir(CORPUS))


def test_chunk_tasks_are_made_as_they_are_taken_with_their_paths() -> None:
    files = PathList(f"in/{n:04d}.txt" for n in range(2_500))
    batch = _Batch(("in",), Inputs(files, frozenset({"in/1500.txt"})), "*.txt", 1_000)
    options = _Options(1, "local", None, False, False, 0.0, "name-type", date(2026, 12, 7))
    tasks = _ChunkTasks(Path("out"), files, 3, batch, options, 1)
    assert len(tasks) == 3
    assert [task.index for task in tasks] == [3, 4, 5]
    assert [len(task.paths) for task in tasks] == [1_000, 1_000, 500]
    assert tasks[1].paths[0] == "in/1000.txt" and tasks[-1].paths[-1] == "in/2499.txt"
    assert [task.outside for task in tasks] == [
        frozenset(),
        frozenset({"in/1500.txt"}),
        frozenset(),
    ]
    assert [task.index for task in tasks[1:]] == [4, 5]
    with pytest.raises(IndexError):
        tasks[3]


def test_offsets_widen_past_four_gib_of_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.jobs import path_list

    monkeypatch.setattr(path_list, "_WIDEST", 20)  # as if 20 bytes were 4 GiB
    paths = PathList(PATHS)
    assert paths._ends.typecode == "Q"
    assert list(paths) == PATHS
    assert PathList(["a/b.txt", "c.txt"])._ends.typecode == "I"  # 10 bytes of names
