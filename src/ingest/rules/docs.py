"""`docs/rules.md`, the rule reference, generated from the catalogue like the README's table.

``python -m ingest.rules.docs docs/rules.md`` rewrites it; a test fails when it is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ingest.rules.catalogue import CATALOGUE
from ingest.rules.rule import Rule

HEADER = """# Rule reference

<!-- generated from src/ingest/rules/catalogue.py: python -m ingest.rules.docs docs/rules.md -->

Every rule `ingest check` knows, as `ingest rule CODE` prints it. *Fix* is what
`ingest check --fix` may do about a finding: *safe* fixes are applied by `--fix`,
*unsafe* ones only with `--unsafe-fixes`, *none* are left to the author.

| code | name | default | fix | finding when |
|---|---|---|---|---|
"""


def _block(text: str) -> str:
    return "```text\n" + text.strip("\n") + "\n```\n"


def _paragraph(text: str) -> str:
    return " ".join(text.split()) + "\n"


def rule_section(rule: Rule) -> str:
    """One rule's part of the reference."""
    messages = "\n".join([rule.template, *rule.alternates.values()])
    return "\n".join(
        [
            f"## {rule.code} {rule.name}",
            "",
            f"Default severity: **{rule.severity}**. Fix: **{rule.fix}**.",
            "",
            "**What it does.** " + _paragraph(rule.what),
            "**Why is this bad.** " + _paragraph(rule.why),
            "**Example**",
            "",
            _block(rule.example),
            "**Use instead**",
            "",
            _block(rule.instead),
            "**Message**",
            "",
            _block(messages),
            f"**Fix ({rule.fix}).** " + _paragraph(rule.fix_why),
        ]
    )


def rules_markdown(rules: Iterable[Rule] = CATALOGUE) -> str:
    """The whole of ``docs/rules.md``."""
    listed = list(rules)
    table = "".join(
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity} | {r.fix} | "
        f"{r.summary.replace('|', chr(92) + '|')} |\n"
        for r in listed
    )
    return HEADER + table + "\n" + "\n".join(rule_section(r) for r in listed)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the reference to the path given (default: print it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(rules_markdown(), end="")
        return 0
    Path(args[0]).write_text(rules_markdown(), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
