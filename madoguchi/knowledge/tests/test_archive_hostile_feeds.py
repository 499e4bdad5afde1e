"""A broken or hostile feed is refused with a reason, never expanded: entities, external files, bad XML, encodings."""

import time

import pytest

from madoguchi.knowledge.feeds.parse import FeedError, parse_feed
from madoguchi.knowledge.tests.archive_feed_server import FEEDS


def test_billion_laughs_is_refused_before_any_expansion():
    started = time.monotonic()
    with pytest.raises(FeedError, match="危険な XML") as refused:
        parse_feed((FEEDS / "billion_laughs.xml").read_bytes())
    assert "EntitiesForbidden" in str(refused.value)
    # Expanding would take gigabytes; refusing takes nothing (a bound far above any machine's parse time).
    assert time.monotonic() - started < 5


def test_external_entity_is_refused_and_the_file_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("架空の秘密 4711", encoding="utf-8")
    data = (FEEDS / "external_entity.xml").read_bytes().replace(b"file:///etc/hostname", secret.as_uri().encode())
    with pytest.raises(FeedError, match="危険な XML") as refused:
        parse_feed(data)
    assert "4711" not in str(refused.value)


def test_invalid_xml_is_reported_with_the_parser_position():
    with pytest.raises(FeedError, match="XML として読めません: mismatched tag: line 3"):
        parse_feed((FEEDS / "invalid.xml").read_bytes())


def test_bytes_in_another_encoding_than_declared_are_refused():
    with pytest.raises(FeedError, match="XML として読めません: not well-formed"):
        parse_feed((FEEDS / "wrong_encoding.xml").read_bytes())


def test_an_undecodable_declared_encoding_is_refused():
    data = b'<?xml version="1.0" encoding="EUC-JP"?><rss version="2.0"><channel><title>\xff\xfe</title></channel></rss>'
    with pytest.raises(FeedError, match=r"euc-jp"):
        parse_feed(data)


def test_an_unknown_encoding_is_refused():
    with pytest.raises(FeedError, match="未対応の文字コード"):
        parse_feed(b'<?xml version="1.0" encoding="x-no-such"?><rss version="2.0"><channel/></rss>')


def test_empty_body_is_refused():
    with pytest.raises(FeedError, match="XML として読めません"):
        parse_feed(b"")
