"""Staff FAQ pages: create and edit through forms (typing kept on errors), review screen, version diff, roles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services
from madoguchi.knowledge.models import FaqEntry

pytestmark = pytest.mark.django_db


def _post(axes, **overrides):
    data = {
        "title": "取引先を装うメールで振込先の変更を求められた",
        "questions": "振込先が変わったとメールが来ました。\n\n本物か確かめる方法はありますか。",
        "measures": "メール以外の方法（電話など）で取引先に確認してください。",
        "keywords": "ビジネスメール詐欺、振込",
        "terms": [str(axes["guide"].pk)],
        "sources": "",
        "read_more": "見本機構の注意喚起 https://example.jp/bec",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_desk_staff_create_an_entry_with_classification_and_links(client_for, tier1_staff, axes):
    response = client_for(tier1_staff).post(reverse("knowledge:faq_create"), _post(axes))
    faq = FaqEntry.objects.get()
    assert response.status_code == 302
    assert faq.questions == ["振込先が変わったとメールが来ました。", "本物か確かめる方法はありますか。"]
    assert faq.keywords == ["ビジネスメール詐欺", "振込"]
    assert faq.read_more == [{"label": "見本機構の注意喚起", "url": "https://example.jp/bec"}]
    assert faq.created_by == tier1_staff and faq.status == "draft"


def test_invalid_input_is_refused_next_to_the_field_with_the_typing_kept(client_for, tier1_staff, axes):
    response = client_for(tier1_staff).post(
        reverse("knowledge:faq_create"), _post(axes, measures="", read_more="リンク ftp://example.jp/x")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "取引先を装うメールで振込先の変更を求められた" in body
    assert "1行目のURLが正しくありません" in body
    assert not FaqEntry.objects.exists()


def test_admin_may_read_but_not_write(client_for, admin_user, axes):
    client = client_for(admin_user)
    assert client.get(reverse("knowledge:faq_list")).status_code == 200
    assert client.post(reverse("knowledge:faq_create"), _post(axes)).status_code == 403


def test_an_edit_from_a_stale_screen_keeps_the_typing_and_shows_the_conflict(
    client_for, tier1_staff, tier2_staff, faq_content, axes
):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    stale = faq.version
    faq_services.faq_update(actor=tier2_staff, faq=faq, expected_version=stale, content=faq_content(title="先の変更"))
    response = client_for(tier1_staff).post(
        reverse("knowledge:faq_edit", kwargs={"pk": faq.pk}), _post(axes, title="後からの変更", version=str(stale))
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "後からの変更" in body and "他の職員がこのよくある質問を先に更新しました" in body


def test_the_review_screen_highlights_each_masked_span_and_the_version_diff_shows_changes(
    client_for, tier2_staff, manager, closed_case, faq_content
):
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    body = client_for(manager).get(reverse("knowledge:faq_detail", kwargs={"pk": faq.pk})).content.decode()
    assert body.count('<mark class="masked"') == len(faq.mask_spans)
    assert "マスクを外す" in body
    faq_services.faq_update(
        actor=manager, faq=faq, expected_version=faq.version, content=faq_content(title="一般化した見出し")
    )
    diff = client_for(manager).get(reverse("knowledge:faq_version", kwargs={"pk": faq.pk, "number": 2}))
    text = diff.content.decode()
    assert diff.status_code == 200
    assert 'class="diff-added"' in text and "一般化した見出し" in text
    assert 'class="diff-removed"' in text


def test_a_missing_entry_is_not_found(client_for, tier1_staff):
    assert client_for(tier1_staff).get(reverse("knowledge:faq_detail", kwargs={"pk": 424242})).status_code == 404
