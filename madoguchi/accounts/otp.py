"""TOTP enrolment and verification on top of django-otp."""

from __future__ import annotations

import base64
from enum import Enum

import segno
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import SecurityPolicy, User


class SecondFactor(Enum):
    OK = "ok"
    NEEDS_VERIFY = "needs_verify"
    NEEDS_SETUP = "needs_setup"


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_state(*, user: User, verified: bool) -> SecondFactor:
    if verified:
        return SecondFactor.OK
    if confirmed_device(user=user) is not None:
        return SecondFactor.NEEDS_VERIFY
    if user.role in SecurityPolicy.current().require_2fa_roles:
        return SecondFactor.NEEDS_SETUP
    return SecondFactor.OK


PENDING_DEVICE_SESSION_KEY = "madoguchi_otp_pending_device"


def pending_device(*, user: User, session: SessionBase) -> TOTPDevice:
    """The unconfirmed device whose secret this browser session was shown, or a fresh one.

    A secret shown in another session (say, to someone who only guessed the password) is never reused: the
    person who types the enrolment code confirms a secret that only their own session has seen.
    """
    device_id = session.get(PENDING_DEVICE_SESSION_KEY)
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first() if device_id else None
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
        session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def provisioning_svg(*, device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    issuer = settings.OTP_TOTP_ISSUER
    uri = f"otpauth://totp/{issuer}:{device.user.get_username()}?secret={secret}&issuer={issuer}&digits={device.digits}"
    return segno.make(uri, error="m").svg_inline(scale=4)


def secret_for_manual_entry(*, device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")
