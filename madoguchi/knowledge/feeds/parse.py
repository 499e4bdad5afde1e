"""Parse RSS 2.0, RSS 1.0 (RDF, used by JPCERT/CC and IPA) and Atom from bytes, never with an entity-expanding parser.

defusedxml refuses entity declarations (billion laughs, quadratic blow-up) and external entities and DTDs before
anything is expanded; what is left is plain ElementTree. Encodings the XML parser cannot read itself (Shift_JIS,
EUC-JP) are decoded by Python first; bytes that do not decode in the declared encoding are refused.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from madoguchi.knowledge.feeds.urlnorm import InvalidURL, normalize_url

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_ITEMS = 200
MAX_TITLE = 300
MAX_DESCRIPTION = 5000

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"

# Encodings expat reads natively; anything else is decoded in Python and handed over as UTF-8.
_NATIVE = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.IGNORECASE)


class FeedError(Exception):
    """A feed that cannot be read; the message (Japanese) is stored on the feed and printed by the command."""


@dataclass(frozen=True)
class ParsedItem:
    guid: str
    url: str
    title: str
    description: str
    published_at: dt.datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: tuple[ParsedItem, ...]


def _to_utf8(data: bytes) -> bytes:
    match = _DECLARATION.match(data)
    if not match:
        return data
    encoding = match.group(2).decode("ascii").lower()
    if encoding in _NATIVE:
        return data
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise FeedError(f"未対応の文字コードです: {encoding}") from exc
    except UnicodeDecodeError as exc:
        raise FeedError(f"宣言された文字コード（{encoding}）で読めない文字があります。") from exc
    # Re-declare as UTF-8 so the parser reads what we decoded.
    body = text.encode("utf-8")
    return _DECLARATION.sub(lambda m: m.group(0).replace(m.group(2), b"UTF-8"), body, count=1)


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def plain_text(markup: str, *, limit: int) -> str:
    """Feed descriptions are often HTML: keep only the text (shown escaped later, never as markup)."""
    cleaned = html.unescape(nh3.clean(markup, tags=set()))
    return re.sub(r"\s+", " ", cleaned).strip()[:limit]


def parse_date(value: str) -> dt.datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _url(base: str, href: str) -> str:
    if not href.strip():
        return ""
    try:
        return normalize_url(urljoin(base, href.strip()))
    except InvalidURL:
        return ""


def _item(*, base: str, guid: str, link: str, title: str, description: str, date: str) -> ParsedItem:
    url = _url(base, link)
    return ParsedItem(
        guid=guid.strip()[:1000],
        url=url[:1000],
        title=plain_text(title, limit=MAX_TITLE) or url[:MAX_TITLE] or "（無題）",
        description=plain_text(description, limit=MAX_DESCRIPTION),
        published_at=parse_date(date),
    )


def _rss2(root: Element, base: str) -> ParsedFeed:
    channel = root.find("channel")
    if channel is None:
        raise FeedError("RSS の channel 要素がありません。")
    items = [
        _item(
            base=base,
            guid=_text(node.find("guid")),
            link=_text(node.find("link")),
            title=_text(node.find("title")),
            description=_text(node.find("description")) or _text(node.find(f"{CONTENT}encoded")),
            date=_text(node.find("pubDate")) or _text(node.find(f"{DC}date")),
        )
        for node in channel.findall("item")[:MAX_ITEMS]
    ]
    return ParsedFeed(title=plain_text(_text(channel.find("title")), limit=MAX_TITLE), items=tuple(items))


def _rss1(root: Element, base: str) -> ParsedFeed:
    channel = root.find(f"{RSS1}channel")
    items = [
        _item(
            base=base,
            guid=node.get(f"{RDF}about", ""),
            link=_text(node.find(f"{RSS1}link")) or node.get(f"{RDF}about", ""),
            title=_text(node.find(f"{RSS1}title")),
            description=_text(node.find(f"{RSS1}description")) or _text(node.find(f"{CONTENT}encoded")),
            date=_text(node.find(f"{DC}date")),
        )
        for node in root.findall(f"{RSS1}item")[:MAX_ITEMS]
    ]
    title = _text(channel.find(f"{RSS1}title")) if channel is not None else ""
    return ParsedFeed(title=plain_text(title, limit=MAX_TITLE), items=tuple(items))


def _atom_link(entry: Element) -> str:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href", "")
    return ""


def _atom(root: Element, base: str) -> ParsedFeed:
    items = [
        _item(
            base=base,
            guid=_text(node.find(f"{ATOM}id")),
            link=_atom_link(node),
            title=_text(node.find(f"{ATOM}title")),
            description=_text(node.find(f"{ATOM}summary")) or _text(node.find(f"{ATOM}content")),
            date=_text(node.find(f"{ATOM}published")) or _text(node.find(f"{ATOM}updated")),
        )
        for node in root.findall(f"{ATOM}entry")[:MAX_ITEMS]
    ]
    return ParsedFeed(title=plain_text(_text(root.find(f"{ATOM}title")), limit=MAX_TITLE), items=tuple(items))


def parse_feed(data: bytes, *, base_url: str = "") -> ParsedFeed:
    """The feed's items, or FeedError with a Japanese reason. Never expands entities, never reads external files."""
    try:
        root = fromstring(_to_utf8(data))
    except DefusedXmlException as exc:
        raise FeedError(
            f"危険な XML の構成（実体宣言・外部参照など）を含むため読み込みませんでした: {type(exc).__name__}"
        ) from exc
    except ParseError as exc:
        raise FeedError(f"XML として読めません: {exc}") from exc
    if root.tag == "rss":
        return _rss2(root, base_url)
    if root.tag == f"{RDF}RDF":
        return _rss1(root, base_url)
    if root.tag == f"{ATOM}feed":
        return _atom(root, base_url)
    raise FeedError(f"RSS / Atom のフィードではありません（最上位の要素: {root.tag[:80]}）。")
