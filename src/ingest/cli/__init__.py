"""The ``ingest`` command: a thin layer over the Python API.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

import click

from ingest import __version__
from ingest.cli.show import show


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
def main() -> None:
    """Turn AI-tool comparison pages into typed data, and lint their verdicts."""


main.add_command(show)
