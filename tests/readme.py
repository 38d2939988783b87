"""Reading the README the way its tests do: one marked section, and its code blocks."""

from __future__ import annotations

import re

from tests.paths import README

_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def section(name: str) -> str:
    """The README between ``<!-- section:NAME -->`` and ``<!-- /section:NAME -->``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"<!-- section:{name} -->")
    return text[start : text.index(f"<!-- /section:{name} -->", start)]


def code_blocks(name: str, language: str) -> list[str]:
    """The fenced ``language`` blocks of section ``name``, in order."""
    return [body for lang, body in _BLOCK.findall(section(name)) if lang == language]
