"""The answer editor inserts an FAQ answer; the case records the use (timeline + usage row) and the FAQ counts it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.answers.forms import AnswerDraftForm
from madoguchi.cases import services as case_services
from madoguchi.cases.models import CaseEvent
from madoguchi.knowledge.models import FaqUse
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db
P = AnswerDraftForm.prefix


@pytest.fixture
def case_in_work(tier1_staff, tier2_staff):
    return case_services.case_take(
        actor=tier2_staff,
        case=dispatched_case(tier1=tier1_staff, email="jiro@example.jp", phone="03-0000-7777", org_name="見本印刷"),
    )


def test_inserting_appends_the_answer_and_records_the_use(client_for, tier2_staff, case_in_work, published_faq):
    response = client_for(tier2_staff).post(
        reverse("answers:insert_faq", kwargs={"reference": case_in_work.reference}),
        {
            f"{P}-version": "0",
            f"{P}-measures": "まず状況を確認しました。",
            f"{P}-referrals": "",
            f"{P}-channel": "email",
            "faq": str(published_faq.pk),
        },
    )
    assert response.status_code == 302
    draft = case_in_work.answers.get()
    assert draft.measures.startswith("まず状況を確認しました。")
    assert published_faq.measures in draft.measures
    assert FaqUse.objects.filter(faq=published_faq, case=case_in_work, used_by=tier2_staff).count() == 1
    event = CaseEvent.objects.get(case=case_in_work, kind="faq_used")
    assert event.data["faq_id"] == published_faq.pk
    page = client_for(tier2_staff).get(reverse("knowledge:faq_detail", kwargs={"pk": published_faq.pk}))
    assert "回答に1回使われました" in page.content.decode()
    assert case_in_work.reference in page.content.decode()


def test_a_draft_entry_cannot_be_inserted(client_for, tier1_staff, tier2_staff, case_in_work, faq_content):
    from madoguchi.knowledge import faq_services

    draft_faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    response = client_for(tier2_staff).post(
        reverse("answers:insert_faq", kwargs={"reference": case_in_work.reference}),
        {
            f"{P}-version": "0",
            f"{P}-measures": "入力中の文",
            f"{P}-referrals": "",
            f"{P}-channel": "email",
            "faq": str(draft_faq.pk),
        },
    )
    assert response.status_code == 400
    assert "入力中の文" in response.content.decode()
    assert not FaqUse.objects.exists()


def test_usage_lists_only_cases_the_viewer_may_see(
    client_for, tier2_staff, other_tier1_staff, case_in_work, published_faq
):
    from madoguchi.knowledge import faq_services

    faq_services.faq_record_use(actor=tier2_staff, faq=published_faq, case=case_in_work)
    body = (
        client_for(other_tier1_staff)
        .get(reverse("knowledge:faq_detail", kwargs={"pk": published_faq.pk}))
        .content.decode()
    )
    assert "回答に1回使われました" in body
    assert case_in_work.reference not in body
