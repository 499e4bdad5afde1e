"""The review buttons and the masking forms on the FAQ page: the service decides, the page says why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services
from madoguchi.knowledge.models import FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(tier1_staff, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier1_staff, cases=[closed_case])
    return faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="in_review")


def _status(client, faq, to):
    return client.post(reverse("knowledge:faq_transition", kwargs={"pk": faq.pk}), {"to": to, "version": faq.version})


def test_tier1_cannot_publish_and_is_told_why(client_for, tier1_staff, in_review):
    client = client_for(tier1_staff)
    response = _status(client, in_review, "published")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "確認・公開する権限がありません" in page
    assert FaqEntry.objects.get().status == "in_review"


def test_the_reviewer_adjusts_the_masking_and_publishes(client_for, tier2_staff, in_review):
    client = client_for(tier2_staff)
    url = reverse("knowledge:faq_mask", kwargs={"pk": in_review.pk})
    client.post(url, {"text": "Windows", "span_type": "id", "version": in_review.version})
    faq = FaqEntry.objects.get()
    assert "Windows" not in "\n".join(faq.questions)
    client.post(reverse("knowledge:faq_unmask", kwargs={"pk": faq.pk, "index": 0}), {"version": faq.version})
    faq.refresh_from_db()
    response = _status(client, faq, "published")
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.status == "published" and faq.reviewed_by == tier2_staff


def test_a_stale_screen_does_not_publish(client_for, tier2_staff, in_review):
    stale = in_review.version
    faq_services.faq_mask_text(actor=tier2_staff, faq=in_review, expected_version=stale, text="Windows", span_type="id")
    client_for(tier2_staff).post(
        reverse("knowledge:faq_transition", kwargs={"pk": in_review.pk}), {"to": "published", "version": stale}
    )
    assert FaqEntry.objects.get().status == "in_review"
