"""What a rule family is: a few rules, and the page checks that report them.

Each family module (:mod:`ingest.rules.structure`, :mod:`ingest.rules.scores`, ...)
holds its rules' facts right beside the checks that report them, and ends with
its :class:`RuleFamily`; :mod:`ingest.rules.catalogue` lists the families, and
everything else (the registry, the docs, the README table, SARIF, the synthetic
injector's list) is derived from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.rules.context import PageContext
from ingest.rules.rule import Rule


@dataclass(frozen=True)
class PageCheck:
    """A check of one page, and the rules it reports (it runs when one of them is enabled)."""

    rules: tuple[Rule, ...]
    run: Callable[[PageContext], None]

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the rules it reports."""
        return frozenset(rule.code for rule in self.rules)


@dataclass(frozen=True)
class RuleFamily:
    """The rules of one family module, in code order, and its page checks, in run order.

    A batch rule (IG501) has no page check: the batch calls its function
    (:func:`ingest.rules.drift_findings`) once over every page's facts.
    """

    rules: tuple[Rule, ...]
    checks: tuple[PageCheck, ...] = ()

    def __post_init__(self) -> None:
        own = {rule.code for rule in self.rules}
        strays = [code for check in self.checks for code in sorted(check.codes - own)]
        if strays:
            raise ValueError(f"page checks report rules of another family: {', '.join(strays)}")
