"""What keeps one page from sinking a batch: its time budget, and the error our own bugs become.

A page that takes too long is given up, the batch goes on.

The budget is a ``SIGALRM`` timer (``setitimer(ITIMER_REAL)``) whose handler
raises :class:`PageTimeout` in the middle of whatever the page was doing:
Lark's lexer, a regular expression (``re`` checks for signals while it
matches), a rule. Signals are delivered to the main thread only, so the
budget applies where pages run in a process's main thread: the local
engine's workers and ``--jobs 1`` (the calling process). Elsewhere (a Dask
worker's task threads, a caller's own thread) there is no budget and the page
runs to its end.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from ingest.errors import ParseError

DEFAULT_TIMEOUT = 10.0
"""Seconds a page may take (parse, check, normalize) before it is given up; 0 disables."""

MAX_TIMEOUT = 86_400.0
"""The largest budget accepted: a day (``setitimer`` refuses values far larger)."""


class PageTimeout(BaseException):
    """One page went over its time budget.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except
    Exception`` on the way (a parser's error mapping, a rule) swallows it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(timeout_message(seconds))
        self.seconds = seconds


def timeout_message(seconds: float) -> str:
    """``timed out after 10 s (--timeout-per-file)``."""
    return f"timed out after {seconds:g} s (--timeout-per-file)"


def check_timeout(seconds: float) -> float:
    """``seconds`` if it is a budget :func:`time_budget` accepts, else ``ValueError``."""
    if not 0 <= seconds <= MAX_TIMEOUT:  # NaN too
        raise ValueError(
            f"the time per file must be 0 (no limit) to {MAX_TIMEOUT:g} seconds, not {seconds:g}"
        )
    return seconds


def budget_applies(seconds: float) -> bool:
    """Whether a budget of ``seconds`` can be enforced here (a budget, in the main thread)."""
    return (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )


class TimeBudget:
    """A time budget for each of a run of pages: :meth:`start` and :meth:`stop` around each.

    Used as a context manager around the whole run, which installs the
    ``SIGALRM`` handler once and restores the previous handler and timer on
    exit (a timer that was running goes on with what is left of it). Without
    a budget (``seconds <= 0``) or outside the main thread, nothing is armed.

    The timer is armed once and stays armed across pages (two ``setitimer``
    calls a page cost ~1.5 µs here): :meth:`start` notes the page's start and
    arms the timer only if it is not armed, :meth:`stop` forgets the start. When
    the timer fires, the handler raises :class:`PageTimeout` if the running
    page has spent its budget, re-arms for what is left of it if not, and
    leaves the timer disarmed when no page runs. So a page gets its whole
    budget however long after the timer was armed it starts, a page over it
    fails within the budget (plus a re-arm), and a stopped page never fails.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = False
        self._started: float | None = None
        """``time.monotonic()`` at the start of the running page; None between pages."""
        self._armed = False
        """Whether our timer is set (and has not fired yet)."""
        self._previous: Any = None
        self._outer = (0.0, 0.0)
        self._entered = 0.0

    def __enter__(self) -> TimeBudget:
        self.active = budget_applies(self.seconds)
        if self.active:
            self._previous = signal.signal(signal.SIGALRM, self._expire)
            self._entered = time.monotonic()
            self._outer = signal.setitimer(signal.ITIMER_REAL, 0)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.active:
            return
        self.stop()
        self.pause()
        self.active = False
        signal.signal(signal.SIGALRM, self._previous)
        outer, interval = self._outer
        if outer > 0:  # someone else's timer was running: give it back what is left
            left = max(outer - (time.monotonic() - self._entered), 1e-6)
            signal.setitimer(signal.ITIMER_REAL, left, interval)

    def start(self) -> None:
        """Start one page's budget (arming the timer if it is not armed)."""
        if self.active:
            self._started = time.monotonic()
            if not self._armed:
                self._armed = True
                signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        """End the page's budget (no system call: the timer stays armed for the next page)."""
        self._started = None

    def pause(self) -> None:
        """Disarm the timer until the next :meth:`start`: for a stretch without pages (a
        row-group write), so that no signal interrupts it."""
        if self._armed:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _expire(self, signum: int, frame: FrameType | None) -> None:
        self._armed = False  # a one-shot timer: it fired
        started = self._started
        if started is None:
            return  # no page runs: the next start arms again
        left = started + self.seconds - time.monotonic()
        if left <= 0:
            raise PageTimeout(self.seconds)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6))


NO_BUDGET = TimeBudget(0)
"""A budget that is never armed."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block once it has run ``seconds`` (one page)."""
    with TimeBudget(seconds) as budget:
        budget.start()
        try:
            yield
        finally:
            budget.stop()


def internal_error(error: BaseException, path: str | None) -> ParseError:
    """The error of a page that made our own code fail: its type and the first line of it."""
    first_line = next(iter(str(error).splitlines()), "")
    message = f"internal error, please report: {type(error).__name__}: {first_line}"
    return ParseError(message, path=path)
