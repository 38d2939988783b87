"""`[tool.ingest]`: defaults, the keys it takes, and what it leaves to other commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lint import CheckConfig, ConfigError, load_config
from ingest.lint.config import parse_config


def test_no_pyproject_or_no_table_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == CheckConfig()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    config = load_config(tmp_path)
    assert (config.select, config.ignore, config.fail_on, config.severity) == (
        None,
        [],
        "error",
        {},
    )


def test_all_keys_are_read_and_codes_normalised(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ingest]\nselect = ["IG1"]\nignore = ["IG104"]\nfail-on = "warning"\n'
        '[tool.ingest.severity]\nig202 = "error"\n'
    )
    config = load_config(tmp_path)
    assert config.select == ["IG1"]
    assert config.ignore == ["IG104"]
    assert config.fail_on == "warning"
    assert config.severity == {"IG202": "error"}


def test_sub_tables_of_other_commands_are_left_alone() -> None:
    assert parse_config({"parse": {"out": "x"}, "fail-on": "warning"}).fail_on == "warning"


def test_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ingest]\nselect = "IG1"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'pyproject.toml'}: [tool.ingest] select: Input should be a valid list"
    )


def test_tool_ingest_must_be_a_table() -> None:
    with pytest.raises(ConfigError, match=r"\[tool.ingest\] must be a table"):
        parse_config("IG1")
