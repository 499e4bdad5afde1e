"""fetch_feeds imports new items from local feeds into the inbox: deduplicated, conditional GET, limits, timeouts."""

import datetime as dt
import functools
from io import StringIO

import pytest
from django.core.management import call_command

from madoguchi.knowledge import archive_services
from madoguchi.knowledge.feeds import fetch as feed_fetch
from madoguchi.knowledge.models import ArchiveItem, Feed, FeedFetchStatus, FeedItem, FeedItemStatus
from madoguchi.knowledge.tests.archive_feed_server import FEEDS, feed_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    with feed_server() as running:
        yield running


def make_feed(url: str, title: str = "サンプル注意喚起") -> Feed:
    return Feed.objects.create(url=url, title=title)


def run() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("fetch_feeds", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_feed_from_a_local_file_lands_in_the_inbox():
    feed = make_feed("https://alerts.example.jp/feed.xml")
    created = archive_services.feed_import(feed=feed, data=(FEEDS / "rss2.xml").read_bytes())
    assert created == 2
    items = FeedItem.objects.filter(feed=feed).order_by("published_at")
    assert [i.title for i in items] == ["VPN 機器の脆弱性に関する注意喚起", "ランサムウェア被害の報告が増えています"]
    assert {i.status for i in items} == {FeedItemStatus.NEW}


def test_rss2_rdf_and_atom_feeds_are_fetched_over_http(server):
    for path, name in (("/rss2.xml", "rss2.xml"), ("/rdf.xml", "rdf.xml"), ("/atom.xml", "atom.xml")):
        make_feed(server.serve_file(path, name), title=name)
    out, err = run()
    assert err == ""
    assert "[取得] rss2.xml: 新しい記事 2 件" in out
    assert "[取得] rdf.xml: 新しい記事 1 件" in out
    assert "[取得] atom.xml: 新しい記事 1 件" in out
    assert FeedItem.objects.count() == 4
    assert set(Feed.objects.values_list("last_status", flat=True)) == {FeedFetchStatus.OK}


def test_a_second_fetch_sends_the_etag_and_a_304_imports_nothing(server):
    feed = make_feed(
        server.serve_file("/rss2.xml", "rss2.xml", etag='"v1"', last_modified="Tue, 01 Dec 2026 00:00:00 GMT")
    )
    run()
    out, _err = run()
    assert "[更新なし]" in out
    assert server.requests[-1] == ("/rss2.xml", '"v1"', "Tue, 01 Dec 2026 00:00:00 GMT")
    feed.refresh_from_db()
    assert feed.last_status == FeedFetchStatus.NOT_MODIFIED
    assert feed.etag == '"v1"'
    assert FeedItem.objects.count() == 2


def test_items_seen_before_are_not_imported_again(server):
    url = server.serve_file("/rss2.xml", "rss2.xml")
    make_feed(url)
    run()
    FeedItem.objects.update(status=FeedItemStatus.DISMISSED)
    out, _err = run()
    assert "新しい記事 0 件" in out
    assert FeedItem.objects.count() == 2


def test_the_same_url_in_another_feed_or_the_archive_is_not_imported_again(server, tier2_staff):
    archive_services.archive_item_create(
        actor=tier2_staff,
        data=archive_services.ArchiveItemData(
            title="既に保存した記事",
            url="https://ALERTS.example.jp/2026/vpn.html#x",
            collected_on=dt.date(2026, 12, 1),
        ),
    )
    make_feed(server.serve_file("/rss2.xml", "rss2.xml"))
    make_feed(server.serve_file("/copy.xml", "rss2.xml"), title="同じ記事を配信する別のフィード")
    run()
    # vpn.html is archived; the relative ransom.html link came through the first feed, so the copy adds nothing.
    assert list(FeedItem.objects.values_list("url", flat=True)) == [f"{server.url}/2026/ransom.html"]
    assert ArchiveItem.objects.count() == 1


def test_a_feed_over_the_size_limit_is_refused_and_reported(server):
    filler = "".join(f"<item><title>記事{n}</title><guid>g{n}</guid></item>" for n in range(60_000))
    huge = (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>巨大</title>{filler}</channel></rss>'
    )
    assert len(huge.encode()) > feed_fetch.MAX_BYTES
    feed = make_feed(server.serve("/huge.xml", huge.encode()), title="巨大なフィード")
    _out, err = run()
    assert "[エラー] 巨大なフィード" in err
    assert "大きすぎます" in err
    feed.refresh_from_db()
    assert feed.last_status == FeedFetchStatus.ERROR
    assert "大きすぎます" in feed.last_error
    assert FeedItem.objects.count() == 0


def test_a_server_that_does_not_answer_in_time_is_reported(server):
    feed = make_feed(server.serve_file("/slow.xml", "rss2.xml", delay=2.0), title="遅いフィード")
    outcome = archive_services.feed_fetch(feed=feed, fetcher=functools.partial(feed_fetch.fetch, timeout=0.3))
    assert outcome.status == FeedFetchStatus.ERROR
    assert "応答がなかった" in outcome.error
    feed.refresh_from_db()
    assert "応答がなかった" in feed.last_error


def test_an_http_error_is_reported(server):
    feed = make_feed(f"{server.url}/missing.xml", title="無いフィード")
    _out, err = run()
    assert "HTTP エラー 404" in err
    feed.refresh_from_db()
    assert feed.last_status == FeedFetchStatus.ERROR


def test_inactive_feeds_are_not_fetched(server):
    make_feed(server.serve_file("/rss2.xml", "rss2.xml"))
    Feed.objects.update(active=False)
    run()
    assert server.requests == []
