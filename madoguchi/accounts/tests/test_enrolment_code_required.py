"""Enrolling a first authenticator needs the one-time code the admin handed over: a password alone is not enough."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import services
from madoguchi.accounts.models import EnrolmentCode, SecurityPolicy, User
from madoguchi.accounts.roles import Role

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:otp_setup")
DASHBOARD = reverse("cases:dashboard")
WRONG = "登録コードが正しくありません。管理者から受け取ったコードを確認してください。"
EXPIRED = "登録コードの有効期限が切れています。管理者に再発行を依頼してください。"
MISSING = "管理者から受け取った登録コードを入力してください。"
LOCKED = "登録コードの誤りが続いたため、このコードは無効になりました。管理者に再発行を依頼してください。"


@pytest.fixture
def new_front_staff(admin_user) -> tuple[User, str]:
    # The admin persona relaxes the policy for other tests; here the secure default (every role) applies.
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = [str(role) for role in Role]
    policy.save()
    return services.staff_create(
        actor=admin_user,
        username="kakuu-shinjin",
        display_name="架空 新人",
        role=Role.FRONT,
        password="long-enough-pass-2026",
    )


def _setup_page(user: User) -> tuple[Client, TOTPDevice]:
    client = Client()
    client.force_login(user)
    assert client.get(SETUP).status_code == 200
    return client, TOTPDevice.objects.get(user=user, confirmed=False)


def _token(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token():06d}"


def _other_code(code: str) -> str:
    # Same alphabet and length, one character changed.
    return ("B" if code[0] == "A" else "A") + code[1:]


def _assert_refused_next_to_the_code_field(response, message: str, device: TOTPDevice) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors["enrolment_code"] == [message]
    assert re.search(
        r'name="enrolment_code"[^>]*aria-describedby="id_enrolment_code_error"[^>]*>(?:(?!</div>).)*'
        r'<div class="error" id="id_enrolment_code_error" role="alert">\s*<p>' + re.escape(message),
        response.content.decode(),
        re.DOTALL,
    )
    device.refresh_from_db()
    assert not device.confirmed
    assert not TOTPDevice.objects.filter(user=device.user, confirmed=True).exists()


def test_setup_without_a_code_is_refused(new_front_staff):
    user, _code = new_front_staff
    client, device = _setup_page(user)

    response = client.post(SETUP, {"token": _token(device)})

    _assert_refused_next_to_the_code_field(response, MISSING, device)


def test_setup_with_a_wrong_code_is_refused_and_the_token_survives(new_front_staff):
    user, code = new_front_staff
    client, device = _setup_page(user)
    token = _token(device)

    response = client.post(SETUP, {"enrolment_code": _other_code(code), "token": token})

    _assert_refused_next_to_the_code_field(response, WRONG, device)
    assert f'value="{token}"' in response.content.decode()
    assert client.get(DASHBOARD)["Location"] == SETUP


def test_setup_with_an_expired_code_is_refused(new_front_staff):
    user, code = new_front_staff
    EnrolmentCode.objects.filter(user=user).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client, device = _setup_page(user)

    response = client.post(SETUP, {"enrolment_code": code, "token": _token(device)})

    _assert_refused_next_to_the_code_field(response, EXPIRED, device)


def test_the_right_code_enrols_once_and_is_consumed(new_front_staff):
    user, code = new_front_staff
    client, device = _setup_page(user)

    response = client.post(SETUP, {"enrolment_code": code, "token": _token(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DASHBOARD).status_code == 200
    assert not EnrolmentCode.objects.filter(user=user).exists()


def test_a_used_code_does_not_enrol_again_after_a_reset(new_front_staff, admin_user):
    user, code = new_front_staff
    client, device = _setup_page(user)
    assert client.post(SETUP, {"enrolment_code": code, "token": _token(device)}).status_code == 302
    services.staff_reset_second_factor(actor=admin_user, user=user)

    client, device = _setup_page(user)
    response = client.post(SETUP, {"enrolment_code": code, "token": _token(device)})

    _assert_refused_next_to_the_code_field(response, WRONG, device)


def test_code_typed_with_hyphen_lower_case_or_full_width_is_accepted(new_front_staff):
    user, code = new_front_staff
    client, device = _setup_page(user)
    typed = f"{code[:5]}－{code[5:]}".lower().translate(
        str.maketrans("abcdefghjkmnpqrstuvwxyz", "ａｂｃｄｅｆｇｈｊｋｍｎｐｑｒｓｔｕｖｗｘｙｚ")
    )

    response = client.post(SETUP, {"enrolment_code": typed, "token": _token(device)})

    assert response.status_code == 302


def test_a_right_code_with_a_wrong_token_is_kept_for_the_next_try(new_front_staff):
    user, code = new_front_staff
    client, device = _setup_page(user)
    wrong_token = "000000" if _token(device) != "000000" else "111111"

    response = client.post(SETUP, {"enrolment_code": code, "token": wrong_token})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == [
        "確認コードが正しくありません。認証アプリの表示を確認してください。"
    ]
    assert f'value="{code}"' in response.content.decode()
    assert EnrolmentCode.objects.get(user=user).failed_attempts == 0


def test_repeated_wrong_codes_void_the_code_until_an_admin_reissues(new_front_staff, admin_user):
    user, code = new_front_staff
    client, device = _setup_page(user)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(SETUP, {"enrolment_code": _other_code(code), "token": _token(device)})

    response = client.post(SETUP, {"enrolment_code": code, "token": _token(device)})

    _assert_refused_next_to_the_code_field(response, LOCKED, device)
    new_code = services.enrolment_code_issue(actor=admin_user, user=user)
    assert client.post(SETUP, {"enrolment_code": new_code, "token": _token(device)}).status_code == 302


def test_an_account_without_an_issued_code_cannot_enrol(tier1_staff):
    # Accounts made before enrolment codes existed, or whose code was used: the admin issues one first.
    client, device = _setup_page(tier1_staff)

    response = client.post(SETUP, {"enrolment_code": "ABCDE-FGHJK", "token": _token(device)})

    _assert_refused_next_to_the_code_field(
        response, "登録コードが発行されていないか、既に使われています。管理者に発行を依頼してください。", device
    )


def test_the_setup_page_asks_for_the_code(new_front_staff):
    user, _code = new_front_staff
    client = Client()
    client.force_login(user)

    html = client.get(SETUP).content.decode()

    assert 'name="enrolment_code"' in html
    assert "管理者から受け取った登録コード" in html


def test_a_secret_shown_to_another_session_is_not_the_one_enrolled(new_front_staff):
    # Someone with only the password opens the setup page and copies the secret; the real user enrols later.
    user, code = new_front_staff
    _intruder, seen_by_intruder = _setup_page(user)

    client, device = _setup_page(user)
    assert client.post(SETUP, {"enrolment_code": code, "token": _token(device)}).status_code == 302

    confirmed = TOTPDevice.objects.get(user=user, confirmed=True)
    assert confirmed.key != seen_by_intruder.key
    assert not TOTPDevice.objects.filter(pk=seen_by_intruder.pk).exists()
