"""The index columns arrow_tables builds with Arrow kernels and buffers, against plain Python."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.dataset.arrow_tables import alternating, interleaved, owners


@pytest.mark.parametrize("count", [0, 1, 2, 7, 10_000])
def test_alternating_is_zero_one_repeated(count: int) -> None:
    values = alternating(count)
    assert values.type == "int64" and values.null_count == 0
    assert values.to_pylist() == [0, 1] * count


@given(st.lists(st.integers(0, 5), max_size=30))
def test_owners_names_the_page_of_every_row(sizes: list[int]) -> None:
    ends = [sum(sizes[: index + 1]) for index in range(len(sizes))]
    expected = [page for page, size in enumerate(sizes) for _ in range(size)]
    assert owners(ends).to_pylist() == expected


def test_interleaved_alternates_two_sequences() -> None:
    assert interleaved(["a", "b"], [1, 2]) == ["a", 1, "b", 2]
