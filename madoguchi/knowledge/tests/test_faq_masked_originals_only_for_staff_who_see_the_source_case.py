"""The originals behind an FAQ draft's masks are the source consultation's personal data: a front-line member who
may not open that consultation (dispatched to the back office by someone else) sees the masked draft, never the
originals, cannot unmask one, and is not shown the consultation in the entry's sources (issue 15, no IDOR)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import NotPermitted
from madoguchi.knowledge import faq_services
from madoguchi.knowledge.models import FaqEntry
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db

NAME = "架空 太郎"


@pytest.fixture
def back_office_faq(tier2_staff):
    owner = UserFactory(username="faq-source-owner", role=Role.FRONT)
    case = dispatched_case(
        tier1=owner,
        subject="架空 太郎です。パスワードを使い回していた",
        body="株式会社サンプル商事の架空 太郎です。連絡先は03-0000-0000です。",
    )
    # Answered and closed by tier 2 (the answer workflow itself is not what this file is about).
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, resolution="多要素認証を案内した。")
    case.refresh_from_db()
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[case])
    assert any(s["original"] == NAME for s in faq.mask_spans)
    return faq


def test_front_line_member_sees_the_masked_draft_without_the_originals(client_for, other_tier1_staff, back_office_faq):
    response = client_for(other_tier1_staff).get(reverse("knowledge:faq_detail", args=[back_office_faq.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "〈氏名〉" in body
    assert NAME not in body
    assert "03-0000-0000" not in body
    assert 'id="mask-spans"' not in body
    assert reverse("cases:detail", args=[back_office_faq.source_cases.get().reference]) not in body


def test_tier2_who_sees_the_case_still_reviews_the_originals(client_for, tier2_staff, back_office_faq):
    response = client_for(tier2_staff).get(reverse("knowledge:faq_detail", args=[back_office_faq.pk]))
    assert response.status_code == 200
    assert NAME in response.content.decode()


def test_front_line_member_cannot_unmask_through_the_url(client_for, other_tier1_staff, back_office_faq):
    index = next(i for i, s in enumerate(back_office_faq.mask_spans) if s["original"] == NAME)
    url = reverse("knowledge:faq_unmask", args=[back_office_faq.pk, index])
    response = client_for(other_tier1_staff).post(url, {"version": back_office_faq.version})
    assert response.status_code == 404
    faq = FaqEntry.objects.get(pk=back_office_faq.pk)
    assert faq.version == back_office_faq.version
    assert NAME not in faq.title + "".join(faq.questions) + faq.measures


def test_the_service_refuses_to_unmask_for_someone_who_cannot_see_the_case(other_tier1_staff, back_office_faq):
    index = next(i for i, s in enumerate(back_office_faq.mask_spans) if s["original"] == NAME)
    with pytest.raises(NotPermitted):
        faq_services.faq_unmask_span(
            actor=other_tier1_staff, faq=back_office_faq, expected_version=back_office_faq.version, index=index
        )
