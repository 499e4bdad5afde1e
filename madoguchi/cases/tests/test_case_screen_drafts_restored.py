"""The case screen gives a staff member back their own unsaved typing; a saved form's draft is gone."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.cases import services
from madoguchi.cases.models import Callback
from madoguchi.core.models import FormDraft
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _save(client, key, data):
    response = client.post(
        reverse("cases:form_draft", args=[key]), json.dumps({"data": data}), content_type="application/json"
    )
    assert response.status_code == 200


def test_own_drafts_come_back_into_their_forms_and_the_version_stays_current(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    client = client_for(tier1_staff)
    _save(client, f"case:{case.reference}:note", {"note-kind": "call_in", "note-text": "先方から再度の電話あり"})
    _save(client, f"case:{case.reference}:triage", {"triage-category": "crime", "triage-version": "999"})
    page = client.get(reverse("cases:detail", args=[case.reference]))
    form = page.context["triage_form"]
    assert form["category"].value() == "crime"
    assert form["version"].value() == case.version
    assert page.context["note_form"]["text"].value() == "先方から再度の電話あり"
    assert "先方から再度の電話あり</textarea>" in page.content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA, detail__has_key="drafts").get()
    assert sorted(event.detail["drafts"]) == [f"case:{case.reference}:note", f"case:{case.reference}:triage"]


def test_callback_outcome_draft_comes_back(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    services.case_hold_for_callback(
        actor=tier1_staff, case=case, phone="03-0000-0000", due_at=case.received_at, note=""
    )
    callback = Callback.objects.get()
    client = client_for(tier1_staff)
    _save(client, f"case:{case.reference}:callback_done:{callback.pk}", {"callback_done-outcome": "留守電に伝言"})
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "留守電に伝言</textarea>" in page


def test_a_saved_note_deletes_its_draft_but_not_the_others(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    client = client_for(tier1_staff)
    _save(client, f"case:{case.reference}:note", {"note-text": "途中"})
    _save(client, f"case:{case.reference}:callback", {"callback-note": "午後に折り返し"})
    response = client.post(
        reverse("cases:note", args=[case.reference]), {"note-kind": "note", "note-text": "記録した内容"}
    )
    assert response.status_code == 302
    assert list(FormDraft.objects.values_list("form_key", flat=True)) == [f"case:{case.reference}:callback"]


def test_another_users_draft_is_not_shown(client_for, tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff)
    _save(client_for(tier1_staff), f"case:{case.reference}:note", {"note-text": "一次の下書き"})
    page = client_for(tier2_staff).get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "一次の下書き" not in page
