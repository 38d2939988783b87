"""The report's HTML: one jinja2 template, autoescaped, with its CSS and script inlined.

Every value that comes from a page goes through the template as text, so a
subject named ``<script>alert(1)</script>`` shows as those characters. The
page's Content-Security-Policy allows no request at all and only the one
inline script whose hash it carries.
"""

from __future__ import annotations

import base64
import hashlib
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

_TEMPLATES = files("ingest.htmlreport").joinpath("templates")
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("ingest.htmlreport", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _asset(name: str) -> str:
    return _TEMPLATES.joinpath(name).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(context: dict[str, Any]) -> str:
    """The report page for ``context`` (the sections' facts; charts as SVG strings)."""
    script = _asset("report.js")
    charts = {name: Markup(svg) for name, svg in context.items() if name.endswith("_chart") and svg}
    return _ENV.get_template("report.html.j2").render(
        {**context, **charts},
        css=Markup(_asset("report.css")),
        script=Markup(script),
        script_hash=script_hash(script),
    )
