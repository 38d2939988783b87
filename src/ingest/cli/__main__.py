"""``python -m ingest.cli``: the ``ingest`` command."""

from __future__ import annotations

from ingest.cli import main

if __name__ == "__main__":
    main()
