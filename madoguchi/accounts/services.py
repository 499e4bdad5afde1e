"""Write path of staff accounts and the login policy (admin only)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, SecurityPolicy, User
from madoguchi.accounts.roles import Action, Role
from madoguchi.core.errors import DomainError, NotPermitted


def _require(actor: User, action: Action) -> None:
    if not actor.can(action):
        raise NotPermitted(_("この操作を行う権限がありません。"))


@transaction.atomic
def staff_create(*, actor: User, username: str, display_name: str, role: str, password: str, email: str = "") -> User:
    _require(actor, Action.USERS_MANAGE)
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
    return user


@transaction.atomic
def staff_update(*, actor: User, user: User, display_name: str, role: str, is_active: bool, email: str = "") -> User:
    _require(actor, Action.USERS_MANAGE)
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
def staff_reset_second_factor(*, actor: User, user: User) -> int:
    """Remove a lost authenticator: the user enrols a new one at the next login."""
    _require(actor, Action.USERS_MANAGE)
    count, _deleted = TOTPDevice.objects.filter(user=user).delete()
    audit.record(action=AuditAction.UPDATE, actor=actor, target=user, detail={"second_factor": "reset"})
    return count


@transaction.atomic
def security_policy_update(*, actor: User, require_2fa_roles: list[str]) -> SecurityPolicy:
    _require(actor, Action.SETTINGS_MANAGE)
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
