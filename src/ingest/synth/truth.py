"""Score a check of a synthetic corpus against its ``truth.jsonl``: the confusion counts.

``python -m ingest.synth.truth DIR FINDINGS.json`` reads the findings ``ingest check
DIR --format json`` wrote (``-`` for stdin) and prints, per rule, how many injected
inconsistencies were found or missed and how many findings came where nothing was
injected. Exit 0 when every injected rule was found and nothing else, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest.synth.corpus import TRUTH_FILE
from ingest.synth.inject import PAGE_RULES


@dataclass(frozen=True)
class TruthRecord:
    path: str
    page_id: str
    rule: str | None


@dataclass
class Confusion:
    """Per page: the injected rule (or none) against the codes the check reported."""

    pages: int = 0
    clean: int = 0
    """Consistent pages with no finding."""
    flagged: int = 0
    """Consistent pages with a finding (false positives)."""
    exact: int = 0
    """Injected pages whose findings are exactly the injected rule."""
    with_extras: int = 0
    """Injected pages where the rule was found, with other findings besides."""
    missed: int = 0
    """Injected pages where the rule was not found."""
    injected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    """Findings by code on pages where that code was not injected."""
    unmatched: int = 0
    """Findings about no page of the corpus."""

    @property
    def perfect(self) -> bool:
        return not (self.flagged or self.with_extras or self.missed or self.unmatched)

    def table(self) -> str:
        """The counts as text: a summary line and one line per rule."""
        consistent = self.clean + self.flagged
        broken = self.exact + self.with_extras + self.missed
        lines = [
            f"pages {self.pages}: {consistent} consistent ({self.clean} clean, {self.flagged} "
            f"with findings); {broken} with one injected rule ({self.exact} found exactly, "
            f"{self.with_extras} found with other findings, {self.missed} missed)",
            f"{'rule':<6} {'injected':>8} {'found':>6} {'missed':>6} {'unexpected':>10}",
        ]
        codes = sorted(set(PAGE_RULES) | set(self.injected) | set(self.unexpected))
        for code in codes:
            injected, found = self.injected[code], self.found[code]
            lines.append(
                f"{code:<6} {injected:>8} {found:>6} {injected - found:>6} "
                f"{self.unexpected[code]:>10}"
            )
        if self.unmatched:
            lines.append(f"findings about no page of the corpus: {self.unmatched}")
        return "\n".join(lines)


def load_truth(root: str | os.PathLike[str]) -> list[TruthRecord]:
    """The records of ``root/truth.jsonl``, in page order."""
    with open(Path(root) / TRUTH_FILE, encoding="utf-8") as handle:
        return [
            TruthRecord(record["path"], record["page_id"], record["rule"])
            for record in map(json.loads, handle)
        ]


def confusion(root: str | os.PathLike[str], findings: Iterable[Mapping[str, object]]) -> Confusion:
    """Compare findings (dicts or the ``model_dump()`` of Findings) with the truth of
    the corpus in ``root``; a finding belongs to a page by page id, or by path."""
    truth = load_truth(root)
    by_id = {record.page_id: record for record in truth}
    by_path = {os.path.normpath(Path(root, record.path)): record for record in truth}
    codes: dict[str, set[str]] = {record.path: set() for record in truth}
    result = Confusion(pages=len(truth))
    for finding in findings:
        page_id, path = finding.get("page_id"), str(finding.get("path", ""))
        record = by_id.get(page_id) if isinstance(page_id, str) else None
        record = record or by_path.get(os.path.normpath(path))
        if record is None:
            result.unmatched += 1
        else:
            codes[record.path].add(str(finding["code"]))
    for record in truth:
        found = codes[record.path]
        for code in found - {record.rule}:
            result.unexpected[code] += 1
        if record.rule is None:
            result.clean += not found
            result.flagged += bool(found)
            continue
        result.injected[record.rule] += 1
        if record.rule not in found:
            result.missed += 1
            continue
        result.found[record.rule] += 1
        if found == {record.rule}:
            result.exact += 1
        else:
            result.with_extras += 1
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m ingest.synth.truth DIR FINDINGS.json|-", file=sys.stderr)
        return 2
    root, source = args
    try:
        if source == "-":
            findings = json.load(sys.stdin)
        else:
            with open(source, encoding="utf-8") as handle:
                findings = json.load(handle)
        result = confusion(root, findings)
    except (OSError, ValueError, KeyError) as error:
        print(f"ingest.synth.truth: error: {error}", file=sys.stderr)
        return 2
    print(result.table())
    return 0 if result.perfect else 1


if __name__ == "__main__":
    raise SystemExit(main())
