"""Archive items: create, read, edit by role, invalid input kept, optimistic locking, filters, linked cases by tier."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import ArchiveItem
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def form(**overrides: str) -> dict[str, str]:
    data = {
        "url": "https://www.example.jp/guide/backup.html?utm_source=mail",
        "title": "中小企業のバックアップの手引き（架空）",
        "source_organization": "架空セキュリティ協会",
        "kind": "document",
        "published_on": "2026-11-20",
        "collected_on": "2026-12-01",
        "importance": "2",
        "summary": "3-2-1 ルールとオフライン保管を勧める。",
        "tags": "バックアップ, ランサムウェア",
    }
    data.update(overrides)
    return data


@pytest.fixture
def item(tier2_staff) -> ArchiveItem:
    return archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(
            title="標的型メールの見分け方（架空）",
            url="https://www.example.jp/mail.html",
            collected_on=dt.date(2026, 12, 1),
            summary="差出人と本文の食い違いに注意。",
            tags=("メール",),
        ),
    )


def test_create_stores_the_normalised_url_and_terms(client_for, tier2_staff):
    scheme = Scheme.objects.create(
        code="sample-scheme", name="架空の分類", source_url="https://www.example.jp/", as_of=dt.date(2026, 1, 1)
    )
    term = Term.objects.create(scheme=scheme, code="backup", label="バックアップ")
    response = client_for(tier2_staff).post(reverse("knowledge:archive_create"), form(terms=str(term.pk)))
    item = ArchiveItem.objects.get()
    assert response.status_code == 302
    assert item.url == "https://www.example.jp/guide/backup.html"
    assert item.kind == "document"
    assert item.created_by == tier2_staff
    html = client_for(tier2_staff).get(item.get_absolute_url()).content.decode()
    assert "架空の分類: バックアップ" in html
    assert "3-2-1 ルールとオフライン保管を勧める。" in html


def test_invalid_input_is_refused_next_to_the_field_and_kept(client_for, tier2_staff):
    response = client_for(tier2_staff).post(reverse("knowledge:archive_create"), form(url="javascript:alert(1)"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "http:// または https:// で始まる URL を入力してください。" in html
    assert "中小企業のバックアップの手引き（架空）" in html
    assert not ArchiveItem.objects.exists()


def test_tier1_reads_but_may_not_create_or_edit(client_for, tier1_staff, item):
    client = client_for(tier1_staff)
    assert client.get(reverse("knowledge:archive_list")).status_code == 200
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.post(reverse("knowledge:archive_create"), form()).status_code == 403
    assert client.post(reverse("knowledge:archive_edit", args=[item.pk]), form()).status_code == 403
    assert ArchiveItem.objects.count() == 1
    assert "編集する" not in client.get(item.get_absolute_url()).content.decode()


def test_a_missing_item_is_404(client_for, tier2_staff):
    assert client_for(tier2_staff).get(reverse("knowledge:archive_detail", args=[999])).status_code == 404


def test_edit_saves_and_a_stale_version_keeps_the_typing(client_for, tier2_staff, manager, item):
    client = client_for(tier2_staff)
    stale = item.version
    archive_services.archive_item_update(
        actor=manager,
        item=item,
        expected_version=item.version,
        data=ArchiveItemData(title="先に保存された表題", collected_on=dt.date(2026, 12, 1)),
    )
    response = client.post(
        reverse("knowledge:archive_edit", args=[item.pk]), form(version=str(stale), title="私の表題")
    )
    assert response.status_code == 400
    assert "他の職員がこの項目を先に更新しました" in response.content.decode()
    assert "私の表題" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "先に保存された表題"
    response = client.post(
        reverse("knowledge:archive_edit", args=[item.pk]), form(version=str(item.version), title="私の表題")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "私の表題"


def test_list_filters_by_kind_importance_source_and_keyword(client_for, tier2_staff, item):
    archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(
            title="他団体ガイドブックの事前調査（架空）",
            kind="pre_research",
            importance=3,
            source_organization="架空産業振興財団",
            collected_on=dt.date(2026, 12, 2),
            summary="章立てと想定読者を整理した。",
        ),
    )
    client = client_for(tier2_staff)
    url = reverse("knowledge:archive_list")

    def titles(**query: str) -> str:
        return client.get(url, query).content.decode()

    assert "他団体ガイドブック" in titles(kind="pre_research") and "標的型メール" not in titles(kind="pre_research")
    assert "他団体ガイドブック" in titles(importance="3") and "標的型メール" not in titles(importance="3")
    assert "他団体ガイドブック" in titles(source="振興財団") and "標的型メール" not in titles(source="振興財団")
    assert "標的型メール" in titles(q="差出人") and "他団体ガイドブック" not in titles(q="差出人")
    assert "標的型メール" in titles(tag="メール") and "他団体ガイドブック" not in titles(tag="メール")


def test_linked_cases_are_shown_only_to_who_may_see_them(client_for, tier1_staff, other_tier1_staff, tier2_staff, item):
    case = dispatched_case(tier1=other_tier1_staff, subject="tier 2 に回付した架空の相談")
    archive_services.archive_item_link_case(actor=tier2_staff, item=item, case=case)
    assert case.reference in client_for(tier2_staff).get(item.get_absolute_url()).content.decode()
    # Tier 1 sees neither another person's dispatched case nor its subject on the archive page.
    html = client_for(tier1_staff).get(item.get_absolute_url()).content.decode()
    assert case.reference not in html
    assert "tier 2 に回付した架空の相談" not in html


def test_linking_an_unknown_reference_is_refused_next_to_the_field(client_for, tier2_staff, tier1_staff, item):
    make_case(actor=tier1_staff)
    response = client_for(tier2_staff).post(
        reverse("knowledge:archive_link_case", args=[item.pk]), {"case-reference": "R-0000-0000"}
    )
    assert response.status_code == 400
    assert "その受付番号の相談案件は見つかりません。" in response.content.decode()
    assert item.cases.count() == 0


def test_unlink_removes_the_case(client_for, tier1_staff, tier2_staff, item):
    case = make_case(actor=tier1_staff)
    archive_services.archive_item_link_case(actor=tier2_staff, item=item, case=case)
    response = client_for(tier2_staff).post(reverse("knowledge:archive_unlink_case", args=[item.pk, case.reference]))
    assert response.status_code == 302
    assert item.cases.count() == 0


def test_list_runs_a_fixed_number_of_queries(client_for, tier2_staff, django_assert_max_num_queries):
    for n in range(15):
        archive_services.archive_item_create(
            actor=tier2_staff, data=ArchiveItemData(title=f"記事 {n}", collected_on=dt.date(2026, 12, 1))
        )
    client = client_for(tier2_staff)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("knowledge:archive_list")).status_code == 200


def test_the_archive_menu_offers_inbox_and_feeds_only_to_roles_that_may_edit(client_for, tier1_staff, tier2_staff):
    url = reverse("knowledge:archive_list")
    assert reverse("knowledge:inbox") in client_for(tier2_staff).get(url).content.decode()
    html = client_for(tier1_staff).get(url).content.decode()
    assert reverse("knowledge:inbox") not in html
    assert reverse("knowledge:archive_create") not in html
