"""Canned texts (定型文) for answer part ①: tier 2 keeps them, edits are locked and audited, typing survives."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.cases.choices import Category
from madoguchi.core.errors import NotPermitted
from madoguchi.knowledge import selectors, services
from madoguchi.knowledge.models import CannedText

pytestmark = pytest.mark.django_db

BODY = "パスワードを使い回さず、管理者アカウントには多要素認証を設定してください。"


def test_back_office_adds_a_canned_text_and_it_is_audited(client_for, tier2_staff):
    response = client_for(tier2_staff).post(
        reverse("knowledge:canned_create"), {"title": "パスワード対策", "body": BODY, "category": Category.PREVENTION}
    )

    assert response.status_code == 302
    text = CannedText.objects.get()
    assert (text.title, text.body, text.category, text.active) == ("パスワード対策", BODY, "prevention", True)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, target_type="knowledge.CannedText").exists()


@pytest.mark.parametrize("persona", ["tier1_staff", "admin_user"])
def test_front_line_and_admin_cannot_manage_canned_texts(client_for, request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)

    assert client.get(reverse("knowledge:canned_list")).status_code == 403
    assert client.post(reverse("knowledge:canned_create"), {"title": "x", "body": "y"}).status_code == 403
    assert not CannedText.objects.exists()
    with pytest.raises(NotPermitted):
        services.canned_text_create(actor=user, title="x", body="y")


def test_invalid_input_keeps_the_typing_and_says_why_next_to_the_field(client_for, tier2_staff):
    response = client_for(tier2_staff).post(reverse("knowledge:canned_create"), {"title": "", "body": BODY})

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert BODY in page
    assert "このフィールドは必須です" in page or "必須" in page
    assert not CannedText.objects.exists()


def test_duplicate_active_title_is_refused_with_a_message(client_for, tier2_staff):
    services.canned_text_create(actor=tier2_staff, title="パスワード対策", body=BODY)

    response = client_for(tier2_staff).post(
        reverse("knowledge:canned_create"), {"title": "パスワード対策", "body": "別"}
    )

    assert response.status_code == 400
    assert "同じ題名の定型文が既にあります" in response.content.decode()
    assert CannedText.objects.count() == 1


def test_a_second_editor_does_not_overwrite_the_first(client_for, tier2_staff, manager):
    text = services.canned_text_create(actor=tier2_staff, title="バックアップ", body="週に一度は外部媒体に保存する。")
    url = reverse("knowledge:canned_edit", args=[text.pk])
    stale = text.version
    services.canned_text_update(
        actor=manager,
        text=text,
        expected_version=stale,
        title="バックアップ",
        body="毎日、ネットワークから切り離した媒体に保存する。",
        category="",
        active=True,
    )

    mine = "3-2-1 ルールで保存する。"
    response = client_for(tier2_staff).post(
        url, {"title": "バックアップ", "body": mine, "category": "", "active": "on", "version": stale}
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "他の職員がこの定型文を先に更新しました" in page
    assert mine in page
    text.refresh_from_db()
    assert text.body == "毎日、ネットワークから切り離した媒体に保存する。"


def test_retired_texts_are_not_offered_and_the_case_category_comes_first(tier2_staff):
    general = services.canned_text_create(actor=tier2_staff, title="あ 一般", body="一般的な対策")
    crime = services.canned_text_create(actor=tier2_staff, title="い 警察", body="警察への相談", category="crime")
    retired = services.canned_text_create(actor=tier2_staff, title="う 古い", body="古い文面")
    services.canned_text_update(
        actor=tier2_staff,
        text=retired,
        expected_version=retired.version,
        title=retired.title,
        body=retired.body,
        category="",
        active=False,
    )

    assert selectors.canned_texts_for(category="crime") == [crime, general]
    assert selectors.canned_texts_for(category="") == [general, crime]
