"""``WorkerPool`` and ``map_tasks``: results inline or from workers; errors reach the caller."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from ingest.jobs.pool import WorkerPool, chunked, map_chunks, map_tasks


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


def test_a_pool_keeps_its_workers_from_one_map_to_the_next() -> None:
    with WorkerPool(jobs=2) as pool:
        assert not pool.started
        first = {pid for _, pid in pool.map(square_and_pid, list(range(6)))}
        assert pool.started
        workers = {process.pid for process in multiprocessing.active_children()}
        second = {pid for _, pid in pool.map(square_and_pid, [7, 8], start=False)}
        assert {process.pid for process in multiprocessing.active_children()} == workers
    assert not pool.started
    assert len(workers) == 2 and os.getpid() not in workers
    assert first <= workers and second <= workers  # the same processes, not new ones


def test_start_false_runs_inline_while_no_worker_is_up() -> None:
    with WorkerPool(jobs=2) as pool:
        results = list(pool.map(square_and_pid, [1, 2, 3], start=False))
        assert not pool.started
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_one_task_runs_inline_and_so_does_everything_with_one_job() -> None:
    with WorkerPool(jobs=2) as pool:
        assert list(pool.map(square_and_pid, [5])) == [(25, os.getpid())]
        assert not pool.started
    with WorkerPool(jobs=1) as pool:
        assert {pid for _, pid in pool.map(square_and_pid, list(range(6)))} == {os.getpid()}
        assert not pool.started


def test_an_abandoned_map_stops_the_workers_and_the_next_starts_new_ones() -> None:
    with WorkerPool(jobs=2) as pool:
        results = pool.map(square_and_pid, list(range(20)))
        _, pid = next(results)
        results.close()  # the consumer stops half way
        assert not pool.started
        again = {p for _, p in pool.map(square_and_pid, list(range(4)))}
    assert pid not in again and os.getpid() not in again


def test_an_error_in_a_worker_stops_the_pool() -> None:
    with WorkerPool(jobs=2) as pool:
        with pytest.raises(ValueError, match="three"):
            list(pool.map(fail_on_three, list(range(10))))
        assert not pool.started
