"""``ingest parse --incremental``: parse only what changed, carry the rest over."""
