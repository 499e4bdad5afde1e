"""Consultations over the API: created through the intake service, listed and read with the UI's access rules."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.choices import Channel
from madoguchi.cases.models import Case
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "org_name": "株式会社架空ネット",
    "person_name": "架空 次郎",
    "email": "jiro@kakuu-net.example.jp",
    "phone": "03-0000-1111",
    "body": "取引先を名乗るメールで請求先口座の変更を求められた。",
    "consent": True,
}


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_front_staff_creates_a_consultation_through_the_web_intake(api_client_for, tier1_staff):
    response = _post(api_client_for(tier1_staff), reverse("api:consultations"), PAYLOAD)
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.channel == Channel.WEB
    assert case.person.email == PAYLOAD["email"]
    assert case.organization.name == PAYLOAD["org_name"]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, target_id=str(case.pk), actor=tier1_staff).exists()


def test_the_public_forms_validation_applies(api_client_for, tier1_staff):
    response = _post(api_client_for(tier1_staff), reverse("api:consultations"), {**PAYLOAD, "email": "not-an-address"})
    assert response.status_code == 400
    assert "email" in response.json()
    assert not Case.objects.exists()


def test_consent_is_required(api_client_for, tier1_staff):
    response = _post(api_client_for(tier1_staff), reverse("api:consultations"), {**PAYLOAD, "consent": False})
    assert response.status_code == 400
    assert response.json()["consent"] == ["個人情報の取扱いに同意いただく必要があります。"]
    assert not Case.objects.exists()


def test_admin_cannot_create_consultations(api_client_for, admin_user):
    response = _post(api_client_for(admin_user), reverse("api:consultations"), PAYLOAD)
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_list_is_filtered_like_the_desk(api_client_for, tier1_staff, other_tier1_staff, tier2_staff):
    mine = make_case(actor=tier1_staff)
    back_office = dispatched_case(tier1=other_tier1_staff)
    client = api_client_for(tier1_staff)
    references = {row["reference"] for row in client.get(reverse("api:consultations")).json()["results"]}
    assert mine.reference in references
    assert back_office.reference not in references
    tier2_refs = {
        r["reference"] for r in api_client_for(tier2_staff).get(reverse("api:consultations")).json()["results"]
    }
    assert {mine.reference, back_office.reference} <= tier2_refs


def test_list_is_paginated(api_client_for, tier1_staff):
    for _ in range(3):
        make_case(actor=tier1_staff)
    body = api_client_for(tier1_staff).get(reverse("api:consultations"), {"limit": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


def test_reading_a_consultation_is_audited(api_client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    response = api_client_for(tier1_staff).get(reverse("api:consultation", kwargs={"reference": case.reference}))
    assert response.status_code == 200
    assert response.json()["person_email"] == case.person.email
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW_PERSONAL_DATA, target_id=str(case.pk), actor=tier1_staff
    ).exists()


def test_another_staff_members_back_office_case_is_404_like_a_missing_one(
    api_client_for, tier1_staff, other_tier1_staff
):
    hidden = dispatched_case(tier1=other_tier1_staff)
    client = api_client_for(tier1_staff)
    forbidden = client.get(reverse("api:consultation", kwargs={"reference": hidden.reference}))
    missing = client.get(reverse("api:consultation", kwargs={"reference": "2099-999999"}))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).exists()


def test_creating_queues_the_acknowledgement_like_the_web_form(api_client_for, tier1_staff):
    response = _post(api_client_for(tier1_staff), reverse("api:consultations"), PAYLOAD)
    case = Case.objects.get(reference=response.json()["reference"])
    # The acknowledgement to the consulter (and the desk's notification, when configured).
    assert [PAYLOAD["email"]] in [m.to for m in OutboundEmail.objects.filter(case=case)]
