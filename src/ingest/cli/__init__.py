"""The ``ingest`` command: a thin layer over the Python API.

Each command lives in its own module, imported only when it runs.
"""

from __future__ import annotations

import click

from ingest._version import __version__
from ingest.cli._common import OneLineErrorGroup

COMMANDS = {
    "show": "ingest.cli.show:show",
    "check": "ingest.cli.check:check_command",
    "rules": "ingest.cli.rule_docs:rules",
    "rule": "ingest.cli.rule_docs:rule",
    "parse": "ingest.cli.parse:parse",
    "summary": "ingest.cli.summary:summary",
    "diff": "ingest.cli.diff:diff_command",
    "report": "ingest.cli.report:report",
    "synth": "ingest.cli.synth:synth",
}


@click.group(
    cls=OneLineErrorGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="ingest")
def main() -> None:
    """Turn AI-tool comparison pages into typed data, and lint their verdicts."""
