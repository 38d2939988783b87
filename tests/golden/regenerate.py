"""Rewrite the golden Page JSON of every corpus page: `python -m tests.golden.regenerate`.

Run from the repository root (as `python -m tests.rules.regenerate_golden`, the
golden findings), then review the diff by hand against the pages before
committing: the golden files are the reviewed truth, not a snapshot.
"""

from __future__ import annotations

import json
import os

import ingest
from tests.paths import CORPUS_PAGES, GOLDEN, ROOT


def golden_json(page: ingest.Page) -> str:
    return json.dumps(page.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    os.chdir(ROOT)
    for path in CORPUS_PAGES:
        page = ingest.parse_file(path.relative_to(ROOT).as_posix())
        target = GOLDEN / f"{path.stem}.json"
        target.write_text(golden_json(page), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
