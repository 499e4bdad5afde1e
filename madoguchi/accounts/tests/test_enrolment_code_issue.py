"""Admins issue the one-time enrolment code: with a new account, with a 2FA reset, or again on request."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import services
from madoguchi.accounts.models import EnrolmentCode, User
from madoguchi.accounts.roles import Role
from madoguchi.core.errors import DomainError, NotPermitted

pytestmark = pytest.mark.django_db

CODE_ON_PAGE = re.compile(r'<code id="enrolment-code">([A-Z0-9]{5})-([A-Z0-9]{5})</code>')


def _code_on(response) -> str:
    match = CODE_ON_PAGE.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1) + match.group(2)


def test_creating_staff_shows_a_code_once_and_stores_only_its_hash(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("accounts:staff_create"),
        {"username": "kakuu-new", "display_name": "架空 新人", "role": "front", "password": "long-enough-pass-2026"},
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = _code_on(response)
    assert len(code) == 10 and not set(code) & set("0O1IL")
    row = EnrolmentCode.objects.get(user__username="kakuu-new")
    assert code not in row.code_hash
    assert check_password(code, row.code_hash)
    assert row.issued_by == admin_user
    # The list does not show it again.
    assert code not in client_for(admin_user).get(reverse("accounts:staff_list")).content.decode()


def test_the_code_expires_after_the_configured_hours(settings, admin_user, tier1_staff):
    settings.MADOGUCHI_ENROLMENT_CODE_HOURS = 5

    services.enrolment_code_issue(actor=admin_user, user=tier1_staff)

    row = EnrolmentCode.objects.get(user=tier1_staff)
    assert abs(row.expires_at - (timezone.now() + dt.timedelta(hours=5))) < dt.timedelta(minutes=1)


def test_the_default_lifetime_is_72_hours():
    from django.conf import settings

    assert settings.MADOGUCHI_ENROLMENT_CODE_HOURS == 72


def test_reset_issues_a_new_code_and_invalidates_the_old(client_for, admin_user, tier2_staff):
    old = services.enrolment_code_issue(actor=admin_user, user=tier2_staff)
    TOTPDevice.objects.create(user=tier2_staff, name="phone", confirmed=True)
    url = reverse("accounts:staff_edit", kwargs={"pk": tier2_staff.pk})

    new = _code_on(client_for(admin_user).post(url, {"reset_second_factor": "1"}))

    assert new != old
    row = EnrolmentCode.objects.get(user=tier2_staff)
    assert check_password(new, row.code_hash)
    assert not check_password(old, row.code_hash)
    assert not TOTPDevice.objects.filter(user=tier2_staff).exists()


def test_admin_reissues_a_code_for_staff_without_an_authenticator(client_for, admin_user, tier1_staff):
    old = services.enrolment_code_issue(actor=admin_user, user=tier1_staff)
    url = reverse("accounts:staff_edit", kwargs={"pk": tier1_staff.pk})
    assert "issue_enrolment_code" in client_for(admin_user).get(url).content.decode()

    new = _code_on(client_for(admin_user).post(url, {"issue_enrolment_code": "1"}))

    row = EnrolmentCode.objects.get(user=tier1_staff)
    assert check_password(new, row.code_hash) and not check_password(old, row.code_hash)


def test_no_code_is_issued_for_staff_who_already_enrolled(client_for, admin_user, tier1_staff):
    TOTPDevice.objects.create(user=tier1_staff, name="phone", confirmed=True)
    url = reverse("accounts:staff_edit", kwargs={"pk": tier1_staff.pk})

    response = client_for(admin_user).post(url, {"issue_enrolment_code": "1"})

    assert response.status_code == 302
    assert not EnrolmentCode.objects.filter(user=tier1_staff).exists()
    with pytest.raises(DomainError):
        services.enrolment_code_issue(actor=admin_user, user=tier1_staff)


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff", "manager"])
def test_only_admins_can_issue_a_code(request, client_for, persona, admin_user):
    actor = request.getfixturevalue(persona)
    target = User.objects.create_user(username="kakuu-target", role=Role.FRONT, password="long-enough-pass-2026")
    url = reverse("accounts:staff_edit", kwargs={"pk": target.pk})

    assert client_for(actor).post(url, {"issue_enrolment_code": "1"}).status_code == 403
    assert client_for(actor).post(url, {"reset_second_factor": "1"}).status_code == 403
    with pytest.raises(NotPermitted):
        services.enrolment_code_issue(actor=actor, user=target)
    assert not EnrolmentCode.objects.filter(user=target).exists()


def test_anonymous_cannot_issue_a_code(anonymous, tier1_staff):
    url = reverse("accounts:staff_edit", kwargs={"pk": tier1_staff.pk})

    response = anonymous.post(url, {"issue_enrolment_code": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not EnrolmentCode.objects.filter(user=tier1_staff).exists()


def test_the_operator_issues_the_first_admins_code_at_the_command_line(db):
    first = User.objects.create_user(username="kakuu-first-admin", role=Role.ADMIN, password="long-enough-pass-2026")
    out = StringIO()

    call_command("issue_enrolment_code", "kakuu-first-admin", stdout=out)

    code = re.search(r"([A-Z0-9]{5})-([A-Z0-9]{5})", out.getvalue())
    assert code
    assert check_password(code.group(1) + code.group(2), EnrolmentCode.objects.get(user=first).code_hash)
