from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.sessions import touch
from madoguchi.core import drafts


@receiver(user_logged_in)
def _login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit.record(action=AuditAction.LOGIN, actor=user, request=request)
    # The new session's first write is now (madoguchi/accounts/sessions.py): the requests of its first minute write
    # nothing more. Every way in goes through here: the login page, the second-factor step, a test's force_login.
    if request is not None and hasattr(request, "session"):
        touch(request.session)
    # Drafts typed in a session that has since expired are never offered again.
    drafts.drafts_purge(user=user)


@receiver(user_logged_out)
def _logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    audit.record(action=AuditAction.LOGOUT, actor=user, request=request)
    # Nothing typed for one caller may be shown to the next person at this PC.
    if user is not None:
        drafts.drafts_clear_session(user=user, session_key=request.session.session_key if request else None)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Only the user name is kept: the password in `credentials` must never reach a log.
    audit.record(action=AuditAction.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))
