"""Autosave goes through the same service and optimistic lock as 回答案を保存 and never overwrites."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft
from madoguchi.cases import services as case_services
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tier1_staff, tier2_staff):
    return case_services.case_take(actor=tier2_staff, case=dispatched_case(tier1=tier1_staff))


def _autosave(client, case, **fields):
    data = {f"answer-{k}": v for k, v in fields.items()}
    url = reverse("answers:autosave", kwargs={"reference": case.reference})
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_first_autosave_creates_the_draft_and_returns_its_version(client_for, tier2_staff, case):
    client = client_for(tier2_staff)
    response = _autosave(client, case, measures="下書き\r\n二行目", referrals="", channel="phone", version="0")
    assert response.status_code == 200
    data = response.json()
    draft = AnswerDraft.objects.get(case=case)
    assert data["version"] == draft.version
    assert data["message"].startswith("自動保存しました ")
    assert draft.measures == "下書き\n二行目"
    again = _autosave(client, case, measures="続き", referrals="", channel="phone", version=data["version"])
    assert again.status_code == 200
    assert AnswerDraft.objects.get(case=case).measures == "続き"


def test_conflicting_autosave_is_refused_and_overwrites_nothing(client_for, tier2_staff, case):
    draft = services.answer_save_draft(
        actor=tier2_staff, case=case, measures="最初", referrals="", channel="phone", expected_version=None
    )
    colleague = UserFactory(username="tier2b", role=tier2_staff.role)
    services.answer_save_draft(
        actor=colleague, case=case, measures="同僚の版", referrals="", channel="phone", expected_version=draft.version
    )
    response = _autosave(
        client_for(tier2_staff), case, measures="古い画面から", referrals="", channel="phone", version=draft.version
    )
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert "他の職員がこの回答案を先に保存しました" in response.json()["error"]
    assert AnswerDraft.objects.get(case=case).measures == "同僚の版"


def test_invalid_autosave_explains_in_japanese(client_for, tier2_staff, case):
    response = _autosave(client_for(tier2_staff), case, measures="", referrals="", channel="phone")
    assert response.status_code == 400
    assert "① 具体的な対策を入力してください" in response.json()["error"]
    assert not AnswerDraft.objects.exists()


def test_tier1_cannot_autosave(client_for, tier1_staff, case):
    response = _autosave(client_for(tier1_staff), case, measures="x", referrals="", channel="phone")
    assert response.status_code == 403
