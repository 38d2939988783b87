"""Runs per-chunk work in worker processes, or inline for ``jobs=1``.

Work is split into chunks of files; each worker process builds its own parser
(never a pickled one) and returns a small result per chunk. With ``jobs=1``
everything runs in the calling process, which is what a single-core
benchmark should measure. An interrupted run (Ctrl-C, an error in the
parent) stops its workers at once instead of waiting for their chunks, and
workers whose parent was killed outright exit too.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """The worker count ``--jobs`` asks for: ``None`` is :func:`default_jobs`, at least 1."""
    return default_jobs() if jobs is None else max(1, jobs)


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Consecutive slices of at most ``size`` items."""
    size = max(1, size)
    return [items[i : i + size] for i in range(0, len(items), size)]


PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal this process gets when its parent dies."""

ORPHAN_POLL = 0.5
"""Seconds between a worker's checks that its parent is alive, where prctl is missing."""


def _worker_start(parent: int) -> None:
    """Worker start-up: Ctrl-C is the parent's to handle; the worker dies with its parent.

    A parent killed with ``kill -9`` cannot stop its workers, and their pool
    pipes stay open (each worker holds them too), so they would wait for work
    forever. On Linux the kernel sends them SIGKILL when the parent dies
    (``PR_SET_PDEATHSIG``); elsewhere a thread notices the new parent id.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker could ask
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux for SIGKILL when the parent dies; False where that cannot be asked.

    "The parent" is the thread that forked the worker: a :class:`WorkerPool`
    starts its processes, and waits for them, in the thread that calls its
    :meth:`~WorkerPool.map`.
    """
    if not sys.platform.startswith("linux"):
        return False  # pragma: no cover - not Linux
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):  # pragma: no cover - no prctl in this libc
        return False


def _watch_parent(parent: int) -> None:
    """Exit the worker once its parent is gone (it is then reparented)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL)
    os._exit(1)


class WorkerPool:
    """Worker processes that outlive one :meth:`map`: a run's chunks, then its end passes.

    The processes start at the first :meth:`map` that needs them (never with
    ``jobs=1``, whose tasks run in the calling process) and stop when the pool
    is closed: at the end of its ``with`` block, at once (busy or not) if the
    block ends in an error. A :meth:`map` abandoned half way (its consumer
    stopped or failed) stops them too; a later :meth:`map` starts new ones.
    """

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = resolve_jobs(jobs)
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        """Whether worker processes are running now."""
        return self._executor is not None

    def map(self, func: Callable[[T], R], tasks: Sequence[T], *, start: bool = True) -> Iterator[R]:
        """Yield ``func(task)`` for every task, in completion order.

        ``func`` must be a module-level function (it is sent to the workers by
        name) and tasks must pickle. At most ``2 * jobs`` tasks are in flight, so
        memory stays bounded however many tasks there are. One task, or
        ``start=False`` while no worker runs, runs inline: starting processes
        costs more than it saves then.
        """
        if self._executor is None and (self.jobs == 1 or len(tasks) <= 1 or not start):
            for task in tasks:
                yield func(task)
            return
        executor = self._executor or self._start(len(tasks))
        finished = False
        try:
            yield from _drain(executor, func, tasks, 2 * self.jobs)
            finished = True
        finally:
            if not finished:
                self._stop(wait=False)

    def _start(self, tasks: int) -> ProcessPoolExecutor:
        import multiprocessing  # here: ``--jobs 1`` and one-file runs do not load it
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self._executor = ProcessPoolExecutor(
            max_workers=min(self.jobs, tasks),
            mp_context=context,
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
        return self._executor

    def _stop(self, *, wait: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if wait:
            executor.shutdown(wait=True)
        else:
            _terminate(executor)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._stop(wait=kind is None)


def map_tasks(
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int | None = None,
) -> Iterator[R]:
    """Yield ``func(task)`` for every task, in completion order, on a pool of its own.

    See :meth:`WorkerPool.map`. If the consumer stops early or fails, the
    workers are terminated.
    """
    with WorkerPool(jobs) as pool:
        yield from pool.map(func, tasks)


def _drain(
    executor: ProcessPoolExecutor, func: Callable[[T], R], tasks: Iterable[T], in_flight: int
) -> Iterator[R]:
    from concurrent.futures import FIRST_COMPLETED, wait

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
