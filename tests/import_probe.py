"""Which of some modules a piece of code imports, run in a fresh interpreter.

The import-cost tests (``tests/lint``, ``tests/batch``) each name the modules
they watch; a probe is Python code run with ``-c`` and its arguments, after
which the watched modules found in ``sys.modules`` are printed as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT


def report(watched: tuple[str, ...]) -> str:
    """The probe's last lines: print which of ``watched`` are imported."""
    return f"""
import json, sys
print(json.dumps([name for name in {watched!r} if name in sys.modules]))
"""


def cli_probe(watched: tuple[str, ...], *, clean_exit: bool = False) -> str:
    """A probe running ``ingest`` with its arguments (``clean_exit``: it must exit 0)."""
    handled = "assert done.code in (0, None), done.code" if clean_exit else "pass"
    return f"""
import sys
from ingest.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit as done:
    {handled}
""" + report(watched)


def loaded(probe: str, *args: str, cwd: Path = ROOT) -> list[str]:
    """The watched modules ``probe`` imported, run with ``args`` in ``cwd``."""
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True, cwd=cwd
    )
    found: list[str] = json.loads(done.stdout.splitlines()[-1])
    return found
