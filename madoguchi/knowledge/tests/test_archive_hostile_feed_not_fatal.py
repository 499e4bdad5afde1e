"""Issue 12 done-when: a hostile feed is reported (stored error + command output) and every other feed still imports."""

from io import StringIO

import pytest
from django.core.management import call_command

from madoguchi.knowledge.models import Feed, FeedFetchStatus, FeedItem
from madoguchi.knowledge.tests.archive_feed_server import feed_server

pytestmark = pytest.mark.django_db

HOSTILE = ["billion_laughs.xml", "external_entity.xml", "invalid.xml", "wrong_encoding.xml", "not_a_feed.xml"]


def test_hostile_feeds_are_reported_and_the_good_ones_import():
    with feed_server() as server:
        before = Feed.objects.create(url=server.serve_file("/a.xml", "rss2.xml"), title="正常なフィード A")
        for name in HOSTILE:
            Feed.objects.create(url=server.serve_file(f"/{name}", name), title=f"危険 {name}")
        after = Feed.objects.create(url=server.serve_file("/b.xml", "atom.xml"), title="正常なフィード B")
        out, err = StringIO(), StringIO()
        call_command("fetch_feeds", stdout=out, stderr=err)

    assert FeedItem.objects.filter(feed=before).count() == 2
    assert FeedItem.objects.filter(feed=after).count() == 1
    assert FeedItem.objects.exclude(feed__in=[before, after]).count() == 0
    for name in HOSTILE:
        feed = Feed.objects.get(title=f"危険 {name}")
        assert feed.last_status == FeedFetchStatus.ERROR, name
        assert feed.last_error, name
        assert f"[エラー] 危険 {name}" in err.getvalue()
    assert "エラー 5 件" in out.getvalue()
    # Nothing of the bomb was expanded into the database.
    assert not FeedItem.objects.filter(title__contains="lol").exists()
