"""Personal-data access, case creation and logins each leave one append-only audit row."""

from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Case
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

OFFICE_IP = "198.51.100.23"  # documentation range (RFC 5737): fictional desk PC
PASSWORD = "correct-horse-battery"  # UserFactory's password


def _client(ip: str = OFFICE_IP) -> Client:
    return Client(REMOTE_ADDR=ip, HTTP_USER_AGENT="MadoguchiTest/1.0")


def test_viewing_a_case_records_view_personal_data_with_actor_target_and_ip(tier1_staff):
    case = make_case(actor=tier1_staff)
    client = _client()
    client.force_login(tier1_staff)
    before = AuditEvent.objects.count()

    response = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))

    assert response.status_code == 200
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.action for e in events] == [AuditAction.VIEW_PERSONAL_DATA]
    event = events[0]
    assert event.actor == tier1_staff
    assert event.actor_username == "tier1"
    assert event.target_type == "cases.Case"
    assert event.target_id == str(case.pk)
    assert event.target_repr == str(case)
    assert event.ip_address == OFFICE_IP
    assert event.user_agent == "MadoguchiTest/1.0"


def test_a_case_another_user_cannot_see_is_not_recorded_as_viewed(tier1_staff, tier2_staff):
    # A 404 must not leave a "viewed" row: nobody saw the consulter's details.
    case = make_case(actor=tier2_staff)
    Case.objects.filter(pk=case.pk).update(tier=Tier.BACK)
    client = _client()
    client.force_login(tier1_staff)
    before = AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).count()

    response = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).count() == before


def test_creating_a_case_through_the_intake_view_records_create(tier1_staff):
    client = _client()
    client.force_login(tier1_staff)

    response = client.post(
        reverse("cases:create"),
        {
            "channel": "phone",
            "subject": "ランサムウェアの脅迫画面が表示された",
            "body": "朝出社したら共有フォルダのファイルが開けなくなっていた。",
            "urgency": "2",
            "org_name": "株式会社サンプル商事",
            "person_name": "架空 太郎",
            "phone": "03-0000-0000",
            "email": "taro@sample-shoji.example.jp",
            "prefecture": "東京都",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    event = AuditEvent.objects.get(action=AuditAction.CREATE)
    assert event.actor == tier1_staff
    assert (event.target_type, event.target_id) == ("cases.Case", str(case.pk))
    assert event.ip_address == OFFICE_IP


def test_invalid_intake_records_no_create(tier1_staff):
    client = _client()
    client.force_login(tier1_staff)

    response = client.post(reverse("cases:create"), {"channel": "phone", "urgency": "2", "body": ""})

    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_login_and_logout_through_the_views_are_recorded(tier1_staff):
    client = _client()

    response = client.post(reverse("accounts:login"), {"username": "tier1", "password": PASSWORD})
    assert response.status_code == 302
    login = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert login.actor == tier1_staff
    assert login.ip_address == OFFICE_IP

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    logout = AuditEvent.objects.get(action=AuditAction.LOGOUT)
    assert logout.actor == tier1_staff
    assert logout.actor_username == "tier1"
    assert logout.ip_address == OFFICE_IP


def test_failed_login_records_the_username_and_never_the_password(tier1_staff):
    wrong_password = "Kakuu-Himitsu-7429xyz"
    client = _client()

    response = client.post(reverse("accounts:login"), {"username": "tier1", "password": wrong_password})

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.actor_username == "tier1"
    assert event.ip_address == OFFICE_IP
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
    # Every column, the detail JSON included, serialised together: the password must not be in any of them.
    row = model_to_dict(event)
    row["at"] = event.at.isoformat()
    dumped = json.dumps(row, ensure_ascii=False, default=str)
    assert "tier1" in dumped  # the search below looks at real content
    assert wrong_password not in dumped
    assert "Himitsu" not in dumped
    # The lockout bookkeeping keeps the attempt too: it must mask the password as well.
    for model in (AccessAttempt, AccessFailureLog):
        for stored in model.objects.all():
            assert wrong_password not in json.dumps(model_to_dict(stored), ensure_ascii=False, default=str)


def test_failed_login_for_an_unknown_user_is_recorded_with_the_typed_name(db):
    client = _client()

    client.post(reverse("accounts:login"), {"username": "nobody-kakuu", "password": "Kakuu-Himitsu-7429xyz"})

    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor_username == "nobody-kakuu"
    assert "Kakuu-Himitsu" not in json.dumps(model_to_dict(event), ensure_ascii=False, default=str)


def test_audit_event_cannot_be_updated_or_deleted_through_the_model(tier1_staff):
    event = audit.record(action=AuditAction.EXPORT, actor=tier1_staff, detail={"what": "cases"})

    event.detail = {"what": "nothing"}
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.detail == {"what": "cases"}
