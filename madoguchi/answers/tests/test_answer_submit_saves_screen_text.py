"""「承認を依頼する」 sends the manager exactly the texts on the screen, saved first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tier1_staff, tier2_staff):
    crime = dispatched_case(tier1=tier1_staff, category=Category.CRIME)
    return case_services.case_take(actor=tier2_staff, case=crime)


def test_submit_saves_the_unsaved_edit_first(client_for, tier2_staff, case):
    draft = services.answer_save_draft(
        actor=tier2_staff, case=case, measures="古い下書き", referrals="", channel="phone", expected_version=None
    )
    url = reverse("answers:submit", kwargs={"reference": case.reference})
    data = {"answer-measures": "承認してほしい版", "answer-referrals": "", "answer-channel": "phone"}
    response = client_for(tier2_staff).post(url, {**data, "answer-version": draft.version})
    assert response.status_code == 302
    answer = AnswerDraft.objects.get(pk=draft.pk)
    assert (answer.status, answer.measures) == (AnswerStatus.PENDING_APPROVAL, "承認してほしい版")


def test_submit_with_empty_part_one_keeps_part_two(client_for, tier2_staff, case):
    url = reverse("answers:submit", kwargs={"reference": case.reference})
    data = {"answer-measures": "", "answer-referrals": "残すべき紹介先", "answer-channel": "phone"}
    response = client_for(tier2_staff).post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "① 具体的な対策を入力してください" in page and "残すべき紹介先" in page
    assert not AnswerDraft.objects.exists()
