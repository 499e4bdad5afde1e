"""The similar-consultations panel lists matching FAQ entries first, and turns closed cases into an FAQ draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge.models import FaqEntry
from madoguchi.testing.factories import make_case
from madoguchi.testing.pages import similar_panel_html

pytestmark = pytest.mark.django_db


def test_matching_faq_entries_come_first(client_for, tier1_staff, published_faq):
    make_case(
        actor=tier1_staff,
        subject="パスワードを使い回している",
        body="全部のサービスで同じパスワードを使っています。",
        email="a@example.jp",
        phone="03-0000-1111",
        org_name="見本A",
    )
    case = make_case(
        actor=tier1_staff,
        subject="パスワードを使い回しているが危ないか",
        body="全部のサービスで同じパスワードを使っています。危ないですか。",
        email="b@example.jp",
        phone="03-0000-2222",
        org_name="見本B",
    )
    body = similar_panel_html(client_for(tier1_staff), case)
    panel = body[body.index('id="similar"') :]
    first_item = panel[panel.index("similar-item") :]
    assert "similar-faq" in first_item[:40]
    assert published_faq.title in panel


def test_a_closed_case_becomes_a_masked_draft_from_the_panel(client_for, tier2_staff, closed_case):
    client = client_for(tier2_staff)
    page = similar_panel_html(client, closed_case)
    assert 'id="faq-from-cases-button"' in page
    response = client.post(reverse("knowledge:faq_from_cases"), {"cases": [closed_case.reference]})
    faq = FaqEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == faq.get_absolute_url()
    assert "架空 太郎" not in faq.questions[0]


def test_a_case_the_user_cannot_see_is_not_found(client_for, tier1_staff, other_tier1_staff, tier2_staff):
    from madoguchi.testing.factories import dispatched_case

    # Dispatched by tier 1 and not received by the other tier-1 member: invisible to them.
    case = dispatched_case(tier1=tier1_staff)
    response = client_for(other_tier1_staff).post(reverse("knowledge:faq_from_cases"), {"cases": [case.reference]})
    assert response.status_code == 404
    assert not FaqEntry.objects.exists()
