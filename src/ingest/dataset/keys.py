"""``file_id``: one key per input file, since ``page_id`` (a content hash) repeats for copies.

It is the first 16 hex digits of the sha256 of the file's ``source_path``, so
it is the same in every run over the same inputs, and a join on it never
multiplies rows the way a join on ``page_id`` does when two files are copies.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pyarrow.compute as pc


def file_id(source_path: str) -> str:
    """The ``file_id`` of the input file shown as ``source_path``."""
    data = source_path.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def file_ids(source_paths: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The ``file_id`` of each path (each distinct path hashed once)."""
    encoded = pc.dictionary_encode(pa.chunked_array([source_paths]).combine_chunks())
    ids = pa.array([file_id(path) for path in encoded.dictionary.to_pylist()], pa.string())
    return ids.take(encoded.indices)
