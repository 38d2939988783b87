"""Where a generator's choices come from: seeded ``random`` or hypothesis.

The page generators take a :class:`Draw` and never know which one they got, so the
synthetic corpus (``ingest synth``, fast, seeded) and the hypothesis strategies of
:mod:`ingest.testing` (shrinkable) are the same code. Every choice is written so
that its simplest value (``low``, ``False``, the first option, the empty text) is
what hypothesis shrinks towards.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Draw(Protocol):
    """The choices a generator makes."""

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        ...

    def chance(self, p: float) -> bool:
        """True with probability ``p`` (a hint only: hypothesis explores both)."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options`` (not empty)."""
        ...

    def text(self, alphabet: str, low: int, high: int) -> str:
        """A string of ``low`` to ``high`` characters of ``alphabet``."""
        ...


class RandomDraw:
    """Choices from a seeded :class:`random.Random`: fast and reproducible.

    Built on ``random()`` alone (``randrange`` costs several times more, and a
    corpus of 100,000 pages makes millions of choices)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._random = rng.random

    def integer(self, low: int, high: int) -> int:
        return low + int(self._random() * (high - low + 1))

    def chance(self, p: float) -> bool:
        return self._random() < p

    def choice(self, options: Sequence[T]) -> T:
        return options[int(self._random() * len(options))]

    def text(self, alphabet: str, low: int, high: int) -> str:
        return "".join(self.rng.choices(alphabet, k=self.integer(low, high)))
