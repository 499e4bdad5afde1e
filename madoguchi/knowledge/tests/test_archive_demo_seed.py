"""`make run` shows sample archive items and feeds: seed_demo adds them once, feeds inactive, example.jp URLs only."""

from io import StringIO

import pytest
from django.core.management import call_command

from madoguchi.knowledge.models import ArchiveItem, Feed, SearchEntry

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_sample_archive_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert ArchiveItem.objects.count() == 3
    assert {i.kind for i in ArchiveItem.objects.all()} == {"article", "document", "pre_research"}
    assert all(i.summary for i in ArchiveItem.objects.all())
    assert ArchiveItem.objects.filter(cases__isnull=False).exists()
    assert Feed.objects.count() == 3
    assert not Feed.objects.filter(active=True).exists()
    urls = [f.url for f in Feed.objects.all()] + [i.url for i in ArchiveItem.objects.exclude(url="")]
    assert all(".example.jp/" in u or ".example.com/" in u for u in urls), urls
    assert SearchEntry.objects.filter(kind="article").count() == 3
