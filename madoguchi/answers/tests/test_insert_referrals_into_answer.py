"""Chosen organisations, each dated with its last confirmation, go into answer part ② without losing typed text."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from madoguchi.answers.models import AnswerDraft
from madoguchi.cases.choices import Category
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", app=["referrals"], stdout=io.StringIO())


@pytest.fixture
def tier2_case(db, tier1_staff):
    return dispatched_case(
        tier1=tier1_staff,
        category=Category.CRIME,
        subject="ネットバンキングで不正送金された",
        body="経理担当がネットバンキングを確認したところ、身に覚えのない振込があり預金残高が減っていた。",
    )


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="answer-{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "answer form not on the page"
    return html_lib.unescape(match.group(1)).lstrip("\n")


def _url(case) -> str:
    return reverse("answers:insert_referrals", kwargs={"reference": case.reference})


def test_editor_script_gets_the_text_only(client_for, tier2_staff, tier2_case, reference_data):
    response = client_for(tier2_staff).post(
        _url(tier2_case),
        {"organizations": ["mpd_cybercrime_division", "local_police_station"]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    text = response.json()["text"]
    assert "警視庁 サイバー犯罪対策課（サイバー犯罪相談）" in text
    assert "電話：03-5805-1731（平日 8:30〜17:15）" in text
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日時点" not in text
    assert "に確認した情報です" in text
    assert text.index("サイバー犯罪対策課") < text.index("管轄の警察署")
    assert not AnswerDraft.objects.exists()  # the editor inserts it; the autosave stores it


def test_without_script_typed_text_is_kept_and_saved(client_for, tier2_staff, tier2_case, reference_data):
    client = client_for(tier2_staff)
    response = client.post(
        _url(tier2_case),
        {
            "organizations": ["mpd_cybercrime_division"],
            "answer-measures": "パスワードを変更してください。",
            "answer-referrals": "自分で書いた紹介先",
            "answer-channel": "phone",
            "answer-version": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert _textarea(page, "measures") == "パスワードを変更してください。"
    part_two = _textarea(page, "referrals")
    assert part_two.startswith("自分で書いた紹介先\n\n■ 警視庁 サイバー犯罪対策課")
    draft = AnswerDraft.objects.get(case=tier2_case)
    assert draft.measures == "パスワードを変更してください。"
    assert draft.referrals == part_two.replace("\r\n", "\n")
    # Reloading shows the stored text, inserted once.
    again = _textarea(client.get(tier2_case.get_absolute_url()).content.decode(), "referrals")
    assert again.count("03-5805-1731") == 1


def test_without_script_and_empty_part_one_nothing_is_lost(client_for, tier2_staff, tier2_case, reference_data):
    response = client_for(tier2_staff).post(
        _url(tier2_case),
        {
            "organizations": ["houterasu"],
            "answer-version": "0",
            "answer-measures": "",
            "answer-referrals": "メモ",
            "answer-channel": "phone",
        },
    )
    assert response.status_code == 200
    part_two = _textarea(response.content.decode(), "referrals")
    assert part_two.startswith("メモ\n\n")
    assert "法テラス" in part_two
    assert not AnswerDraft.objects.exists()


def test_nothing_chosen_is_refused(client_for, tier2_staff, tier2_case, reference_data):
    client = client_for(tier2_staff)
    response = client.post(_url(tier2_case), {"answer-measures": "対策の下書き", "answer-channel": "phone"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "挿入する紹介先を選んでください" in page
    assert _textarea(page, "measures") == "対策の下書き"
    json_response = client.post(_url(tier2_case), {}, HTTP_ACCEPT="application/json")
    assert json_response.status_code == 400
    assert "挿入する紹介先を選んでください" in json_response.json()["error"]


def test_unknown_code_is_refused(client_for, tier2_staff, tier2_case, reference_data):
    response = client_for(tier2_staff).post(_url(tier2_case), {"organizations": ["no_such_org"]})
    assert response.status_code == 400


def test_tier1_cannot_insert(client_for, tier1_staff, tier2_case, reference_data):
    response = client_for(tier1_staff).post(_url(tier2_case), {"organizations": ["houterasu"]})
    assert response.status_code == 403


def test_missing_case_is_404(client_for, tier2_staff, reference_data):
    url = reverse("answers:insert_referrals", kwargs={"reference": "2099-99999"})
    assert client_for(tier2_staff).post(url, {"organizations": ["houterasu"]}).status_code == 404
