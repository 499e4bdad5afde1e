"""One search: archive items are found on the search page under 記事, and the index follows their edits."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(tier2_staff):
    return archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(
            title="VPN 装置の脆弱性（架空）",
            source_organization="架空注意喚起センター",
            summary="認証回避の脆弱性。更新版を適用し、不審なログインを確認する。",
            tags=("VPN",),
            collected_on=dt.date(2026, 12, 1),
        ),
    )


def search(client, **query: str) -> str:
    return client.get(reverse("knowledge:search"), query).content.decode()


def test_an_archive_item_is_found_by_its_summary_under_the_article_kind(client_for, tier1_staff, item):
    client = client_for(tier1_staff)
    html = search(client, q="認証回避", kind="article")
    assert "VPN 装置の脆弱性（架空）" in html
    assert f'href="{item.get_absolute_url()}"' in html
    assert "VPN 装置の脆弱性（架空）" not in search(client, q="認証回避", kind="case")


def test_tag_and_source_are_searchable(client_for, tier2_staff, item):
    client = client_for(tier2_staff)
    assert "VPN 装置の脆弱性（架空）" in search(client, q="tag:VPN")
    assert "VPN 装置の脆弱性（架空）" in search(client, q="注意喚起センター")


def test_an_edit_reindexes_the_item(client_for, tier2_staff, item):
    archive_services.archive_item_update(
        actor=tier2_staff,
        item=item,
        expected_version=item.version,
        data=ArchiveItemData(
            title="改題した記事（架空）", summary="多要素認証の導入を勧める。", collected_on=dt.date(2026, 12, 1)
        ),
    )
    client = client_for(tier2_staff)
    assert "改題した記事（架空）" in search(client, q="多要素認証")
    assert "改題した記事" not in search(client, q="認証回避")


def test_rebuild_keeps_archive_items(item):
    call_command("rebuild_search_index", stdout=StringIO())
    assert SearchEntry.objects.filter(kind="article", object_id=item.pk).exists()
