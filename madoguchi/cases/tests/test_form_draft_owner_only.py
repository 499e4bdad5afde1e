"""A form draft is read only by the staff member who typed it, in the same login session; reading it is audited."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.cases import services
from madoguchi.core import drafts
from madoguchi.core.models import FormDraft
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

DATA = {"person_name": "架空 一郎", "phone": "03-0000-1111", "police_referral": True}


def _save(client, key="intake:phone", data=None):
    return client.post(
        reverse("cases:form_draft", args=[key]), json.dumps({"data": data or DATA}), content_type="application/json"
    )


def test_owner_saves_and_restores_exactly_and_the_restore_is_audited(client_for, tier1_staff):
    client = client_for(tier1_staff)
    assert _save(client).status_code == 200
    response = client.get(reverse("cases:form_draft", args=["intake:phone"]))
    assert response.status_code == 200
    assert response.json() == {"data": DATA}
    event = AuditEvent.objects.get(action=AuditAction.VIEW_PERSONAL_DATA)
    assert event.actor == tier1_staff
    assert event.detail == {"draft": "intake:phone"}


def test_another_staff_member_cannot_read_the_draft(client_for, tier1_staff, other_tier1_staff):
    _save(client_for(tier1_staff))
    response = client_for(other_tier1_staff).get(reverse("cases:form_draft", args=["intake:phone"]))
    assert response.status_code == 404
    assert "架空" not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).exists()


def test_the_same_user_in_a_new_login_session_is_not_offered_the_draft(client_for, tier1_staff):
    _save(client_for(tier1_staff))
    second_login = client_for(tier1_staff)
    assert second_login.get(reverse("cases:form_draft", args=["intake:phone"])).status_code == 404
    page = second_login.get(reverse("cases:create") + "?channel=phone")
    assert "前回の入力を復元しますか" not in page.content.decode()


def test_anonymous_cannot_save_or_read(anonymous, client_for, tier1_staff):
    _save(client_for(tier1_staff))
    assert anonymous.get(reverse("cases:form_draft", args=["intake:phone"])).status_code in (302, 403, 404)
    _save(anonymous, data={"person_name": "なりすまし"})
    assert FormDraft.objects.get().data == DATA


def test_intake_page_offers_the_draft_without_showing_it(client_for, tier1_staff):
    client = client_for(tier1_staff)
    _save(client)
    page = client.get(reverse("cases:create") + "?channel=phone").content.decode()
    assert "前回の入力を復元しますか" in page
    assert "架空 一郎" not in page
    walk_in = client.get(reverse("cases:create") + "?channel=walkin").content.decode()
    assert "前回の入力を復元しますか" not in walk_in


def test_draft_of_a_case_the_user_cannot_see_is_refused(client_for, tier1_staff, other_tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff)
    drafts_url = reverse("cases:form_draft", args=[f"case:{case.reference}:note"])
    # At tier 2 the case is visible to tier 1 only to whoever received it.
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="prevention",
        urgency=1,
        police_referral=False,
    )
    response = client_for(other_tier1_staff).post(
        drafts_url, json.dumps({"data": {"note-text": "x"}}), content_type="application/json"
    )
    assert response.status_code == 404
    assert not FormDraft.objects.exists()
    assert _save(client_for(tier2_staff), key=f"case:{case.reference}:note", data={"note-text": "x"}).status_code == 200


def test_bad_drafts_are_refused(client_for, tier1_staff):
    client = client_for(tier1_staff)
    assert _save(client, data={"body": "あ" * (drafts.MAX_DRAFT_BYTES // 3 + 10)}).status_code == 400
    nested = client.post(
        reverse("cases:form_draft", args=["intake:phone"]),
        json.dumps({"data": {"x": {"y": 1}}}),
        content_type="application/json",
    )
    assert nested.status_code == 400
    assert client.get(reverse("cases:form_draft", args=["intake:nosuch"])).status_code == 404
    assert not FormDraft.objects.exists()


def test_saving_the_intake_deletes_its_draft(client_for, tier1_staff):
    client = client_for(tier1_staff)
    _save(client)
    response = client.post(
        reverse("cases:create") + "?channel=phone",
        {
            "channel": "phone",
            "received_at": "2026-12-01T10:00",
            "person_name": "架空 一郎",
            "phone": "03-0000-1111",
            "subject": "不審なメール",
            "body": "添付ファイルを開いた。",
            "urgency": "1",
            "prefecture": "東京都",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not FormDraft.objects.exists()
