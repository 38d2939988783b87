"""Which rules `ingest check` runs on each file: the command line over the nearest settings.

Like ruff, every file takes the settings of the nearest ``ingest.toml`` or
``pyproject.toml`` with `[tool.ingest]` above it (:class:`ConfigFinder`, one look
per folder); ``--config FILE`` and ``--isolated`` give one set for every file.
``--select`` replaces a file's ``select``, ``--ignore`` adds to its ``ignore``.
"""

from __future__ import annotations

import os

from ingest.lint.checker import FileRules
from ingest.lint.config import CheckConfig, ConfigFinder
from ingest.rules.registry import select_codes


class RunRules:
    """The rules of each file of one run (each settings file's rules computed once)."""

    def __init__(self, select: list[str], ignore: list[str], single: CheckConfig | None) -> None:
        self._select = select
        self._ignore = ignore
        self._single = single
        self._finder = ConfigFinder()
        self._by_source: dict[str | None, FileRules] = {}
        self._used: set[str] = set()

    @property
    def per_file(self) -> bool:
        """False when ``--config`` or ``--isolated`` chose one set of settings for all."""
        return self._single is None

    def config_for(self, path: str | os.PathLike[str]) -> CheckConfig:
        """The settings of the file at ``path``."""
        return self._single if self._single is not None else self._finder.for_file(path)

    def of(self, config: CheckConfig) -> FileRules:
        """The rules ``config`` gives, the command line over it."""
        rules = self._by_source.get(config.source)
        if rules is None:
            chosen = self._select or config.select
            enabled = select_codes(chosen, [*config.ignore, *self._ignore])
            rules = FileRules(enabled, dict(config.severity))
            self._by_source[config.source] = rules
        return rules

    def for_file(self, path: str) -> FileRules:
        """The rules of the file at ``path`` (raises ``ConfigError`` for a bad settings file)."""
        rules = self.of(self.config_for(path))
        self._used |= rules.enabled
        return rules

    def enabled_for(self, path: str) -> frozenset[str]:
        return self.for_file(path).enabled

    def used(self) -> frozenset[str]:
        """Every rule some file of the run was checked with (by :meth:`for_file`)."""
        return frozenset(self._used)
