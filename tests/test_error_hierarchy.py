"""`except ingest.IngestError` catches every error a user can cause, each raised for real."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import ingest
from ingest.dataset.manifest import NotAnOutputError
from ingest.dataset.outdir_errors import OutputError, RunFailedError
from ingest.dataset.read import MissingExtraError
from ingest.errors import EngineError, ParseError
from ingest.htmlreport.tables import ReportInputError, read_run
from ingest.jobs.discover import InputError
from ingest.lint import Baseline, BaselineError, ConfigError
from ingest.lint.config import load_config_file
from ingest.lint.repair.files import FixFileError
from ingest.rules import UnknownRuleError, get_rule

USER_ERRORS = {
    BaselineError,
    ConfigError,
    EngineError,
    InputError,
    MissingExtraError,
    NotAnOutputError,
    OutputError,
    ParseError,
    ReportInputError,
    UnknownRuleError,
}


def _subclasses(base: type) -> set[type]:
    found: set[type] = set()
    for sub in base.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_every_ingest_error_class_is_listed_here() -> None:
    """A new user error joins this test (the ones below) or fails it."""
    for module in pkgutil.walk_packages(ingest.__path__, "ingest."):
        if module.name != "ingest.bench.__main__":
            importlib.import_module(module.name)
    assert _subclasses(ingest.IngestError) == USER_ERRORS


def test_the_base_is_a_value_error_exported_from_the_root() -> None:
    assert ingest.IngestError.__mro__[1:] == (ValueError, Exception, BaseException, object)
    assert "IngestError" in ingest.__all__


def test_errors_of_the_run_and_of_our_own_are_not_user_errors() -> None:
    assert not issubclass(RunFailedError, ingest.IngestError)
    assert not issubclass(FixFileError, ingest.IngestError)


def _bad_pyproject(tmp: Path, _: pytest.MonkeyPatch) -> None:
    (tmp / "pyproject.toml").write_text("[tool.ingest]\nselect = 3\n", encoding="utf-8")
    load_config_file(tmp / "pyproject.toml")


def _bad_baseline(tmp: Path, _: pytest.MonkeyPatch) -> None:
    (tmp / "baseline.json").write_text("[]", encoding="utf-8")
    Baseline.load(tmp / "baseline.json")


def _missing_duckdb(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # `import duckdb` now fails
    ingest.connect(tmp)


CASES: list[tuple[type, Callable[[Path, pytest.MonkeyPatch], object], str]] = [
    (
        ParseError,
        lambda tmp, _: ingest.parse_text("not a page\n", source="x.txt"),
        "x.txt:1:1: unexpected line 'not a page' (expected a title line '<A> vs <B>')",
    ),
    (
        InputError,
        lambda tmp, _: ingest.check([tmp / "missing"]),
        "{tmp}/missing: no such file or directory",
    ),
    (
        OutputError,
        lambda tmp, _: ingest.ingest([tmp / "in"], "", jobs=1),
        "-o/--out is empty: expected the path of the output folder",
    ),
    (
        EngineError,
        lambda tmp, _: ingest.ingest([tmp / "in"], tmp / "out", jobs=1, engine="nope"),
        "unknown engine 'nope' (expected one of: local, dask)",
    ),
    (
        ConfigError,
        _bad_pyproject,
        "{tmp}/pyproject.toml: [tool.ingest] select: Input should be a valid list",
    ),
    (BaselineError, _bad_baseline, "{tmp}/baseline.json: not an ingest baseline"),
    (UnknownRuleError, lambda tmp, _: get_rule("IG999"), "unknown rule 'IG999'"),
    (NotAnOutputError, lambda tmp, _: ingest.load(tmp), "{tmp}: not an ingest output"),
    (ReportInputError, lambda tmp, _: read_run(tmp), "{tmp}: not an ingest output"),
    (
        MissingExtraError,
        _missing_duckdb,
        "ingest.connect needs duckdb, which is not installed: pip install 'ingest[query]'",
    ),
]


@pytest.mark.parametrize(("kind", "cause", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_except_ingest_error_catches_it(
    kind: type,
    cause: Callable[[Path, pytest.MonkeyPatch], object],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text("not a page\n", encoding="utf-8")
    try:
        cause(tmp_path, monkeypatch)
    except ingest.IngestError as error:
        caught: ingest.IngestError = error
    else:
        pytest.fail(f"{kind.__name__} was not raised")
    assert type(caught) is kind
    assert str(caught).startswith(message.format(tmp=tmp_path))
    assert "\n" not in str(caught)
