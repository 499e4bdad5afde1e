"""Every issue, use and failed use of an enrolment code is in the audit log, and the code itself never is."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import services
from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.accounts.roles import Role

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:otp_setup")


def _row_text(event: AuditEvent) -> str:
    return " ".join([event.actor_username, event.target_repr, json.dumps(event.detail)]).upper()


def test_issue_failure_and_use_are_audited_without_the_code(admin_user):
    user, first = services.staff_create(
        actor=admin_user,
        username="kakuu-audit",
        display_name="架空 監査",
        role=Role.FRONT,
        password="long-enough-pass-2026",
    )
    second = services.enrolment_code_issue(actor=admin_user, user=user)
    client = Client(REMOTE_ADDR="198.51.100.20")
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    token = f"{TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token():06d}"

    client.post(SETUP, {"enrolment_code": first, "token": token})  # replaced by the second: refused
    assert client.post(SETUP, {"enrolment_code": second, "token": token}).status_code == 302

    issued = AuditEvent.objects.filter(action=AuditAction.ENROLMENT_CODE_ISSUED, target_id=str(user.pk))
    assert [e.actor for e in issued.order_by("id")] == [admin_user, admin_user]
    assert [e.detail["reason"] for e in issued.order_by("id")] == ["create", "reissue"]
    failed = AuditEvent.objects.get(action=AuditAction.ENROLMENT_CODE_FAILED, actor=user)
    assert failed.detail == {"reason": "wrong", "failed_attempts": 1}
    assert failed.ip_address == "198.51.100.20"
    assert AuditEvent.objects.filter(action=AuditAction.ENROLMENT_CODE_USED, actor=user).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.OTP_ENROLLED, actor=user).count() == 1
    for event in AuditEvent.objects.all():
        assert first not in _row_text(event) and second not in _row_text(event)


def test_a_reset_is_audited_as_an_update_and_an_issue(admin_user, tier2_staff):
    TOTPDevice.objects.create(user=tier2_staff, name="phone", confirmed=True)

    code = services.staff_reset_second_factor(actor=admin_user, user=tier2_staff)

    update = AuditEvent.objects.get(action=AuditAction.UPDATE, target_id=str(tier2_staff.pk))
    assert update.detail == {"second_factor": "reset", "devices": 1}
    issued = AuditEvent.objects.get(action=AuditAction.ENROLMENT_CODE_ISSUED, target_id=str(tier2_staff.pk))
    assert issued.detail["reason"] == "reset"
    assert code not in _row_text(issued)


def test_a_code_issued_at_the_command_line_is_audited_as_manage_py(tier1_staff):
    services.enrolment_code_issue(actor=None, user=tier1_staff)

    event = AuditEvent.objects.get(action=AuditAction.ENROLMENT_CODE_ISSUED)
    assert event.actor is None and event.actor_username == "manage.py"
