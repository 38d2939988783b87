"""`[tool.ingest]` in the nearest pyproject.toml (or an ingest.toml): select, ignore, fail-on,
severity, and which files to take (exclude, extend-exclude, respect-gitignore).

Found like ruff finds its settings: walking up from each checked file, the first
folder with an ``ingest.toml`` (its top level is the table) or a ``pyproject.toml``
holding a ``[tool.ingest]`` table (:class:`ConfigFinder`); ``--config FILE`` names
one for every file, ``--isolated`` reads none.

```toml
[tool.ingest]
select = ["IG1", "IG2"]      # codes or prefixes; default: every rule
ignore = ["IG203"]
fail-on = "warning"          # or "error" (the default)
docs-url = "https://example.org/ingest/rules"   # where docs/rules.md is published (SARIF links)

[tool.ingest.severity]
IG203 = "error"
```

Any mistake (bad TOML, unknown key, unknown code, bad severity) is a
:class:`ConfigError` whose message is one line naming the file. Sub-tables
other than ``severity`` are left to other commands.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError, ParseError
from ingest.lint.docs_url import docs_url_problem as docs_url_problem
from ingest.page.findings import Severity
from ingest.parse.reader import NO_SUCH_FILE, read_settings_file
from ingest.rules.registry import RULES, UnknownRuleError, select_codes

PYPROJECT = "pyproject.toml"
INGEST_TOML = "ingest.toml"

MAX_CONFIG_BYTES = 1_000_000
"""A larger pyproject.toml is refused unread (real ones are a few KB)."""


class ConfigError(IngestError):
    """A `[tool.ingest]` table that cannot be used; ``str()`` is one line."""


@dataclass(frozen=True)
class CheckConfig:
    """The check settings of `[tool.ingest]` (all optional; the TOML names are kebab-case:
    ``fail-on``, ``extend-exclude``, ``respect-gitignore``, ``docs-url``)."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity = "error"
    severity: Mapping[str, Severity] = field(default_factory=dict)
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    docs_url: str | None = None
    """Where the rule reference is published (SARIF ``helpUri``/``informationUri``)."""
    source: str | None = None
    """The file the settings came from (None: the defaults)."""


def find_config(start: str | os.PathLike[str] | None = None) -> CheckConfig:
    """The settings of the nearest folder at or above ``start`` (default: the working
    directory) that has an ``ingest.toml`` or a ``pyproject.toml`` with `[tool.ingest]`;
    the defaults if none has."""
    folder = Path(os.path.abspath(start if start is not None else os.getcwd()))
    if not folder.is_dir():
        folder = folder.parent
    return ConfigFinder().for_folder(folder)


def _own_config(folder: Path) -> CheckConfig | None:
    """The settings ``folder`` itself holds (None: neither file, or no `[tool.ingest]`)."""
    # lexists, not is_file: a FIFO or folder planted there is an error, not skipped
    if os.path.lexists(folder / INGEST_TOML):
        return load_config_file(folder / INGEST_TOML)
    if os.path.lexists(folder / PYPROJECT):
        config = load_config(folder)
        if config.source is not None:
            return config
    return None


