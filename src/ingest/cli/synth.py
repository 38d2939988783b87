"""``ingest synth N -o DIR``: a seeded synthetic corpus, with the truth about each page."""

from __future__ import annotations

import math
import time
from typing import Any

import click

from ingest.cli._common import fail
from ingest.synth import TRUTH_FILE, write_corpus

MAX_PAGES = 10_000_000
"""The most pages one ``ingest synth`` writes (about 40 GB)."""


class _Share(click.FloatRange):
    """A float in [0, 1]; unlike ``click.FloatRange``, NaN is refused too."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{number} is not in the range 0.0<=x<=1.0.", param, ctx)
        return number


@click.command()
@click.argument("n", type=click.IntRange(min=0, max=MAX_PAGES))
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, writable=True),
    help="Folder to write the pages into (created; must be empty if it exists).",
)
@click.option(
    "--seed", default=0, show_default=True, help="Seed: the same seed writes the same pages."
)
@click.option(
    "--inconsistent-rate",
    default=0.0,
    show_default=True,
    type=_Share(0.0, 1.0),
    help="Share of pages given exactly one broken promise (named in truth.jsonl).",
)
def synth(n: int, out: str, seed: int, inconsistent_rate: float) -> None:
    """Write N synthetic pages under DIR (1000 per sub-folder) and DIR/truth.jsonl."""
    started = time.perf_counter()
    try:
        write_corpus(n, out, seed=seed, inconsistent_rate=inconsistent_rate)
    except FileExistsError as error:
        fail(f"{error} (synth writes into a new or empty folder)")
    except OSError as error:
        fail(f"{out}: cannot write: {error.strerror or error}")
    seconds = time.perf_counter() - started
    click.echo(f"wrote {n} pages and {TRUTH_FILE} to {out} in {seconds:.1f} s (seed {seed})")
