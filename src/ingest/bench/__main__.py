"""``python -m ingest.bench`` (what ``make bench`` runs): see :mod:`ingest.bench.run`.

``--peer`` runs the hand-written peer instead (:mod:`ingest.bench.peer`),
without importing the benchmark's own modules.
"""

from __future__ import annotations

import sys

if "--peer" in sys.argv[1:]:
    from ingest.bench.peer import main
else:
    from ingest.bench.run import main

raise SystemExit(main())
