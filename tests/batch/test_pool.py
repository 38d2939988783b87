"""``map_tasks``: every task's result, inline or in worker processes; errors reach the caller."""

from __future__ import annotations

import os

import pytest

from ingest.jobs.pool import chunked, map_chunks, map_tasks


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


def test_inline_run_stays_in_this_process() -> None:
    results = list(map_tasks(square_and_pid, [1, 2, 3], jobs=1))
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_workers_return_every_result() -> None:
    results = list(map_tasks(square_and_pid, list(range(10)), jobs=2))
    assert sorted(square for square, _ in results) == [n * n for n in range(10)]
    assert os.getpid() not in {pid for _, pid in results}


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="three"):
        list(map_tasks(fail_on_three, list(range(10)), jobs=2))


def test_map_chunks_still_maps_chunks() -> None:
    chunks = chunked(list(range(7)), 3)
    assert chunks == [[0, 1, 2], [3, 4, 5], [6]]
    assert sorted(map_chunks(sum, chunks, jobs=2)) == [3, 6, 12]
