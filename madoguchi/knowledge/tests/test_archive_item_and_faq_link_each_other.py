"""An archive item links only to an FAQ entry that exists and the user may open; both pages show the link."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.core.errors import DomainError
from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import ArchiveLink, FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(tier2_staff):
    data = ArchiveItemData(title="架空の VPN 装置の脆弱性情報", collected_on=dt.date(2026, 12, 1), summary="要約")
    return archive_services.archive_item_create(actor=tier2_staff, data=data)


@pytest.fixture
def faq(tier2_staff):
    return FaqEntry.objects.create(
        title="VPN 装置は<最新>にしてください",
        questions=["更新は必要？"],
        measures="更新する。",
        created_by=tier2_staff,
    )


def test_a_missing_faq_is_refused_by_the_service(tier2_staff, item, faq):
    with pytest.raises(DomainError) as refused:
        archive_services.archive_item_link_target(actor=tier2_staff, item=item, target_kind="faq", target_id=faq.pk + 1)
    assert refused.value.field == "target_id"
    assert not ArchiveLink.objects.exists()


def test_a_missing_faq_number_is_refused_next_to_the_field_with_the_input_kept(client_for, tier2_staff, item, faq):
    url = reverse("knowledge:archive_link_faq", args=[item.pk])
    response = client_for(tier2_staff).post(url, {"faq-target_id": str(faq.pk + 99)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "この番号のよくある質問は見つかりません。" in body
    assert f'value="{faq.pk + 99}"' in body
    assert not ArchiveLink.objects.exists()


def test_the_item_page_shows_the_faq_title_with_a_link_and_the_faq_page_lists_the_item(
    client_for, tier1_staff, tier2_staff, item, faq
):
    response = client_for(tier2_staff).post(
        reverse("knowledge:archive_link_faq", args=[item.pk]), {"faq-target_id": str(faq.pk)}
    )
    assert response.status_code == 302
    item_page = client_for(tier1_staff).get(item.get_absolute_url()).content.decode()
    assert f'href="{reverse("knowledge:faq_detail", args=[faq.pk])}"' in item_page
    assert "VPN 装置は&lt;最新&gt;にしてください" in item_page
    faq_page = client_for(tier1_staff).get(reverse("knowledge:faq_detail", args=[faq.pk])).content.decode()
    assert f'href="{item.get_absolute_url()}"' in faq_page
    assert "架空の VPN 装置の脆弱性情報" in faq_page


def test_a_faq_without_archive_items_says_so(client_for, tier1_staff, faq):
    faq_page = client_for(tier1_staff).get(reverse("knowledge:faq_detail", args=[faq.pk])).content.decode()
    assert "リンクしたアーカイブ項目はありません。" in faq_page
