"""`ingest parse` does not import pandas (0.3-0.5 s of every run) unless it is asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.batch.conftest import CORPUS

_RUN_PARSE = """
import sys
from ingest.cli import main
try:
    main(["parse", sys.argv[1], "-o", sys.argv[2], "--jobs", "1", "--quiet"])
except SystemExit as done:
    print(done.code, "pandas" in sys.modules)
"""

_PROBE_THEN_PANDAS = """
import sys
import pyarrow as pa
from ingest.batch.worker import skip_pandas_probe
skip_pandas_probe()
converted = pa.array(["x", None])
print("pandas" in sys.modules)
frame = pa.table({"n": [1, None]}).to_pandas()  # pyarrow imports pandas now
print("pandas" in sys.modules, type(frame).__name__, frame["n"].isna().tolist())
print(pa.array(frame["n"], from_pandas=True).null_count)
"""


def _python(code: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\n")


def test_a_parse_run_never_imports_pandas(tmp_path: Path) -> None:
    assert _python(_RUN_PARSE, str(CORPUS), str(tmp_path / "out"))[1] == "0 False"
    assert (tmp_path / "out" / "pages").is_dir()


def test_pandas_still_works_after_the_probe() -> None:
    lines = _python(_PROBE_THEN_PANDAS)
    assert lines[:3] == ["False", "True DataFrame [False, True]", "1"]