class ConfigFinder:
    """The nearest settings of each file, like ruff: walking up from the file's folder to the
    filesystem root, each folder looked at once (the answer is cached for every folder on
    the way, so a tree of thousands of pages reads each settings file once)."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, CheckConfig] = {}

    def for_file(self, path: str | os.PathLike[str]) -> CheckConfig:
        """The settings that apply to the file at ``path`` (it need not exist)."""
        return self.for_folder(Path(os.path.abspath(path)).parent)

    def for_folder(self, folder: Path) -> CheckConfig:
        """The settings of the nearest folder at or above ``folder`` (an absolute path)."""
        visited: list[Path] = []
        found = CheckConfig()
        for candidate in (folder, *folder.parents):
            cached = self._by_folder.get(candidate)
            if cached is not None:
                found = cached
                break
            visited.append(candidate)
            own = _own_config(candidate)
            if own is not None:
                found = own
                break
        for seen in visited:
            self._by_folder[seen] = found
        return found


def load_config_file(path: str | os.PathLike[str]) -> CheckConfig:
    """The settings of one file (``--config FILE``): an ``ingest.toml``, whose top level is
    the table, or a ``pyproject.toml``, whose `[tool.ingest]` is."""
    target = Path(path)
    if target.name != PYPROJECT:
        document = _read_toml(target, missing_ok=False)
        return dataclasses.replace(parse_config(document, str(target)), source=str(target))
    config = load_config(target.parent, missing_ok=False)
    if config.source is None:
        raise ConfigError(f"{target}: no [tool.ingest] table")
    return config


def _read_toml(path: Path, *, missing_ok: bool) -> dict[str, Any] | None:
    try:
        text = read_settings_file(str(path), MAX_CONFIG_BYTES)
    except ParseError as error:
        if error.message == NO_SUCH_FILE:
            if missing_ok:
                return None
            raise ConfigError(f"{path}: no such file") from None
        raise ConfigError(settings_error(error)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def load_config(
    directory: str | os.PathLike[str] | None = None, *, missing_ok: bool = True
) -> CheckConfig:
    """The settings of ``directory``/pyproject.toml (default: the working directory).

    No file, or no `[tool.ingest]` table, gives the defaults. The file is
    untrusted (a pull request can change it): it is read like a page (no
    FIFO, device or file over :data:`MAX_CONFIG_BYTES`), must be UTF-8, and
    any nesting too deep for the TOML reader is a :class:`ConfigError`.
    """
    path = Path(directory if directory is not None else os.getcwd()) / PYPROJECT
    document = _read_toml(path, missing_ok=missing_ok)
    if document is None:
        return CheckConfig()
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    if "ingest" not in tool:
        return CheckConfig()
    return dataclasses.replace(parse_config(tool["ingest"], str(path)), source=str(path))


def settings_error(error: ParseError) -> str:
    """One line for a settings file that cannot be read: ``path[:line:col]: ...``."""
    where = (
        f"{error.path}:{error.line}:{error.column}"
        if error.line > 1 or error.column > 1
        else error.path
    )
    tail = f" (expected {error.expected})" if error.expected else ""
    return f"{where}: cannot read: {error.message}{tail}"


def parse_config(table: Any, source: str = PYPROJECT) -> CheckConfig:
    """Validate a `[tool.ingest]` table (as tomllib returns it)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.ingest] must be a table")
    own = {k: v for k, v in table.items() if k == "severity" or not isinstance(v, dict)}
    if "source" in own:
        raise ConfigError(f"{source}: [tool.ingest] source: Extra inputs are not permitted")
    config = _validated(own, source)
    try:
        select_codes(config.select, config.ignore)
    except UnknownRuleError as error:
        raise ConfigError(f"{source}: [tool.ingest]: {error}") from None
    severity: dict[str, Severity] = {}
    for code, level in config.severity.items():
        if code.upper() not in RULES:
            raise ConfigError(
                f"{source}: [tool.ingest.severity]: unknown rule code '{code}' "
                f"(expected one of {', '.join(RULES)})"
            )
        severity[code.upper()] = level
    return dataclasses.replace(config, severity=severity)


def _validated(own: dict[str, Any], source: str) -> CheckConfig:
    """The settings of a table's own keys, checked against the types of
    :class:`ingest.lint.config_table.CheckTable`."""
    # here: pydantic checks the table, so that a run without settings never loads it
    from pydantic import ValidationError

    from ingest.lint.config_table import CheckTable

    try:
        table = CheckTable.model_validate(own)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{source}: [tool.ingest] {where}: {first['msg']}") from None
    return CheckConfig(**table.model_dump())
