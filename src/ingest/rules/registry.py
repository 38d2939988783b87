"""The registry: look rules up by code or name, resolve `--select/--ignore`, render the table.

`python -m ingest.rules` prints the README's rule table;
`python -m ingest.rules --readme README.md` rewrites it in place (between the
``rules:begin`` / ``rules:end`` markers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from ingest.errors import IngestError
from ingest.rules.catalogue import CATALOGUE
from ingest.rules.rule import Rule

RULES: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in CATALOGUE})
"""Every rule by code, in code order."""

_BY_NAME = {rule.name: rule for rule in CATALOGUE}

README_BEGIN = "<!-- rules:begin (generated: python -m ingest.rules --readme README.md) -->"
README_END = "<!-- rules:end -->"


class UnknownRuleError(IngestError):
    """A rule code, prefix or name that matches no rule."""


def get_rule(key: str) -> Rule:
    """The rule with code (any case) or kebab-case name ``key``."""
    rule = RULES.get(key.strip().upper()) or _BY_NAME.get(key.strip().lower())
    if rule is None:
        raise UnknownRuleError(f"unknown rule '{key}' (run `ingest rules` for the list)")
    return rule


def _selectors(spec: str | Iterable[str] | None) -> list[str]:
    """`"IG1,winner-on-tie"` or `["IG1", "IG202"]` -> `["IG1", "winner-on-tie"]` (no blanks)."""
    if spec is None:
        return []
    items = [spec] if isinstance(spec, str) else list(spec)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _matching(selector: str) -> set[str]:
    """The codes a selector names: a rule name (`winner-on-tie`), a code or prefix, or ALL."""
    named = _BY_NAME.get(selector.lower())
    if named is not None:
        return {named.code}
    upper = selector.upper()
    if upper == "ALL":
        return set(RULES)
    codes = {code for code in RULES if code.startswith(upper)}
    if not codes:
        raise UnknownRuleError(
            f"unknown rule code or prefix '{upper}' "
            f"(expected one of {', '.join(RULES)}, a prefix such as IG2, a rule name such as "
            "winner-on-tie, or ALL)"
        )
    return codes


def select_codes(
    select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> frozenset[str]:
    """The codes enabled by ``select`` (default: all) minus those matched by ``ignore``.

    Both take codes, prefixes (``IG2``) or rule names (``winner-on-tie``), as a list or
    comma-separated; ``ALL``
    matches every rule. Raises :class:`UnknownRuleError` for a selector that
    matches nothing, so that a typo never silently disables a check.
    """
    chosen = _selectors(select)
    enabled: set[str] = set(RULES) if not chosen else set().union(*map(_matching, chosen))
    for selector in _selectors(ignore):
        enabled -= _matching(selector)
    return frozenset(enabled)


def readme_table(rules: Iterable[Rule] = CATALOGUE) -> str:
    """The Markdown rule table of the README, markers included."""
    lines = [
        README_BEGIN,
        "| code | name | default | fix | finding when |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | {rule.name} | {rule.severity} | {rule.fix} | {summary} |")
    lines.append(README_END)
    return "\n".join(lines)


def readme_block(readme: str) -> str:
    """The generated table as it currently stands in ``readme`` (markers included)."""
    start = readme.find(README_BEGIN.split(" (")[0])
    end = readme.find(README_END, start)
    if start == -1 or end == -1:
        raise ValueError("the README has no generated rule table (rules:begin/rules:end markers)")
    return readme[start : end + len(README_END)]


def update_readme(path: str | Path) -> bool:
    """Rewrite the rule table in the README at ``path``; True if it changed."""
    target = Path(path)
    text = target.read_text("utf-8")
    updated = text.replace(readme_block(text), readme_table(), 1)
    if updated == text:
        return False
    target.write_text(updated, "utf-8")
    return True
