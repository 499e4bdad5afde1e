"""A URL already archived (after normalisation) is refused with a clear message that links the existing item."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData, DuplicateArchiveURL
from madoguchi.knowledge.models import ArchiveItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(tier2_staff) -> ArchiveItem:
    return archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(
            title="既にある記事", url="https://www.example.jp/a?id=1", collected_on=dt.date(2026, 12, 1)
        ),
    )


def test_the_same_page_with_tracking_and_fragment_is_a_duplicate(tier2_staff, existing):
    with pytest.raises(DuplicateArchiveURL) as refused:
        archive_services.archive_item_create(
            actor=tier2_staff,
            data=ArchiveItemData(
                title="二度目",
                url="HTTPS://www.example.jp:443/a?id=1&utm_source=x#top",
                collected_on=dt.date(2026, 12, 2),
            ),
        )
    assert refused.value.existing == existing
    assert ArchiveItem.objects.count() == 1


def test_the_form_names_and_links_the_existing_item(client_for, tier2_staff, existing):
    response = client_for(tier2_staff).post(
        reverse("knowledge:archive_create"),
        {
            "url": "https://www.example.jp/a?id=1#x",
            "title": "二度目",
            "kind": "article",
            "collected_on": "2026-12-02",
            "importance": "2",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "この URL は既にアーカイブにあります（「既にある記事」）。" in html
    assert f'href="{existing.get_absolute_url()}"' in html
    assert 'value="二度目"' in html


def test_editing_another_item_to_the_same_url_is_refused(tier2_staff, existing):
    other = archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(title="別の記事", url="https://www.example.jp/b", collected_on=dt.date(2026, 12, 1)),
    )
    with pytest.raises(DuplicateArchiveURL):
        archive_services.archive_item_update(
            actor=tier2_staff,
            item=other,
            expected_version=other.version,
            data=ArchiveItemData(
                title="別の記事", url="https://www.example.jp/a?id=1", collected_on=dt.date(2026, 12, 1)
            ),
        )
    other.refresh_from_db()
    assert other.url == "https://www.example.jp/b"


def test_saving_an_item_with_its_own_url_is_not_a_duplicate(tier2_staff, existing):
    archive_services.archive_item_update(
        actor=tier2_staff,
        item=existing,
        expected_version=existing.version,
        data=ArchiveItemData(
            title="表題を直した", url="https://www.example.jp/a?id=1", collected_on=dt.date(2026, 12, 1)
        ),
    )
    existing.refresh_from_db()
    assert existing.title == "表題を直した"


def test_items_without_url_are_not_duplicates_of_each_other(tier2_staff):
    for n in range(2):
        archive_services.archive_item_create(
            actor=tier2_staff, data=ArchiveItemData(title=f"紙の資料 {n}", collected_on=dt.date(2026, 12, 1))
        )
    assert ArchiveItem.objects.filter(url="").count() == 2
