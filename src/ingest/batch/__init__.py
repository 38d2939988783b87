"""``ingest parse``: a folder of pages in, a Parquet dataset out (run, workers, engines)."""
