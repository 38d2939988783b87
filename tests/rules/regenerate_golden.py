"""Rewrite tests/golden/findings.json: `python -m tests.rules.regenerate_golden` from the root.

Review the diff against the corpus pages by hand before committing: the
golden file is the reviewed truth (each finding was checked against its page),
not a snapshot to refresh blindly.
"""

from __future__ import annotations

import json
import os

import ingest
from tests.paths import GOLDEN_FINDINGS, ROOT


def main() -> None:
    os.chdir(ROOT)
    report = ingest.check(["corpus"], jobs=1)
    findings = [finding.model_dump(mode="json") for finding in report.findings]
    GOLDEN_FINDINGS.write_text(json.dumps(findings, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(findings)} findings to {GOLDEN_FINDINGS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
