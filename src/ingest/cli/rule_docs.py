"""``ingest rules`` and ``ingest rule CODE``: the rule catalogue, without loading the linter."""

from __future__ import annotations

import json
from typing import Any

import click

from ingest.cli._common import fail
from ingest.rules import UnknownRuleError, get_rule
from ingest.rules.catalogue import CATALOGUE


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def rules(as_json: bool) -> None:
    """List every rule: code, name, default severity, and when it reports a finding."""
    if as_json:
        entries: list[dict[str, Any]] = [
            {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
            for r in CATALOGUE
        ]
        click.echo(json.dumps(entries, indent=2))
        return
    width = max(len(r.name) for r in CATALOGUE)
    for r in CATALOGUE:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")


@click.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation of one rule (by code, IG104, or name, winner-on-tie)."""
    try:
        found = get_rule(code)
    except UnknownRuleError as error:
        fail(str(error))
    click.echo(found.doc(), nl=False)
