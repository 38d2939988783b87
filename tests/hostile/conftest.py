"""The folder every hostile test starts from: one good page, next to which the test puts
its hostile entry (the batch must go on past it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.process import GOOD_PAGE


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``tmp_path/in`` holding one good page; tests add the hostile entry."""
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(GOOD_PAGE, root / "good.txt")
    return root
