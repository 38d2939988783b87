"""The big-pages part of ``make bench``: the memory of pages just under ``--max-bytes``.

A corpus page whose first capability section is repeated until the page is
just under the default ``--max-bytes`` (a scraper that glued a site's whole
catalogue into one page), ten times over, parsed by ``ingest parse --jobs 1``
in a fresh process: the peak RSS of its largest process must stay bounded
(the target is :data:`TARGET_RSS_MB`), however large the pages under the limit.
"""

from __future__ import annotations

from pathlib import Path

from ingest.bench.common import TABLE_HEAD, Run, run_parse
from ingest.parse.reader import DEFAULT_MAX_BYTES

TARGET_RSS_MB = 400
"""Peak RSS per process the batch must stay under for any input under ``--max-bytes``."""
MARGIN = 10_000
"""Bytes below ``--max-bytes`` each big page stops at."""

_CAPABILITY = """\
Classifies images using a Vision Transformer with 86M parameters, fine-tuned from a \
pretrained model on fourteen million images, number {index}.
Unique: Fine-tuned from a larger pretraining set than its peers, for better transfer \
to out-of-distribution images.
vs alternatives: Outperforms ResNet-50 and EfficientNet-B4 on transfer benchmarks with \
fewer parameters.
"""

_TAIL = """\
Beta Capabilities
Generates images from text.
Unique: Works in a latent space.
vs alternatives: Uses less memory.
Verdict
Alpha scores higher at 60/100 vs Beta at 40/100. Alpha leads on adoption and quality. \
Alpha also has a free tier, making it more accessible.
"""


def big_page(size: int) -> bytes:
    """A valid page of just under ``size`` bytes: Alpha's capabilities fill it."""
    capability = _CAPABILITY
    fixed = len(TABLE_HEAD.format(listed=10**6)) + len(_TAIL) + len("Alpha Capabilities\n")
    count = (size - fixed) // (len(capability.format(index=10**6)))
    body = "".join(capability.format(index=index) for index in range(count))
    text = TABLE_HEAD.format(listed=count) + "Alpha Capabilities\n" + body + _TAIL
    return text.encode("utf-8")


def big_corpus(root: Path, pages: int, size: int = DEFAULT_MAX_BYTES - MARGIN) -> Path:
    """``pages`` big pages of ``size`` bytes at most under ``root/big-pages-<n>``, written once."""
    folder = root / f"big-pages-{pages}"
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == pages:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    data = big_page(size)
    for index in range(pages):
        (folder / f"big_{index:02d}.txt").write_bytes(data)
    return folder


def big_pages_case(root: Path, pages: int) -> Run:
    """``ingest parse --jobs 1`` over ``pages`` big pages; the run, printed."""
    folder = big_corpus(root, pages)
    size = max(path.stat().st_size for path in folder.glob("*.txt"))
    run = run_parse(folder, root / "out-big", 1, pages)
    verdict = "within" if run.peak_rss_mb <= TARGET_RSS_MB else "OVER"
    print(
        f"\nbig pages: {pages} pages of {size / 1e6:.2f} MB (under --max-bytes "
        f"{DEFAULT_MAX_BYTES:,}), --jobs 1: {run.seconds:.1f} s, peak RSS per process "
        f"{run.peak_rss_mb:,.0f} MB ({verdict} the {TARGET_RSS_MB} MB target), "
        f"exit {run.exit_code}",
        flush=True,
    )
    return run
