"""Two-factor authentication under the secure default policy: every role must enrol and verify TOTP."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import AuditAction, AuditEvent, SecurityPolicy, User
from madoguchi.accounts.otp import secret_for_manual_entry
from madoguchi.accounts.roles import Role
from madoguchi.accounts.services import enrolment_code_issue
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # UserFactory's password
DASHBOARD = reverse("cases:dashboard")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")
LOGIN = reverse("accounts:login")


def _token(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def _wrong_token(device: TOTPDevice) -> str:
    # A six-digit code that is valid in no time step the device would accept, nor its neighbours.
    near = {_token(device, steps_ahead=offset) for offset in range(-3, 4)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


def _log_in(client: Client, username: str, *, next_url: str = "") -> str:
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    response = client.post(url, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def _enrol(client: Client, user: User, code: str) -> TOTPDevice:
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"enrolment_code": code, "token": _token(device)})
    assert response.status_code == 302
    return device


@pytest.fixture
def front_user() -> User:
    return UserFactory(username="kakuu-front", role=Role.FRONT, display_name="架空 一郎")


@pytest.fixture
def front_code(front_user) -> str:
    # As an admin hands it over with a new account (the enrolment code itself has its own test files).
    return enrolment_code_issue(actor=None, user=front_user)


@pytest.fixture
def manager_user() -> User:
    return UserFactory(username="kakuu-manager", role=Role.MANAGER, display_name="架空 課長")


def test_the_default_policy_requires_two_factor_for_every_role(db):
    assert sorted(SecurityPolicy.current().require_2fa_roles) == sorted(str(r) for r in Role)


def test_fresh_login_is_sent_from_the_dashboard_to_setup(front_user):
    client = Client()
    assert _log_in(client, "kakuu-front") == DASHBOARD

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == SETUP


def test_other_staff_pages_are_closed_before_enrolment(front_user):
    client = Client()
    _log_in(client, "kakuu-front")

    assert client.get(reverse("cases:list")).status_code == 302
    assert client.get(reverse("cases:create")).status_code == 302


def test_setup_page_shows_a_qr_code_and_the_manual_key(front_user):
    client = Client()
    _log_in(client, "kakuu-front")

    response = client.get(SETUP)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    device = TOTPDevice.objects.get(user=front_user, confirmed=False)
    assert secret_for_manual_entry(device=device) in html


def test_setup_rejects_a_wrong_token_with_a_japanese_error_next_to_the_field(front_user, front_code):
    client = Client()
    _log_in(client, "kakuu-front")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=front_user, confirmed=False)

    response = client.post(SETUP, {"enrolment_code": front_code, "token": _wrong_token(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == [
        "確認コードが正しくありません。認証アプリの表示を確認してください。"
    ]
    # The message sits inside the token field's block, between the input and the end of that block.
    assert re.search(
        r'name="token"[^>]*>(?:(?!</div>).)*<p class="error" role="alert">確認コードが正しくありません。',
        response.content.decode(),
        re.DOTALL,
    )
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(DASHBOARD)["Location"] == SETUP


def test_setup_rejects_malformed_input_in_japanese(front_user, front_code):
    client = Client()
    _log_in(client, "kakuu-front")

    response = client.post(SETUP, {"enrolment_code": front_code, "token": "12ab"})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == ["6桁の数字を入力してください。"]


def test_correct_token_enrols_and_opens_the_dashboard(front_user, front_code):
    client = Client()
    _log_in(client, "kakuu-front")

    device = _enrol(client, front_user, front_code)

    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DASHBOARD).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.OTP_ENROLLED, actor=front_user).count() == 1


def test_full_width_digits_from_a_japanese_ime_are_accepted(front_user, front_code):
    client = Client()
    _log_in(client, "kakuu-front")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=front_user, confirmed=False)
    full_width = _token(device).translate(str.maketrans("0123456789", "０１２３４５６７８９"))

    response = client.post(SETUP, {"enrolment_code": front_code, "token": full_width})

    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


@pytest.fixture
def enrolled(front_user, front_code) -> TOTPDevice:
    client = Client()
    _log_in(client, "kakuu-front")
    device = _enrol(client, front_user, front_code)
    client.post(reverse("accounts:logout"))
    return device


def test_next_login_must_verify_before_the_dashboard(enrolled):
    client = Client()
    _log_in(client, "kakuu-front")

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")
    # An enrolled user cannot go back to setup to enrol a second device.
    assert client.get(SETUP)["Location"] == VERIFY


def test_wrong_code_at_verification_is_refused(enrolled, front_user):
    client = Client()
    _log_in(client, "kakuu-front")

    response = client.post(VERIFY, {"token": _wrong_token(enrolled), "next": DASHBOARD})

    assert response.status_code == 200
    assert "確認コードが正しくないか、有効期限が切れています。" in response.content.decode()
    assert client.get(DASHBOARD).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.OTP_FAILED, actor=front_user).count() == 1


def test_correct_code_at_verification_lets_the_user_in(enrolled, front_user):
    client = Client()
    _log_in(client, "kakuu-front")
    verify_url = client.get(DASHBOARD)["Location"]

    # The enrolment used this time step's code; a code can be used once, so this is the next step's.
    response = client.post(verify_url, {"token": _token(enrolled, steps_ahead=1)})

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.OTP_VERIFIED, actor=front_user).count() == 1


def test_a_used_code_cannot_be_replayed(enrolled):
    client = Client()
    _log_in(client, "kakuu-front")
    code = _token(enrolled, steps_ahead=1)
    assert client.post(VERIFY, {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))

    other = Client()
    _log_in(other, "kakuu-front")
    response = other.post(VERIFY, {"token": code})

    assert response.status_code == 200
    assert other.get(DASHBOARD).status_code == 302


def test_verification_returns_to_the_page_asked_for_with_its_query(enrolled):
    client = Client()
    _log_in(client, "kakuu-front")
    wanted = reverse("cases:list") + "?status=new&page=2"

    verify_url = client.get(wanted)["Location"]
    response = client.post(verify_url, {"token": _token(enrolled, steps_ahead=1)})

    assert response["Location"] == wanted


def test_verification_does_not_follow_an_offsite_next(enrolled):
    client = Client()
    _log_in(client, "kakuu-front")

    response = client.post(VERIFY + "?next=https://evil.example.com/", {"token": _token(enrolled, steps_ahead=1)})

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


@pytest.mark.parametrize("evil", ["https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com/"])
def test_login_does_not_follow_an_offsite_next(front_user, evil):
    client = Client()

    location = _log_in(client, "kakuu-front", next_url=evil)

    assert "evil.example.com" not in location
    assert location == DASHBOARD


def test_an_empty_policy_lets_a_user_without_a_device_in(front_user):
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = []
    policy.save()
    client = Client()
    _log_in(client, "kakuu-front")

    assert client.get(DASHBOARD).status_code == 200


def test_an_enrolled_user_must_still_verify_under_an_empty_policy(enrolled):
    # Once a device exists, switching the policy off must not make the second factor optional for that user.
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = []
    policy.save()
    client = Client()
    _log_in(client, "kakuu-front")

    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)


def test_a_manager_only_policy_forces_the_manager_but_not_the_front_user(front_user, manager_user):
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = [Role.MANAGER]
    policy.save()

    manager_client = Client()
    _log_in(manager_client, "kakuu-manager")
    assert manager_client.get(DASHBOARD)["Location"] == SETUP

    front_client = Client()
    _log_in(front_client, "kakuu-front")
    assert front_client.get(DASHBOARD).status_code == 200


def test_anonymous_setup_and_verify_go_to_login(anonymous):
    for url in (SETUP, VERIFY):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
