"""Read a report's HTML back with the standard library's parser: table rows and counts by id."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset({"meta", "input", "br", "img", "link", "hr"})


class _Rows(HTMLParser):
    """The ``<tbody>`` rows (cell texts, unescaped) inside the element with id ``target``."""

    def __init__(self, target: str) -> None:
        super().__init__(convert_charrefs=True)
        self.target = target
        self.depth = 0  # open elements inside the target; 0 when outside it
        self.in_body = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth == 0:
            if dict(attrs).get("id") == self.target:
                self.depth = 1
            return
        self.depth += 1
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "td" and self.in_body:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID:
            return
        self.depth -= 1
        if tag == "tbody":
            self.in_body = False
        elif tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, element_id: str) -> list[list[str]]:
    """The rows of the table inside ``#element_id``, as the reader sees their text."""
    parser = _Rows(element_id)
    parser.feed(html)
    return parser.rows
