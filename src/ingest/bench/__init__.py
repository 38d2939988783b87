"""``python -m ingest.bench`` (``make bench``): throughput, memory, scale, hostile lines, drift."""
