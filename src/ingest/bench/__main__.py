"""``python -m ingest.bench`` (what ``make bench`` runs): see :mod:`ingest.bench.run`."""

from __future__ import annotations

from ingest.bench.run import main

raise SystemExit(main())
