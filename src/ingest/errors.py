"""The errors a user can cause: :class:`IngestError` and the two that several stages raise.

Every error a user can cause (a bad page, a bad path, a bad option or config
file, an output folder that cannot be used, a missing extra) is an
:class:`IngestError`, a ``ValueError``, so ``except ingest.IngestError``
catches them all. The other classes live beside the code that raises them and
subclass it; our own bugs (and a run that could not finish for lack of disk)
are not user errors.
"""

from __future__ import annotations


class IngestError(ValueError):
    """The base of every error a user can cause; ``str(e)`` is one line."""


class EngineError(IngestError):
    """The engine cannot run: an unknown name, Dask not installed, a cluster out of reach."""


class ParseError(IngestError):
    """A page that cannot be read or parsed.

    Carries where (``path``, 1-based ``line`` and ``column``), the offending
    ``text`` of that line, and what was ``expected`` there. ``str(e)`` is one
    line: ``path:line:col: message (expected ...)``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int = 1,
        column: int = 1,
        text: str = "",
        expected: str = "",
    ) -> None:
        # Plain built-in values only: the parts may come from lark(-cython)
        # tokens, and an error must pickle across process boundaries.
        self.message = str(message)
        self.path = None if path is None else str(path)
        self.line = int(line)
        self.column = int(column)
        self.text = str(text)
        self.expected = str(expected)
        super().__init__(str(self))

    def with_path(self, path: str) -> ParseError:
        """The same error, located in ``path``."""
        return ParseError(
            self.message,
            path=path,
            line=self.line,
            column=self.column,
            text=self.text,
            expected=self.expected,
        )

    def __str__(self) -> str:
        where = f"{self.path or '<text>'}:{self.line}:{self.column}"
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {self.message}{tail}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling, and
        # errors cross process boundaries in batch runs.
        return (
            _rebuild,
            (self.message, self.path, self.line, self.column, self.text, self.expected),
        )


def _rebuild(
    message: str, path: str | None, line: int, column: int, text: str, expected: str
) -> ParseError:
    return ParseError(message, path=path, line=line, column=column, text=text, expected=expected)
