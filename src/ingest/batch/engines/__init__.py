"""Where a batch's per-chunk work runs: worker processes here, or a Dask cluster.

Both engines run the same function (:func:`ingest.batch.worker.ingest_chunk`) on the
same :class:`~ingest.batch.worker.ChunkTask` values; each task writes its own part
files into OUT's staging folder and sends back counts only. The passes over the
whole batch at its end (:mod:`ingest.batch.finish`) run on the same workers, side
by side, once the chunks are done. The ``local``
engine needs nothing beyond the package; ``dask`` needs the ``ingest[dask]``
extra, imported only when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

from ingest.batch.worker import warm_up
from ingest.errors import EngineError
from ingest.jobs.pool import WorkerPool

__all__ = ["ENGINES", "Engine", "EngineError", "LocalEngine", "check_engine", "open_engine"]

ENGINES = ("local", "dask")
"""The engines :func:`ingest.ingest` accepts (``engine=``, ``--engine``)."""

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs a run's tasks (its chunks, then its end passes) somewhere, yielding their results."""

    name: str
    jobs: int
    """Tasks that run at once (worker processes, or the cluster's threads)."""

    def prepare(self, root: str, sample: str, tasks: int) -> None:
        """Get ready for ``tasks`` tasks writing under ``root``, reading files like ``sample``."""

    def map(self, func: Callable[[T], R], tasks: Sequence[T], *, start: bool = True) -> Iterator[R]:
        """``func(task)`` for every task, in completion order.

        ``start=False``: in this process, unless the engine's workers already run
        (the cluster's always do).
        """
        ...


class LocalEngine:
    """Worker processes on this machine (a :class:`~ingest.jobs.pool.WorkerPool`).

    The processes stay up from the first :meth:`map` that needs them until the
    engine is closed, so the end passes of a run reuse them.
    """

    name = "local"

    def __init__(self, pool: WorkerPool) -> None:
        self._pool = pool
        self.jobs = pool.jobs

    def prepare(self, root: str, sample: str, tasks: int) -> None:
        if tasks > 1 and self.jobs > 1:
            warm_up()  # once here, before the workers fork, instead of once in each

    def map(self, func: Callable[[T], R], tasks: Sequence[T], *, start: bool = True) -> Iterator[R]:
        return self._pool.map(func, tasks, start=start)


def check_engine(engine: str, scheduler: str | None) -> None:
    """:class:`EngineError` unless ``engine`` is known and ``scheduler`` fits it."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r} (expected one of: {', '.join(ENGINES)})")
    if scheduler is not None and engine != "dask":
        raise EngineError("a scheduler address needs the dask engine (--engine dask)")


@contextmanager
def open_engine(engine: str, jobs: int | None, scheduler: str | None = None) -> Iterator[Engine]:
    """The engine ``engine``, started (a Dask cluster is closed again on exit)."""
    check_engine(engine, scheduler)
    if engine == "local":
        with WorkerPool(jobs) as pool:
            yield LocalEngine(pool)
        return
    from ingest.batch.engines.dask import dask_engine  # here: a local run loads none of it

    with dask_engine(jobs, scheduler) as runner:
        yield runner
