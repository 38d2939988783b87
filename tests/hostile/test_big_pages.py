"""Bounded memory for big pages: ten ~5 MB pages (under the default --max-bytes) with --jobs 1.

The pages are the good page with its first capability section blown up to 4.9 MB of
one-line capabilities, the costliest shape per byte found (about 445,000 capabilities
a page). Before, the rows of all ten were buffered until the 500-page flush (2.0 GB
peak RSS); now a row group is flushed by input bytes too and Arrow's allocator hands
back what a flush freed, so the process's peak RSS stays under 400 MB (about 340).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests.hostile.process import GOOD_PAGE, TIMEOUT, program

PAGES = 10
PAGE_BYTES = 4_900_000
LIMIT_MB = 400
CAPABILITY = "Short cap.\n"

MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps({"code": done.returncode, "peak_mb": peak, "stdout": done.stdout.decode()}))
"""
"""Runs a command and prints its exit code and peak RSS (ru_maxrss of the children, MB)."""


def big_page(index: int) -> str:
    lines = GOOD_PAGE.read_text(encoding="utf-8").splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.endswith(" Capabilities\n"))
    filler = CAPABILITY * (PAGE_BYTES // len(CAPABILITY))
    page = "".join([*lines[: heading + 1], filler, *lines[heading + 1 :]])
    return page.replace("Stable Diffusion", f"Stable Diffusion {index}")


def test_ten_big_pages_stay_under_400_mb(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(PAGES):
        (folder / f"big{index}.txt").write_text(big_page(index), encoding="utf-8")
    assert max(p.stat().st_size for p in folder.iterdir()) < 5_000_000  # under --max-bytes
    command = [*map(str, program()), "parse", str(folder), "-o", str(tmp_path / "out"), "-j", "1"]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
        text=True,
    )
    result = json.loads(done.stdout)
    assert (result["code"], result["stdout"].split(" in ")[0]) == (
        0,
        "10 files: 10 ok, 0 partial, 0 failed",
    )
    assert result["peak_mb"] < LIMIT_MB, f"peak RSS {result['peak_mb']} MB"
    capabilities = pq.read_metadata(next((tmp_path / "out" / "capabilities").iterdir()))
    own = 6 + 4  # the good page's own capabilities
    assert capabilities.num_rows == PAGES * (PAGE_BYTES // len(CAPABILITY) + own)
    assert capabilities.num_row_groups == PAGES  # one row group per big page
