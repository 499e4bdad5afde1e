"""The API tokens' write path: issue and revoke (administrators only), record use."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.api.models import ApiToken

# Recording every request's use would write on every read; once a minute is enough to see a token is alive.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    # The token is 256 random bits, so a plain SHA-256 is enough: nothing to guess, nothing to stretch.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_issue(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token for `user`; the raw token is returned once and never stored."""
    require(actor, Action.USERS_MANAGE, system=True)
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:8], token_hash=hash_token(raw), created_by=actor
    )
    audit.record(action=AuditAction.CREATE, actor=actor, target=token, detail={"api_token_for": user.get_username()})
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    require(actor, Action.USERS_MANAGE, system=True)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(action=AuditAction.UPDATE, actor=actor, target=token, detail={"api_token": "revoked"})
    return token


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token for `raw` whose user is active, or None; records the use (at most once a minute)."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
