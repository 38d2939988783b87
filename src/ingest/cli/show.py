"""``ingest show FILE [--json]``: one page, as a readable view or as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ingest.cli._common import EXIT_FINDINGS, fail_parse
from ingest.errors import ParseError
from ingest.lint.formats import json_safe, one_line
from ingest.page.models import Page
from ingest.parse.api import parse_file

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--json", "as_json", is_flag=True, help="Print the page model as JSON.")
def show(file: str, as_json: bool) -> None:
    """Parse FILE and show the page, with the lines it had to skip.

    Exit 0 for a clean page, 1 when the page was read with errors (listed
    after it), 2 when nothing could be read.
    """
    try:
        page = parse_file(file, recover=True)
    except ParseError as error:
        fail_parse(error)
    if as_json:
        click.echo(json_safe(page.model_dump_json(indent=2)))
    else:
        from rich.console import Console  # here: ``--json`` does not need rich

        render_page_view(page, Console(highlight=False, soft_wrap=True))
    if page.errors:
        raise SystemExit(EXIT_FINDINGS)


def _clip(text: str | None, width: int = 90) -> str:
    """``text`` shortened to ``width``, its control characters escaped (:func:`one_line`)."""
    if text is None:
        return "—"
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _bold(bold: str, rest: str) -> Text:
    from rich.text import Text

    return Text.assemble((bold, "bold"), rest)


def render_page_view(page: Page, console: Console) -> None:
    """A terminal view: header facts, the feature table, sections and claims.

    Page text is untrusted: every string from the page goes through
    :func:`one_line` (no escape sequence reaches the terminal) and is never
    read as rich markup.
    """
    _render_head(page, console)
    _render_table(page, console)
    _render_sections(page, console)
    _render_verdict(page, console)
    if page.errors:
        console.print(_bold("errors", f" ({len(page.errors)}, the page is partial)"))
        for error in page.errors:
            console.print(
                f"  {error.line}:{error.column}: {error.code} {_clip(error.message, 200)}",
                markup=False,
            )


def _render_head(page: Page, console: Console) -> None:
    s = one_line
    status = "complete" if page.complete else "INCOMPLETE (no verdict)"
    console.print(_bold(s(page.title), f"  ({status})"))
    console.print(f"source  {s(page.source or '')}\npage id {page.page_id}", markup=False)
    if page.summary is None:
        return
    claim = page.summary.claim
    if claim is not None:
        console.print(
            f"summary (line {page.summary.line}): winner {s(claim.winner)} "
            f"{claim.winner_score}/100 vs {s(claim.loser)} {claim.loser_score}/100",
            markup=False,
        )
    else:
        console.print(f"summary (line {page.summary.line}): {s(page.summary.text)}", markup=False)


def _render_table(page: Page, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    s = one_line
    table = Table(title=f"feature table (line {page.table.line})", title_justify="left")
    table.add_column("line", justify="right")
    table.add_column("feature")
    table.add_column(Text(s(page.subject_a)))
    table.add_column(Text(s(page.subject_b)))
    for row in page.table.rows:
        flag = " (re-joined)" if row.rejoined else ""
        table.add_row(
            str(row.line),
            Text(s(row.name) + flag),
            Text(s(row.raw_a or "—")),
            Text(s(row.raw_b or "—")),
        )
    console.print(table)


def _render_sections(page: Page, console: Console) -> None:
    for section in page.sections:
        name = one_line(section.heading) if section.heading is not None else "(no heading)"
        more = f", +{section.more} more" if section.more is not None else ""
        console.print(
            _bold(name, f" capabilities (line {section.line}): {section.listed} listed{more}")
        )
        for index, capability in enumerate(section.capabilities, start=1):
            console.print(
                f"  {index:>2}. [{capability.line}] {_clip(capability.description)}", markup=False
            )
            if capability.unique is not None:
                console.print(f"      unique: {_clip(capability.unique, 84)}", markup=False)
            if capability.vs_alternatives is not None:
                console.print(
                    f"      vs alt: {_clip(capability.vs_alternatives, 84)}", markup=False
                )


def _render_verdict(page: Page, console: Console) -> None:
    s = one_line
    verdict = page.verdict
    if verdict is None:
        console.print("verdict: none (the page stops early)", markup=False)
        return
    console.print(_bold("verdict", f" (line {verdict.line})"))
    if verdict.claim is not None:
        c = verdict.claim
        console.print(
            f"  winner {s(c.winner)} {c.winner_score}/100 vs {s(c.loser)} {c.loser_score}/100",
            markup=False,
        )
    for lead in verdict.leads:
        console.print(
            f"  {s(lead.subject)} {lead.phrase} {s(lead.feature)} (col {lead.column})",
            markup=False,
        )
    if verdict.free_tier is not None:
        console.print(f"  free tier: {s(verdict.free_tier.subject)}", markup=False)
    for sentence in verdict.unparsed:
        console.print(f"  unrecognised: {_clip(sentence)}", markup=False)
