"""``docs-url`` / ``--docs-url``: where docs/rules.md is published, which SARIF links to."""

from __future__ import annotations

from urllib.parse import urlsplit


def docs_url_problem(value: str | None) -> str | None:
    """Why ``value`` cannot be a docs URL (SARIF needs an absolute http(s) URI), or None."""
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        return f"{value!r} is not an absolute http(s) URL"
    return None
