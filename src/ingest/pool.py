"""Runs per-chunk work in worker processes, or inline for ``jobs=1``.

Work is split into chunks of files; each worker process builds its own parser
(never a pickled one) and returns a small result per chunk. With ``jobs=1``
everything runs in the calling process, which is what a single-core
benchmark should measure.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
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


def map_chunks(
    func: Callable[[Sequence[T]], R],
    chunks: Sequence[Sequence[T]],
    jobs: int | None = None,
) -> Iterator[R]:
    """Yield ``func(chunk)`` for every chunk, in completion order.

    ``func`` must be a module-level function (it is sent to the workers by
    name). At most ``2 * jobs`` chunks are in flight, so memory stays bounded
    however many chunks there are.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield func(chunk)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as executor:
        pending: set[Future[R]] = set()
        queue = iter(chunks)
        for chunk in queue:
            pending.add(executor.submit(func, chunk))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(executor.submit(func, nxt))
