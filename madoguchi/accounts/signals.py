from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User


@receiver(user_logged_in)
def _login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit.record(action=AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def _logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    audit.record(action=AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Only the user name is kept: the password in `credentials` must never reach a log.
    audit.record(action=AuditAction.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))
