"""Read what a browser would pre-select in rendered forms (stdlib HTML parser, no regexes on markup)."""

from __future__ import annotations

from html.parser import HTMLParser


class FormState(HTMLParser):
    """Selected options per <select> (by name) and checked boxes, as the browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.selected: dict[str, list[str]] = {}
        self.options: dict[str, list[str]] = {}
        self.checked: set[str] = set()
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("name") or a.get("id") or ""
            self.selected.setdefault(self._select, [])
            self.options.setdefault(self._select, [])
        elif tag == "option" and self._select is not None:
            self.options[self._select].append(a.get("value") or "")
            if "selected" in a:
                self.selected[self._select].append(a.get("value") or "")
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.checked.add(a.get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def form_state(html: str) -> FormState:
    parser = FormState()
    parser.feed(html)
    return parser
