"""The mail preview: rendered by the outbox's own render path, shown before anything is queued."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.answers import services
from madoguchi.cases import services as case_services
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tier1_staff, tier2_staff):
    return case_services.case_take(actor=tier2_staff, case=dispatched_case(tier1=tier1_staff))


def _draft(case, actor, channel="email"):
    return services.answer_save_draft(
        actor=actor, case=case, measures="端末を隔離する", referrals="", channel=channel, expected_version=None
    )


def test_preview_shows_address_subject_body_and_signature(client_for, tier2_staff, case):
    draft = _draft(case, tier2_staff)
    response = client_for(tier2_staff).get(reverse("answers:preview", kwargs={"reference": case.reference}))
    assert response.status_code == 200
    page = response.content.decode()
    mail = services.answer_mail_preview(draft=draft)
    assert case.reference in mail.subject  # the outbox's subject prefix is part of the preview
    assert mail.subject in page
    assert "端末を隔離する" in page and case.person.email in page
    assert f'name="version" value="{draft.version}"' in page
    assert AuditEvent.objects.filter(action="view_personal_data", target_id=str(case.pk)).exists()


def test_phone_answer_has_no_mail_preview(client_for, tier2_staff, case):
    _draft(case, tier2_staff, channel="phone")
    response = client_for(tier2_staff).get(reverse("answers:preview", kwargs={"reference": case.reference}))
    assert response.status_code == 302


def test_preview_without_draft_is_404(client_for, tier2_staff, case):
    response = client_for(tier2_staff).get(reverse("answers:preview", kwargs={"reference": case.reference}))
    assert response.status_code == 404


def test_tier1_cannot_preview(client_for, tier1_staff, tier2_staff, case):
    _draft(case, tier2_staff)
    response = client_for(tier1_staff).get(reverse("answers:preview", kwargs={"reference": case.reference}))
    assert response.status_code == 403
