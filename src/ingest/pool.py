"""Runs per-chunk work in worker processes, or inline for ``jobs=1``.

Work is split into chunks of files; each worker process builds its own parser
(never a pickled one) and returns a small result per chunk. With ``jobs=1``
everything runs in the calling process, which is what a single-core
benchmark should measure. An interrupted run (Ctrl-C, an error in the
parent) stops its workers at once instead of waiting for their chunks.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Consecutive slices of at most ``size`` items."""
    size = max(1, size)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _ignore_interrupts() -> None:
    """Worker start-up: Ctrl-C is the parent's to handle (it stops the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_tasks(
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int | None = None,
) -> Iterator[R]:
    """Yield ``func(task)`` for every task, in completion order.

    ``func`` must be a module-level function (it is sent to the workers by
    name) and tasks must pickle. At most ``2 * jobs`` tasks are in flight, so
    memory stays bounded however many tasks there are. If the consumer stops
    early or fails, the workers are terminated.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            yield func(task)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)), mp_context=context, initializer=_ignore_interrupts
    )
    finished = False
    try:
        yield from _drain(executor, func, tasks, 2 * jobs)
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _terminate(executor)


def _drain(
    executor: ProcessPoolExecutor, func: Callable[[T], R], tasks: Iterable[T], in_flight: int
) -> Iterator[R]:
    pending: set[Future[R]] = set()
    queue = iter(tasks)
    for task in queue:
        pending.add(executor.submit(func, task))
        if len(pending) >= in_flight:
            break
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
            for task in queue:
                pending.add(executor.submit(func, task))
                break


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now; their unfinished chunks are abandoned."""
    # ProcessPoolExecutor has no public way to kill busy workers before 3.14
    # (terminate_workers); the process table is the documented-by-source way.
    processes = list(getattr(executor, "_processes", {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


def map_chunks(
    func: Callable[[Sequence[T]], R],
    chunks: Sequence[Sequence[T]],
    jobs: int | None = None,
) -> Iterator[R]:
    """Yield ``func(chunk)`` for every chunk, in completion order (see :func:`map_tasks`)."""
    return map_tasks(func, chunks, jobs)
