"""Admins register staff, set roles, reset a lost authenticator and choose which roles need 2FA."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import AuditEvent, SecurityPolicy, User

pytestmark = pytest.mark.django_db


def test_admin_registers_a_staff_member_with_a_role(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("accounts:staff_create"),
        {"username": "newfront", "display_name": "新人 一郎", "role": "front", "password": "long-enough-pass-2026"},
    )
    # The result page (not a redirect) shows the new account's one-time enrolment code.
    assert response.status_code == 200
    assert 'id="enrolment-code"' in response.content.decode()
    user = User.objects.get(username="newfront")
    assert user.role == "front" and user.check_password("long-enough-pass-2026")
    assert AuditEvent.objects.filter(action="create", target_id=str(user.pk), actor=admin_user).exists()


def test_weak_password_and_duplicate_name_get_messages_next_to_the_field(client_for, admin_user, tier1_staff):
    client = client_for(admin_user)
    response = client.post(
        reverse("accounts:staff_create"),
        {"username": "tier1", "display_name": "重複", "role": "front", "password": "long-enough-pass-2026"},
    )
    assert response.status_code == 400
    assert "このユーザー名は既に使われています。" in response.content.decode()
    response = client.post(
        reverse("accounts:staff_create"),
        {"username": "weak", "display_name": "弱い", "role": "front", "password": "short"},
    )
    assert response.status_code == 400
    assert "パスワードは12文字以上にしてください。" in response.content.decode()
    assert "弱い" in response.content.decode(), "what was typed is kept"
    assert not User.objects.filter(username="weak").exists()


def test_role_change_is_audited_and_admin_cannot_demote_themselves(client_for, admin_user, tier1_staff):
    client = client_for(admin_user)
    url = reverse("accounts:staff_edit", kwargs={"pk": tier1_staff.pk})
    response = client.post(url, {"display_name": "一次 花子", "role": "back", "is_active": "on"})
    assert response.status_code == 302
    tier1_staff.refresh_from_db()
    assert tier1_staff.role == "back"
    event = AuditEvent.objects.filter(action="update", target_id=str(tier1_staff.pk)).latest("at")
    assert event.detail["changes"]["role"] == {"old": "front", "new": "back"}
    own = reverse("accounts:staff_edit", kwargs={"pk": admin_user.pk})
    response = client.post(own, {"display_name": "管理", "role": "front", "is_active": "on"})
    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.role == "admin"


def test_admin_resets_a_lost_authenticator(client_for, admin_user, tier2_staff):
    TOTPDevice.objects.create(user=tier2_staff, name="phone", confirmed=True)
    response = client_for(admin_user).post(
        reverse("accounts:staff_edit", kwargs={"pk": tier2_staff.pk}), {"reset_second_factor": "1"}
    )
    assert response.status_code == 200
    assert 'id="enrolment-code"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=tier2_staff).exists()


def test_admin_chooses_which_roles_need_two_factor(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("accounts:security_policy"), {"require_2fa_roles": ["manager", "admin"]}
    )
    assert response.status_code == 302
    assert SecurityPolicy.current().require_2fa_roles == ["admin", "manager"]
    assert AuditEvent.objects.filter(action="update", target_type="accounts.SecurityPolicy").exists()


def test_manager_cannot_manage_staff(client_for, manager):
    assert client_for(manager).get(reverse("accounts:staff_list")).status_code == 403
    assert client_for(manager).post(reverse("accounts:security_policy"), {}).status_code == 403
