"""Where a batch's per-chunk work runs: worker processes here, or a Dask cluster.

Both engines run the same function (:func:`ingest.batch.worker.ingest_chunk`) on the
same :class:`~ingest.batch.worker.ChunkTask` values; each task writes its own part
files into OUT's staging folder and sends back counts only. The ``local``
engine needs nothing beyond the package; ``dask`` needs the ``ingest[dask]``
extra, imported only when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

from ingest.batch.worker import warm_up
from ingest.errors import EngineError
from ingest.jobs.pool import map_tasks, resolve_jobs

__all__ = ["ENGINES", "Engine", "EngineError", "LocalEngine", "check_engine", "open_engine"]

ENGINES = ("local", "dask")
"""The engines :func:`ingest.ingest` accepts (``engine=``, ``--engine``)."""

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs per-chunk tasks somewhere and yields their results in completion order."""

    name: str
    jobs: int
    """Tasks that run at once (worker processes, or the cluster's threads)."""

    def prepare(self, root: str, sample: str, tasks: int) -> None:
        """Get ready for ``tasks`` tasks writing under ``root``, reading files like ``sample``."""

    def map(self, func: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        """``func(task)`` for every task, in completion order."""
        ...


class LocalEngine:
    """Worker processes on this machine (:func:`ingest.jobs.pool.map_tasks`)."""

    name = "local"

    def __init__(self, jobs: int | None) -> None:
        self.jobs = resolve_jobs(jobs)

    def prepare(self, root: str, sample: str, tasks: int) -> None:
        if tasks > 1 and self.jobs > 1:
            warm_up()  # once here, before the workers fork, instead of once in each

    def map(self, func: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        return map_tasks(func, tasks, self.jobs)


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
        yield LocalEngine(jobs)
        return
    from ingest.batch.engines.dask import dask_engine  # here: a local run loads none of it

    with dask_engine(jobs, scheduler) as runner:
        yield runner
