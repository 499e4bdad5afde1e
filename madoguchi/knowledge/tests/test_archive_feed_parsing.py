"""RSS 2.0, RSS 1.0 (RDF, as JPCERT/CC and IPA publish) and Atom are read into the same items; markup becomes text."""

import datetime as dt

import pytest

from madoguchi.knowledge.feeds.parse import FeedError, parse_feed
from madoguchi.knowledge.tests.archive_feed_server import FEEDS

JST = dt.timezone(dt.timedelta(hours=9))


def parse(name: str, base: str = "https://alerts.example.jp/feed.xml"):
    return parse_feed((FEEDS / name).read_bytes(), base_url=base)


def test_rss2_items_with_normalised_links_and_dates():
    feed = parse("rss2.xml")
    assert feed.title == "サンプル注意喚起（RSS 2.0）"
    first, second = feed.items
    assert first.guid == "alerts-2026-0001"
    assert first.url == "https://alerts.example.jp/2026/vpn.html"  # utm_* removed
    assert first.published_at == dt.datetime(2026, 12, 1, 9, 0, tzinfo=JST)
    # A relative link is resolved against the feed's address.
    assert second.url == "https://alerts.example.jp/2026/ransom.html"


def test_rss2_description_html_becomes_plain_text_without_scripts():
    item = parse("rss2.xml").items[0]
    assert item.description == "架空の VPN 装置 に脆弱性。更新してください。"
    assert "<" not in item.description
    assert "alert" not in item.description


def test_rss1_rdf_items():
    feed = parse("rdf.xml")
    assert feed.title.startswith("サンプル機関")
    (item,) = feed.items
    assert item.guid == "https://rdf.example.jp/security/2026/1201.html"
    assert item.url == "https://rdf.example.jp/security/2026/1201.html"  # fragment dropped
    assert item.published_at == dt.datetime(2026, 12, 1, 15, 0, tzinfo=JST)


def test_atom_entries_take_the_alternate_link():
    (entry,) = parse("atom.xml").items
    assert entry.url == "https://atom.example.com/posts/phishing"
    assert entry.title == "標的型メールの新しい手口"
    assert entry.published_at == dt.datetime(2026, 12, 3, tzinfo=dt.UTC)


def test_a_feed_declared_as_shift_jis_is_decoded():
    (item,) = parse("shift_jis.xml").items
    assert item.title == "不正アクセスの相談窓口"


def test_something_that_is_not_a_feed_is_refused():
    with pytest.raises(FeedError, match="RSS / Atom のフィードではありません"):
        parse("not_a_feed.xml")
