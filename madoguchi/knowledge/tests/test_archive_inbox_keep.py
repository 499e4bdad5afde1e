"""Issue 12 done-when: an inbox item is summarised and kept (an archive item), linked to a consultation and an FAQ."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.core.errors import DomainError
from madoguchi.knowledge import archive_services
from madoguchi.knowledge.models import ArchiveItem, ArchiveLink, FaqEntry, Feed, FeedItem, FeedItemStatus
from madoguchi.knowledge.tests.archive_feed_server import FEEDS
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_item() -> FeedItem:
    feed = Feed.objects.create(url="https://alerts.example.jp/feed.xml", title="サンプル注意喚起")
    archive_services.feed_import(feed=feed, data=(FEEDS / "rss2.xml").read_bytes())
    return FeedItem.objects.get(guid="alerts-2026-0001")


def keep_form(feed_item: FeedItem, **overrides: str) -> dict[str, str]:
    data = {
        "url": feed_item.url,
        "title": feed_item.title,
        "source_organization": "サンプル注意喚起",
        "kind": "article",
        "published_on": "2026-12-01",
        "collected_on": "2026-12-02",
        "importance": "3",
        "summary": "架空の VPN 装置に認証回避の脆弱性。更新版の適用と、侵害の有無の確認を案内する。",
        "tags": "VPN、脆弱性",
    }
    data.update(overrides)
    return data


def test_inbox_lists_new_items(client_for, tier2_staff, feed_item):
    html = client_for(tier2_staff).get(reverse("knowledge:inbox")).content.decode()
    assert "VPN 機器の脆弱性に関する注意喚起" in html
    assert "ランサムウェア被害の報告が増えています" in html


def test_keep_form_is_prefilled_from_the_feed(client_for, tier2_staff, feed_item):
    html = client_for(tier2_staff).get(reverse("knowledge:inbox_keep", args=[feed_item.pk])).content.decode()
    assert 'value="https://alerts.example.jp/2026/vpn.html"' in html
    assert 'value="2026-12-01"' in html
    assert "架空の VPN 装置 に脆弱性。更新してください。" in html


def test_summarise_keep_and_link_to_a_consultation_and_an_faq(client_for, tier1_staff, tier2_staff, feed_item):
    client = client_for(tier2_staff)
    response = client.post(reverse("knowledge:inbox_keep", args=[feed_item.pk]), keep_form(feed_item))
    item = ArchiveItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert item.summary.startswith("架空の VPN 装置に認証回避の脆弱性")
    assert item.tags == ["VPN", "脆弱性"]
    assert item.importance == 3
    feed_item.refresh_from_db()
    assert (feed_item.status, feed_item.archive_item, feed_item.decided_by) == (FeedItemStatus.KEPT, item, tier2_staff)
    assert not client.get(reverse("knowledge:inbox")).content.decode().count("VPN 機器の脆弱性に関する注意喚起")

    case = make_case(actor=tier1_staff, subject="VPN 装置の更新の相談")
    response = client.post(reverse("knowledge:archive_link_case", args=[item.pk]), {"case-reference": case.reference})
    assert response.status_code == 302
    assert list(item.cases.all()) == [case]
    faq = FaqEntry.objects.create(
        title="VPN 装置を最新にする",
        questions=["VPN の更新は必要ですか"],
        measures="更新する。",
        created_by=tier2_staff,
    )
    response = client.post(reverse("knowledge:archive_link_faq", args=[item.pk]), {"faq-target_id": str(faq.pk)})
    assert response.status_code == 302
    assert ArchiveLink.objects.filter(item=item, target_kind="faq", target_id=faq.pk).exists()

    html = client.get(item.get_absolute_url()).content.decode()
    assert case.reference in html
    assert "VPN 装置を最新にする" in html
    assert AuditEvent.objects.filter(action="create", target_type="knowledge.ArchiveItem").count() == 1


def test_keeping_needs_a_summary_and_keeps_the_typing(client_for, tier2_staff, feed_item):
    response = client_for(tier2_staff).post(
        reverse("knowledge:inbox_keep", args=[feed_item.pk]), keep_form(feed_item, summary="", tags="残すタグ")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_summary_error"' in html
    assert 'value="残すタグ"' in html
    assert not ArchiveItem.objects.exists()
    feed_item.refresh_from_db()
    assert feed_item.status == FeedItemStatus.NEW


def test_dismiss_takes_the_item_out_of_the_inbox(client_for, tier2_staff, feed_item):
    response = client_for(tier2_staff).post(reverse("knowledge:inbox_dismiss", args=[feed_item.pk]))
    assert response.status_code == 302
    feed_item.refresh_from_db()
    assert feed_item.status == FeedItemStatus.DISMISSED
    assert not ArchiveItem.objects.exists()


def test_an_item_already_decided_cannot_be_kept_again(tier2_staff, manager, feed_item):
    archive_services.feed_item_dismiss(actor=manager, feed_item=feed_item)
    with pytest.raises(DomainError, match="既に他の職員が処理しました"):
        archive_services.feed_item_keep(
            actor=tier2_staff,
            feed_item=feed_item,
            data=archive_services.ArchiveItemData(title="x", summary="要約", collected_on=dt.date(2026, 12, 2)),
        )
    assert not ArchiveItem.objects.exists()


def test_tier1_may_not_use_the_inbox(client_for, tier1_staff, feed_item):
    client = client_for(tier1_staff)
    assert client.get(reverse("knowledge:inbox")).status_code == 403
    assert client.post(reverse("knowledge:inbox_keep", args=[feed_item.pk]), keep_form(feed_item)).status_code == 403
    assert not ArchiveItem.objects.exists()
