"""A long list of file paths, held compactly: how a run keeps the files it found.

A batch's parent holds its input list for the whole run, and every worker it
forks maps the parent's memory: as ``str`` objects, a million paths such as
``/data/crawl/123/page_000123.txt`` took 116 MB, which each worker's peak RSS
counted again (a 1M-page ``--jobs 2`` run peaked at 325 MB a worker, 284 MB in
the parent). :class:`PathList` keeps each folder once and the names as one
``bytes`` blob with their end offsets: about 23 bytes a path such as those
(``page_000123.txt``, a 4-byte end and a 4-byte folder number).
Any ``str`` round-trips exactly, undecodable bytes escaped as surrogates
included (``surrogatepass``).
"""

from __future__ import annotations

import os
from abc import abstractmethod
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload

_CODEC = ("utf-8", "surrogatepass")
_WIDEST = 2**32 - 1
"""The largest offset a 4-byte end holds."""


T = TypeVar("T")


class LazySequence(Sequence[T]):
    """A sequence whose items are made on access by ``_made(index)``: a list's indexing
    and slicing (a slice is a ``list``), without holding the items."""

    __slots__ = ()

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _made(self, index: int) -> T: ...

    @overload
    def __getitem__(self, item: int) -> T: ...

    @overload
    def __getitem__(self, item: slice) -> list[T]: ...

    def __getitem__(self, item: int | slice) -> T | list[T]:
        if isinstance(item, slice):
            return [self._made(index) for index in range(*item.indices(len(self)))]
        return self._made(range(len(self))[item])  # IndexError past either end, as a list's

    def __iter__(self) -> Iterator[T]:
        return map(self._made, range(len(self)))


class PathList(LazySequence[str]):
    """Paths in order, each rebuilt on access from its folder and its name's bytes."""

    __slots__ = ("_ends", "_folder_of", "_folders", "_names")

    def __init__(self, paths: Iterable[str] = ()) -> None:
        folders: list[str] = []
        index: dict[str | None, int] = {}
        folder_of = array("I")
        names = bytearray()
        ends = array("I")  # 4-byte offsets while the names fit in 4 GiB, then 8-byte ones
        add_folder, known, sep = folder_of.append, index.get, os.sep
        for path in paths:
            head, separator, name = path.rpartition(sep)
            key = head if separator else None  # None: a bare name, no folder
            at = known(key)
            if at is None:
                at = index[key] = len(folders)
                folders.append(head + separator)
            add_folder(at)
            names += name.encode(*_CODEC)
            end = len(names)
            if end > _WIDEST and ends.typecode == "I":
                ends = array("Q", ends)
            ends.append(end)
        self._folders = folders
        self._folder_of = folder_of
        self._names = names  # kept as built: a bytes copy would double it while it is made
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def _made(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        name = self._names[start : self._ends[index]].decode(*_CODEC)
        return self._folders[self._folder_of[index]] + name

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PathList | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(repr(path) for path in self[:3])
        more = f", ... {len(self) - 3} more" if len(self) > 3 else ""
        return f"PathList([{shown}{more}])"

    def __reduce__(self) -> tuple[type[PathList], tuple[list[str]]]:
        return PathList, (list(self),)
