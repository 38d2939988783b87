"""The Dask engine: a batch's chunks as tasks on a Dask distributed cluster.

Each task runs :func:`ingest.batch.worker.ingest_chunk` on a worker, exactly as a
local worker process would: the worker reads its files, builds its own parser
(the function travels by name, never as a pickled Lark object) and writes its
part files straight into OUT's staging folder, which must therefore be on a
filesystem every worker shares. The client only collects counts. Without a
scheduler address a ``LocalCluster`` bound to 127.0.0.1 is started, so
nothing but loopback is contacted, and it speaks mutual TLS with temporary
certificates, so no other local process can submit tasks to it. A scheduler
given by address is contacted with Dask's configured security
(``distributed.comm.tls.*`` in the Dask config). ``dask``/``distributed`` are imported only
here, only when the engine is asked for.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from itertools import islice
from types import ModuleType
from typing import Any, TypeVar

from ingest.errors import EngineError
from ingest.jobs.pool import resolve_jobs

CONNECT_TIMEOUT = "10s"
"""How long to wait for a scheduler to answer, and for its first worker to join."""

T = TypeVar("T")
R = TypeVar("R")


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise EngineError("the dask engine needs Dask: pip install 'ingest[dask]'") from None
    return distributed


def _first_line(error: BaseException) -> str:
    return next(iter(str(error).splitlines()), type(error).__name__)


def worker_sees(root: str, sample: str, client_cwd: str) -> str | None:
    """Run on each worker: why it cannot write ``root`` or read ``sample``, or None.

    A cluster whose workers do not share OUT's parent folder and the input
    paths would write its parts where the client never finds them, or turn
    every page into a ``failed`` one; this says so before any work starts.
    """
    if not os.path.isdir(root):
        return (
            f"worker cannot see {root}: OUT must be on a filesystem shared by the client "
            "and every worker"
        )
    if os.path.lexists(sample):
        return None
    if not os.path.isabs(sample) and os.getcwd() != client_cwd:
        return (
            f"worker runs in {os.getcwd()}, not {client_cwd}, so it cannot resolve the "
            f"relative input {sample}: give absolute input paths"
        )
    return f"worker cannot see the input {sample}: inputs must be on a shared filesystem"


class DaskEngine:
    """Runs tasks on the workers of a Dask client, at most two per thread queued at once."""

    name = "dask"

    def __init__(self, client: Any, jobs: int) -> None:
        self.client = client
        self.jobs = jobs

    def prepare(self, root: str, sample: str, tasks: int) -> None:
        """:class:`EngineError` unless every worker sees OUT's staging folder and the inputs."""
        answers: dict[str, str | None] = self.client.run(worker_sees, root, sample, os.getcwd())
        for address, problem in sorted(answers.items()):
            if problem is not None:
                raise EngineError(f"dask worker {address}: {problem}")

    def map(self, func: Callable[[T], R], tasks: Sequence[T], *, start: bool = True) -> Iterator[R]:
        """``func(task)`` on the workers, in completion order; pending tasks cancelled on exit.

        ``start`` is moot: the cluster's workers are up before the first task.
        """
        distributed = _distributed()
        queue = iter(tasks)
        submit = self.client.submit
        running = distributed.as_completed(
            [submit(func, task, pure=False) for task in islice(queue, 2 * self.jobs)]
        )
        try:
            for future in running:
                try:
                    result: R = future.result()
                except distributed.KilledWorker as error:
                    raise EngineError(f"dask: a worker died running a task ({error})") from None
                future.release()
                for task in islice(queue, 1):
                    running.add(submit(func, task, pure=False))
                yield result
        finally:
            self.client.cancel(list(running.futures))


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while the cluster's processes start, so that they inherit that.

    Ctrl-C in a terminal reaches every process of the group; the client
    stops the run and closes the cluster, so the workers must not print
    tracebacks of their own (the local engine's workers ignore it too).
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handlers
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _temporary_security(distributed: ModuleType) -> Any:
    """A fresh in-memory CA and certificates, known only to this process and its cluster.

    A loopback port is open to every local user: without mutual TLS, any
    process on the machine could connect to the scheduler while a run goes
    and submit a pickled task, which the workers would run as us.
    """
    try:
        return distributed.security.Security.temporary()
    except ImportError:
        raise EngineError(
            "the dask engine needs the cryptography package for its TLS certificates: "
            "pip install 'ingest[dask]'"
        ) from None


def _local_cluster(distributed: ModuleType, workers: int) -> Any:
    """A LocalCluster of ``workers`` single-threaded processes, every socket on 127.0.0.1.

    Every connection (client, scheduler, workers) is mutual TLS with
    temporary certificates (:func:`_temporary_security`), so no other local
    process can talk to it.
    """
    security = _temporary_security(distributed)
    try:
        with warnings.catch_warnings(), _interrupts_ignored():
            # Its HTTP server (on 127.0.0.1 too) warns when port 8787 is taken; it takes another.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            return distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                protocol="tls://",
                security=security,
                dashboard_address=None,
                # CRITICAL, not ERROR: when a run stops (Ctrl-C, a failed page budget), the
                # scheduler closes while the workers still send heartbeats, and each would log
                # "Failed to communicate with scheduler" with a traceback after the run's one
                # line. A task's own error reaches the client as its exception, not as a log.
                silence_logs=logging.CRITICAL,
            )
    except OSError as error:
        raise EngineError(f"cannot start a local Dask cluster: {_first_line(error)}") from None


@contextmanager
def dask_engine(jobs: int | None, scheduler: str | None = None) -> Iterator[DaskEngine]:
    """A Dask engine on ``scheduler``, or on a new loopback ``LocalCluster`` of ``jobs`` workers.

    With a scheduler, ``jobs`` defaults to the cluster's thread count (it only
    shapes the chunks). Raises :class:`EngineError` when Dask is missing, the
    scheduler does not answer or no worker joins it.
    """
    distributed = _distributed()
    with ExitStack() as stack:
        if scheduler is None:
            workers = resolve_jobs(jobs)
            cluster = _local_cluster(distributed, workers)
            stack.enter_context(cluster)
            client = stack.enter_context(distributed.Client(cluster, security=cluster.security))
        else:
            try:
                client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, ValueError, TypeError) as error:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {scheduler}: {_first_line(error)}"
                ) from None
            stack.enter_context(client)
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError):
                raise EngineError(
                    f"no Dask worker joined the scheduler at {scheduler} within {CONNECT_TIMEOUT}"
                ) from None
            workers = jobs if jobs is not None else max(1, sum(client.nthreads().values()))
        yield DaskEngine(client, workers)
