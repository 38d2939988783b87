"""`[tool.ingest]` in the working directory's pyproject.toml: select, ignore, fail-on, severity.

```toml
[tool.ingest]
select = ["IG1", "IG2"]      # codes or prefixes; default: every rule
ignore = ["IG203"]
fail-on = "warning"          # or "error" (the default)

[tool.ingest.severity]
IG203 = "error"
```

Any mistake (bad TOML, unknown key, unknown code, bad severity) is a
:class:`ConfigError` whose message is one line naming the file. Sub-tables
other than ``severity`` are left to other commands.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ingest.findings import Severity
from ingest.rules.registry import RULES, UnknownRuleError, select_codes

PYPROJECT = "pyproject.toml"


class ConfigError(ValueError):
    """A `[tool.ingest]` table that cannot be used; ``str()`` is one line."""


class CheckConfig(BaseModel):
    """The check settings of `[tool.ingest]` (all optional)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    fail_on: Severity = Field(default="error", alias="fail-on")
    severity: Mapping[str, Severity] = Field(default_factory=dict)


def load_config(directory: str | os.PathLike[str] | None = None) -> CheckConfig:
    """The settings of ``directory``/pyproject.toml (default: the working directory).

    No file, or no `[tool.ingest]` table, gives the defaults.
    """
    path = Path(directory if directory is not None else os.getcwd()) / PYPROJECT
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        return CheckConfig()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = document.get("tool", {}).get("ingest", {})
    return parse_config(table, str(path))


def parse_config(table: Any, source: str = PYPROJECT) -> CheckConfig:
    """Validate a `[tool.ingest]` table (as tomllib returns it)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.ingest] must be a table")
    own = {k: v for k, v in table.items() if k == "severity" or not isinstance(v, dict)}
    try:
        config = CheckConfig.model_validate(own)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{source}: [tool.ingest] {where}: {first['msg']}") from None
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
    return config.model_copy(update={"severity": severity})
