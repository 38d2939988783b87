"""Runs `ingest` as a real process, for the hostile path and file tests.

Each test runs the command in a subprocess with a timeout (a hang fails the test
instead of the suite) and looks at the exit code, the one-line messages and, for
`parse`, the rows it wrote. A good page sits next to every hostile one: the batch
must go on past it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.paths import ROOT

GOOD_PAGE = ROOT / "corpus" / "002_9e1b73b20691a311.txt"
TIMEOUT = 60.0
"""Seconds before a run counts as hung: far above the second these runs take."""

UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
"""As root, permissions only bind once these capabilities are dropped."""


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def ingest(*args: str | os.PathLike[str], cwd: Path, timeout: float = TIMEOUT) -> Run:
    """Run the `ingest` command; raises ``subprocess.TimeoutExpired`` if it hangs.

    No traceback may appear on either stream, whatever happens."""
    command: list[str | os.PathLike[str]] = [*program(), *args]
    if os.geteuid() == 0 and shutil.which("setpriv") is not None:
        command = [*UNPRIVILEGED, *command]
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout)
    stdout = done.stdout.decode("utf-8", errors="replace")
    stderr = done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stdout + stderr, stdout + stderr
    return Run(done.returncode, stdout, stderr)


def program() -> list[str | os.PathLike[str]]:
    """The `ingest` script of this interpreter's environment, or an equivalent."""
    script = Path(sys.executable).with_name("ingest")
    if script.exists():
        return [script]
    return [sys.executable, "-c", "import sys; from ingest.cli import main; sys.exit(main())"]


def require_permissions() -> None:
    """Skip (visibly) where file permissions cannot bind: root without setpriv."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a mode-000 file stays readable")


def rows(out: Path, table: str, *columns: str) -> list[tuple[object, ...]]:
    """The rows of OUT/<table> (the given columns), sorted."""
    found = pq.read_table(out / table, columns=list(columns)).to_pylist()
    return sorted(tuple(row[c] for c in columns) for row in found)
