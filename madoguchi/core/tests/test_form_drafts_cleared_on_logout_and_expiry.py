"""Form drafts end with the login session: logout, session expiry, 24 hours, and the purge command clear them."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from madoguchi.core import drafts
from madoguchi.core.models import FormDraft

pytestmark = pytest.mark.django_db


def _save(client, key="intake:phone"):
    response = client.post(
        reverse("cases:form_draft", args=[key]),
        json.dumps({"data": {"person_name": "架空 一郎"}}),
        content_type="application/json",
    )
    assert response.status_code == 200


def test_logout_clears_the_drafts_of_the_session(client_for, tier1_staff, other_tier1_staff):
    client = client_for(tier1_staff)
    _save(client)
    _save(client_for(other_tier1_staff))
    client.post(reverse("accounts:logout"))
    assert not FormDraft.objects.filter(user=tier1_staff).exists()
    assert FormDraft.objects.filter(user=other_tier1_staff).count() == 1


def test_session_expiry_makes_the_draft_unavailable_and_purge_deletes_it(client_for, tier1_staff):
    client = client_for(tier1_staff)
    _save(client)
    draft = FormDraft.objects.get()
    Session.objects.filter(session_key=draft.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert drafts.drafts_purge() == 1
    assert not FormDraft.objects.exists()


def test_purge_command_deletes_drafts_of_ended_sessions_and_old_drafts_only(client_for, tier1_staff, tier2_staff):
    live = client_for(tier1_staff)
    _save(live)
    _save(live, key="intake:walkin")
    _save(client_for(tier2_staff))
    FormDraft.objects.filter(user=tier1_staff, form_key="intake:walkin").update(
        updated_at=timezone.now() - drafts.DRAFT_TTL - dt.timedelta(minutes=1)
    )
    ended = FormDraft.objects.get(user=tier2_staff).session_key
    Session.objects.filter(session_key=ended).delete()
    out = StringIO()
    call_command("purge_form_drafts", stdout=out)
    assert "2" in out.getvalue()
    assert list(FormDraft.objects.values_list("user__username", "form_key")) == [("tier1", "intake:phone")]


def test_an_expired_draft_is_not_offered_before_the_purge_runs(client_for, tier1_staff):
    client = client_for(tier1_staff)
    _save(client)
    FormDraft.objects.update(updated_at=timezone.now() - drafts.DRAFT_TTL - dt.timedelta(minutes=1))
    assert client.get(reverse("cases:form_draft", args=["intake:phone"])).status_code == 404


def test_login_after_session_expiry_clears_the_old_sessions_drafts(client, client_for, tier1_staff):
    _save(client_for(tier1_staff))
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(reverse("accounts:login"), {"username": "tier1", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not FormDraft.objects.exists()
