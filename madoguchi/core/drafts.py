"""Owns form drafts (FormDraft): the only read and write path for typing kept on the server."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from madoguchi.core.errors import DomainError
from madoguchi.core.models import FormDraft

DRAFT_TTL = dt.timedelta(hours=24)
MAX_DRAFT_BYTES = 64 * 1024
MAX_FIELDS = 100
# intake:<channel>  or  case:<reference>:<form prefix>[:<object id>]
FORM_KEY_RE = re.compile(r"^(intake:[a-z_]{1,20}|case:[A-Za-z0-9_-]{1,40}:[a-z_]{1,40}(:[0-9]{1,12})?)$")


def _clean(data: Any) -> dict[str, str | bool]:
    if not isinstance(data, dict) or len(data) > MAX_FIELDS:
        raise DomainError("invalid draft")
    cleaned: dict[str, str | bool] = {}
    for name, value in data.items():
        if not isinstance(name, str) or len(name) > 100 or name == "csrfmiddlewaretoken":
            raise DomainError("invalid draft")
        if not isinstance(value, str | bool):
            raise DomainError("invalid draft")
        cleaned[name] = value
    if len(json.dumps(cleaned, ensure_ascii=False).encode()) > MAX_DRAFT_BYTES:
        raise DomainError("draft too large")
    return cleaned


def valid_form_key(form_key: str) -> bool:
    return bool(FORM_KEY_RE.match(form_key))


@transaction.atomic
def draft_save(*, user: Any, session_key: str, form_key: str, data: Any) -> FormDraft:
    if not valid_form_key(form_key) or not session_key:
        raise DomainError("invalid draft")
    draft, _created = FormDraft.objects.update_or_create(
        user=user,
        form_key=form_key,
        defaults={"session_key": session_key, "data": _clean(data), "updated_at": timezone.now()},
    )
    return draft


def draft_get(*, user: Any, session_key: str, form_key: str) -> FormDraft | None:
    """The user's own draft of this form from this login session, if it has not expired."""
    if not session_key or not user.is_authenticated:
        return None
    return FormDraft.objects.filter(
        user=user, session_key=session_key, form_key=form_key, updated_at__gte=timezone.now() - DRAFT_TTL
    ).first()


def drafts_with_prefix(*, user: Any, session_key: str, prefix: str) -> list[FormDraft]:
    if not session_key or not user.is_authenticated:
        return []
    return list(
        FormDraft.objects.filter(
            user=user,
            session_key=session_key,
            form_key__startswith=prefix,
            updated_at__gte=timezone.now() - DRAFT_TTL,
        ).order_by("form_key")
    )


def draft_delete(*, user: Any, form_key: str) -> int:
    deleted, _ = FormDraft.objects.filter(user=user, form_key=form_key).delete()
    return deleted


def drafts_clear_session(*, user: Any, session_key: str | None) -> int:
    """Logout: the drafts of this session, and of the user's sessions that have already ended."""
    deleted, _ = FormDraft.objects.filter(user=user, session_key=session_key or "").delete()
    return deleted + drafts_purge(user=user)


def drafts_purge(*, user: Any = None, now: dt.datetime | None = None) -> int:
    """Delete drafts that expired, or whose login session expired or ended (idempotent; run by cron)."""
    now = now or timezone.now()
    live_sessions = Session.objects.filter(expire_date__gt=now).values("session_key")
    stale = FormDraft.objects.exclude(session_key__in=live_sessions) | FormDraft.objects.filter(
        updated_at__lt=now - DRAFT_TTL
    )
    if user is not None:
        stale = stale.filter(user=user)
    deleted, _ = FormDraft.objects.filter(pk__in=stale.values("pk")).delete()
    return deleted
