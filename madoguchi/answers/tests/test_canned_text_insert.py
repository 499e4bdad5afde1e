"""A canned text (定型文) goes into answer part ① without losing what was typed (the no-script path)."""

from __future__ import annotations

import html as html_lib

import pytest
from django.urls import reverse

from madoguchi.answers.models import AnswerDraft
from madoguchi.answers.services import NO_DRAFT_VERSION
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.knowledge import services as knowledge_services

pytestmark = pytest.mark.django_db

TYPED = "まず取引銀行に連絡し、口座の利用停止を依頼してください。"
CANNED = "パスワードを使い回さず、管理者アカウントには多要素認証を設定してください。"


@pytest.fixture
def case(tier1_staff, tier2_staff):
    return case_in_progress(tier1=tier1_staff, tier2=tier2_staff)


@pytest.fixture
def canned(tier2_staff):
    return knowledge_services.canned_text_create(actor=tier2_staff, title="多要素認証", body=CANNED, category="crime")


def _post(client, case, **data):
    return client.post(reverse("answers:insert_canned", kwargs={"reference": case.reference}), data)


def test_canned_text_is_appended_to_the_typed_part_one_and_saved(client_for, tier2_staff, case, canned):
    response = _post(
        client_for(tier2_staff),
        case,
        **{
            "answer-version": str(NO_DRAFT_VERSION),
            "answer-measures": TYPED,
            "answer-referrals": "メモ",
            "answer-channel": "email",
            "canned": str(canned.pk),
        },
    )

    assert response.status_code == 302
    draft = AnswerDraft.objects.get(case=case)
    assert draft.measures == f"{TYPED}\n\n{CANNED}"
    assert draft.referrals == "メモ"
    assert draft.author == tier2_staff


def test_no_canned_text_chosen_keeps_the_typing(client_for, tier2_staff, case):
    response = _post(
        client_for(tier2_staff),
        case,
        **{"answer-version": "0", "answer-measures": TYPED, "answer-channel": "email", "canned": "999999"},
    )

    assert response.status_code == 400
    assert TYPED in html_lib.unescape(response.content.decode())
    assert not AnswerDraft.objects.filter(case=case).exists()


def test_front_line_cannot_insert(client_for, tier1_staff, case, canned):
    response = _post(client_for(tier1_staff), case, **{"answer-measures": TYPED, "canned": str(canned.pk)})

    assert response.status_code == 403
    assert not AnswerDraft.objects.filter(case=case).exists()


def test_the_editor_offers_the_case_category_first(client_for, tier2_staff, case, canned):
    knowledge_services.canned_text_create(actor=tier2_staff, title="あ バックアップ", body="毎日保存する。")

    page = html_lib.unescape(client_for(tier2_staff).get(case.get_absolute_url()).content.decode())

    select = page[page.index('<select id="canned-text"') :]
    select = select[: select.index("</select>")]
    assert select.index("多要素認証") < select.index("あ バックアップ")
    assert f'data-body="{CANNED}"' in select
