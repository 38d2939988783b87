"""The rule catalogue: the rule families, and every rule `ingest check` knows, in code order.

A rule lives in its family module, beside the check that reports it; this module
only lists the families. The README's rule table, docs/rules.md, `ingest rules`,
`ingest rule CODE`, the SARIF `tool.driver.rules` and the synthetic injector's
rule list are all derived from :data:`CATALOGUE`; :func:`ingest.rules.check_page`
runs :data:`PAGE_CHECKS`. Adding a rule: docs/adding-a-rule.md.
"""

from __future__ import annotations

from ingest.rules.capabilities import FAMILY as CAPABILITIES
from ingest.rules.drift import FAMILY as DRIFT
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.free_tier import FAMILY as FREE_TIER
from ingest.rules.leads import FAMILY as LEADS
from ingest.rules.rule import Rule
from ingest.rules.scores import FAMILY as SCORES
from ingest.rules.structure import FAMILY as STRUCTURE
from ingest.rules.subjects import FAMILY as SUBJECTS

FAMILIES: tuple[RuleFamily, ...] = (
    STRUCTURE,
    SUBJECTS,
    SCORES,
    LEADS,
    FREE_TIER,
    CAPABILITIES,
    DRIFT,
)
"""Every rule family; their page checks run in this order."""

CATALOGUE: tuple[Rule, ...] = tuple(
    sorted((rule for family in FAMILIES for rule in family.rules), key=lambda rule: rule.code)
)
"""Every rule, in code order."""

PAGE_CHECKS: tuple[PageCheck, ...] = tuple(check for family in FAMILIES for check in family.checks)
"""Every page check, in run order."""


def _unique(keys: list[str], what: str) -> None:
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"two rules share the {what} {', '.join(repeated)}")


_unique([rule.code for rule in CATALOGUE], "code")
_unique([rule.name for rule in CATALOGUE], "name")
