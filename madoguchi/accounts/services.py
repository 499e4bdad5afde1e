"""Write path of staff accounts and the login policy (admin only)."""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, EnrolmentCode, SecurityPolicy, User
from madoguchi.accounts.roles import Action, Role, require
from madoguchi.core.errors import DomainError


@transaction.atomic
def staff_create(
    *, actor: User, username: str, display_name: str, role: str, password: str, email: str = ""
) -> tuple[User, str]:
    """Create the account and return it with its one-time enrolment code (shown to the admin once)."""
    require(actor, Action.USERS_MANAGE)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("このユーザー名は既に使われています。"), field="username")
    user = User(username=username, display_name=display_name, role=role, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    audit.record(action=AuditAction.CREATE, actor=actor, target=user, detail={"role": role})
    return user, _issue_enrolment_code(actor=actor, user=user, reason="create")


@transaction.atomic
def staff_update(*, actor: User, user: User, display_name: str, role: str, is_active: bool, email: str = "") -> User:
    require(actor, Action.USERS_MANAGE)
    if user.pk == actor.pk and (not is_active or role != Role.ADMIN):
        raise DomainError(_("自分自身の管理者権限を外したり、無効にしたりすることはできません。"), field="role")
    changes = {
        name: {"old": str(getattr(user, name)), "new": str(value)}
        for name, value in (("display_name", display_name), ("role", role), ("is_active", is_active), ("email", email))
        if getattr(user, name) != value
    }
    user.display_name, user.role, user.is_active, user.email = display_name, role, is_active, email
    user.save(update_fields=["display_name", "role", "is_active", "email"])
    if changes:
        audit.record(action=AuditAction.UPDATE, actor=actor, target=user, detail={"changes": changes})
    return user


@transaction.atomic
def staff_reset_second_factor(*, actor: User, user: User) -> str:
    """Remove a lost authenticator and return a new enrolment code: the user enrols again at the next login."""
    require(actor, Action.USERS_MANAGE)
    count, _deleted = TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        action=AuditAction.UPDATE, actor=actor, target=user, detail={"second_factor": "reset", "devices": count}
    )
    return _issue_enrolment_code(actor=actor, user=user, reason="reset")


# Ten characters without look-alikes (no 0/O, 1/I/L): read out on the phone or copied from paper without doubt.
ENROLMENT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_CODE_LENGTH = 10


def format_enrolment_code(code: str) -> str:
    """Shown in two groups of five, which is easier to read out and type; the hyphen is optional on input."""
    return f"{code[:5]}-{code[5:]}"


def normalize_enrolment_code(value: str) -> str:
    # Full-width letters from a Japanese IME, lower case, spaces and the display hyphen are all accepted.
    return "".join(ch for ch in unicodedata.normalize("NFKC", value).upper() if ch not in " -\u30fc")


def _issue_enrolment_code(*, actor: User | None, user: User, reason: str) -> str:
    code = "".join(secrets.choice(ENROLMENT_CODE_ALPHABET) for _i in range(ENROLMENT_CODE_LENGTH))
    now = timezone.now()
    expires_at = now + dt.timedelta(hours=settings.MADOGUCHI_ENROLMENT_CODE_HOURS)
    # One code per account: issuing a new one replaces (and so invalidates) the previous one.
    EnrolmentCode.objects.update_or_create(
        user=user,
        defaults={
            "code_hash": make_password(code),
            "issued_by": actor,
            "issued_at": now,
            "expires_at": expires_at,
            "failed_attempts": 0,
        },
    )
    audit.record(
        action=AuditAction.ENROLMENT_CODE_ISSUED,
        actor=actor,
        username="" if actor else "manage.py",
        target=user,
        detail={"reason": reason, "expires_at": expires_at.isoformat()},
    )
    return code


@transaction.atomic
def enrolment_code_issue(*, actor: User | None, user: User) -> str:
    """Issue a new one-time enrolment code for an account without an authenticator.

    `actor=None` is the server operator at the command line (`manage.py issue_enrolment_code`), who already holds
    the database; through the web only an admin may issue.
    """
    require(actor, Action.USERS_MANAGE, system=True)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise DomainError(
            _("この職員は二要素認証を登録済みです。端末を紛失した場合は登録を解除してください。"), field=None
        )
    return _issue_enrolment_code(actor=actor, user=user, reason="reissue")


def _enrolment_code_problem(row: EnrolmentCode | None, code: str) -> tuple[str, str] | None:
    """(reason for the audit log, message for the user), or None when the code is right."""
    if row is None:
        return "none", _("登録コードが発行されていないか、既に使われています。管理者に発行を依頼してください。")
    if row.failed_attempts >= settings.AXES_FAILURE_LIMIT:
        return "locked", _(
            "登録コードの誤りが続いたため、このコードは無効になりました。管理者に再発行を依頼してください。"
        )
    if row.expires_at <= timezone.now():
        return "expired", _("登録コードの有効期限が切れています。管理者に再発行を依頼してください。")
    if not check_password(normalize_enrolment_code(code), row.code_hash):
        return "wrong", _("登録コードが正しくありません。管理者から受け取ったコードを確認してください。")
    return None


def second_factor_enrol(
    *, user: User, device: TOTPDevice, enrolment_code: str, token: str, request: HttpRequest | None = None
) -> None:
    """Confirm a pending authenticator, only with the account's valid enrolment code and a current TOTP code.

    Raises DomainError with the field to show it on. A wrong code counts towards a per-code attempt limit
    (AXES_FAILURE_LIMIT, as for passwords); after it the admin must issue a new code. `request` only stamps
    the audit rows with the client address.
    """
    error: DomainError
    with transaction.atomic():
        row = EnrolmentCode.objects.select_for_update().filter(user=user).first()
        problem = _enrolment_code_problem(row, enrolment_code)
        if problem is not None:
            reason, message = problem
            if row is not None and reason == "wrong":
                row.failed_attempts += 1
                row.save(update_fields=["failed_attempts"])
            detail = {"reason": reason, "failed_attempts": row.failed_attempts if row is not None else 0}
            audit.record(
                action=AuditAction.ENROLMENT_CODE_FAILED, actor=user, request=request, target=user, detail=detail
            )
            # Raised after the block so that the attempt count and the audit row are committed.
            error = DomainError(message, field="enrolment_code")
        elif not device.verify_token(token):
            error = DomainError(_("確認コードが正しくありません。認証アプリの表示を確認してください。"), field="token")
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            EnrolmentCode.objects.filter(user=user).delete()
            audit.record(action=AuditAction.ENROLMENT_CODE_USED, actor=user, request=request, target=user)
            audit.record(action=AuditAction.OTP_ENROLLED, actor=user, request=request, target=device)
            return
    raise error


@transaction.atomic
def security_policy_update(*, actor: User, require_2fa_roles: list[str]) -> SecurityPolicy:
    require(actor, Action.SETTINGS_MANAGE)
    unknown = set(require_2fa_roles) - set(Role.values)
    if unknown:
        raise DomainError(_("役割の指定が正しくありません。"), field="require_2fa_roles")
    policy = SecurityPolicy.current()
    old = list(policy.require_2fa_roles)
    policy.require_2fa_roles = sorted(require_2fa_roles)
    policy.save()
    audit.record(
        action=AuditAction.UPDATE, actor=actor, target=policy, detail={"old": old, "new": policy.require_2fa_roles}
    )
    return policy
