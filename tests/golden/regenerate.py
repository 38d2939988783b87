"""Rewrite the golden Page JSON of every corpus page: `python tests/golden/regenerate.py`.

Run from the repository root, then review the diff by hand against the pages
before committing: the golden files are the reviewed truth, not a snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path

import ingest

ROOT = Path(__file__).resolve().parents[2]


def golden_json(page: ingest.Page) -> str:
    return json.dumps(page.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        page = ingest.parse_file(path.relative_to(ROOT).as_posix())
        target = ROOT / "tests" / "golden" / f"{path.stem}.json"
        target.write_text(golden_json(page), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
