"""HTML mail bodies: readable plain text for HTML-only mail, and nh3-sanitised HTML for display."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    }
)
# Content that is never shown to the reader of the mail.
_DROP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.drop_depth = 0
        self.pre_depth = 0
        self.links: list[tuple[str, int]] = []  # (href, index in parts where the link text starts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS:
            if tag not in _VOID_TAGS:
                self.drop_depth += 1
            return
        if self.drop_depth:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self._line_break()
            if tag == "li":
                self.parts.append("・")
            if tag == "pre":
                self.pre_depth += 1
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href.strip(), len(self.parts)))
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.parts.append(f"[画像: {alt}]")

    def _line_break(self) -> None:
        # Outlook and Gmail wrap every line in <p>/<div>; one block boundary
        # is one line break, however many tags close and open there.
        for part in reversed(self.parts):
            if part.strip(" \t"):
                if not part.endswith("\n"):
                    self.parts.append("\n")
                return
        if self.parts:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            if self.drop_depth:
                self.drop_depth -= 1
            return
        if self.drop_depth:
            return
        if tag in _BLOCK_TAGS:
            if tag == "pre" and self.pre_depth:
                self.pre_depth -= 1
            self._line_break()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.parts[start:]).strip()
            if href and not href.lower().startswith(("javascript:", "#", "cid:")):
                shown = href[7:] if href.lower().startswith("mailto:") else href
                # Phishing mail hides the real target behind innocent text;
                # staff must see both, so the URL is always written out.
                if shown != text:
                    self.parts.append(f" ({shown})")

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        if self.pre_depth:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(*, html: str) -> str:
    """Readable text of an HTML body: blocks become lines, links become "text (url)", scripts vanish."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\u00a0", " ")
    lines = [
        re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group(0) else " ", line).strip() for line in text.split("\n")
    ]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Remote images in a suspicious mail are tracking beacons: opening the
    # consultation must not tell the attacker that the desk read it.
    if tag == "img" and attribute == "src" and not value.lower().startswith(("cid:", "data:image/")):
        return None
    return value


def sanitize_html(*, html: str) -> str:
    """HTML safe to show inside the staff UI: no scripts, event handlers, forms or remote images."""
    return nh3.clean(
        html,
        url_schemes={"http", "https", "mailto", "cid", "data"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
        clean_content_tags={"script", "style", "title", "noscript", "template"},
    )
