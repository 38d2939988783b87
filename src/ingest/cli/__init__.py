"""The ``ingest`` command: a thin layer over the Python API.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

import click

from ingest import __version__
from ingest.cli._common import OneLineErrorGroup
from ingest.cli.check import check_command, rule, rules
from ingest.cli.parse import parse
from ingest.cli.show import show
from ingest.cli.summary import summary
from ingest.cli.synth import synth


@click.group(cls=OneLineErrorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
def main() -> None:
    """Turn AI-tool comparison pages into typed data, and lint their verdicts."""


main.add_command(show)
main.add_command(check_command)
main.add_command(rules)
main.add_command(rule)
main.add_command(parse)
main.add_command(summary)
main.add_command(synth)
