"""A part file that is not one of ours (garbage, another schema) is one line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import ingest
from ingest.dataset.manifest import NotAnOutputError
from tests.hostile.process import ingest as run_ingest


@pytest.fixture
def out(tree: Path) -> Path:
    target = tree.parent / "out"
    ingest.ingest([tree], target, jobs=1)
    return target


def _first_part(out: Path, table: str) -> Path:
    return sorted((out / table).glob("part-*.parquet"))[0]


def test_a_part_with_other_columns_is_one_line_in_load_and_summary(out: Path) -> None:
    part = _first_part(out, "pages")
    pq.write_table(pa.table({"page_id": ["x"], "other": [1]}), part)
    with pytest.raises(NotAnOutputError) as caught:
        ingest.load(out)
    assert str(caught.value).startswith(
        f"{out}/pages/{part.name}: not a part file of this ingest version ("
    )
    run = run_ingest("summary", "out", cwd=out.parent)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(
        f"ingest: error: out/pages/{part.name}: not a part file of this ingest version ("
    )
    assert len(run.stderr.splitlines()) == 1


def test_a_part_that_is_not_parquet_is_one_line(out: Path) -> None:
    part = _first_part(out, "features")
    part.write_bytes(b"PAR1 this is not a parquet file PAR1")
    with pytest.raises(NotAnOutputError, match=r"features/part-\d+\.parquet: not a part file"):
        ingest.load(out)
