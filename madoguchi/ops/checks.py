"""Readiness and alert checks: counts and ages only, never personal data."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone

from madoguchi.answers.models import OutboundEmail, OutboundStatus
from madoguchi.core import datadir
from madoguchi.intake.models import MailboxState

logger = logging.getLogger("madoguchi.ops")

OK = "ok"
WARNING = "warning"
FAIL = "fail"
NOT_CONFIGURED = "not_configured"
# A pending mail this many minutes past its due time counts as backlog (the worker runs every few seconds).
BACKLOG_OVERDUE_MINUTES = 15


@dataclass
class Readiness:
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def critical_ok(self) -> bool:
        """Database and data dir: without them this server cannot serve; the load balancer should skip it."""
        return all(self.checks[name]["status"] != FAIL for name in ("database", "data_dir"))

    @property
    def all_ok(self) -> bool:
        return all(check["status"] in (OK, NOT_CONFIGURED) for check in self.checks.values())


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"status": FAIL, "error": type(exc).__name__}
    return {"status": OK}


def check_data_dir() -> dict[str, Any]:
    """A fresh write probe (also refreshing the staff pages' cached answer): fail when nothing can be written,
    warning (staff read-only, still serving) when free space is below MADOGUCHI_MIN_FREE_BYTES."""
    state = datadir.refresh_storage_state()
    result: dict[str, Any] = {
        "status": OK,
        "read_only": state.read_only,
        "free_bytes": state.free_bytes,
        "min_free_bytes": state.min_free_bytes,
    }
    if not state.writable:
        result.update(status=FAIL, error=state.error)
    elif state.read_only:
        result["status"] = WARNING
    return result


def check_outbox() -> dict[str, Any]:
    overdue_since = timezone.now() - dt.timedelta(minutes=BACKLOG_OVERDUE_MINUTES)
    try:
        pending = OutboundEmail.objects.filter(status=OutboundStatus.PENDING).count()
        overdue = OutboundEmail.objects.filter(status=OutboundStatus.PENDING, next_attempt_at__lt=overdue_since).count()
        failed = OutboundEmail.objects.filter(status=OutboundStatus.FAILED).count()
    except DatabaseError as exc:
        return {"status": FAIL, "error": type(exc).__name__}
    status = WARNING if failed or overdue else OK
    return {"status": status, "pending": pending, "overdue": overdue, "failed": failed}


def check_poller() -> dict[str, Any]:
    if not settings.IMAP_HOST:
        return {"status": NOT_CONFIGURED}
    stale_minutes = settings.MADOGUCHI_POLL_STALE_MINUTES
    try:
        last = MailboxState.objects.filter(host=settings.IMAP_HOST, username=settings.IMAP_USER).aggregate(
            last=Max("last_poll_at")
        )["last"]
    except DatabaseError as exc:
        return {"status": FAIL, "error": type(exc).__name__}
    if last is None:
        return {"status": WARNING, "last_success_age_seconds": None, "stale_after_minutes": stale_minutes}
    age = max(0, int((timezone.now() - last).total_seconds()))
    status = WARNING if age > stale_minutes * 60 else OK
    return {"status": status, "last_success_age_seconds": age, "stale_after_minutes": stale_minutes}


def readiness() -> Readiness:
    result = Readiness()
    result.checks["database"] = check_database()
    result.checks["data_dir"] = check_data_dir()
    if result.checks["database"]["status"] == OK:
        result.checks["outbox"] = check_outbox()
        result.checks["poller"] = check_poller()
    return result


@dataclass(frozen=True)
class Alerts:
    failed_mails: int
    poll_stale: bool
    poll_age_minutes: int | None

    def __bool__(self) -> bool:
        return bool(self.failed_mails or self.poll_stale)


def current_alerts() -> Alerts:
    """What the desk banner shows: mails the outbox gave up on, a poller that has not succeeded lately."""
    failed = OutboundEmail.objects.filter(status=OutboundStatus.FAILED).count()
    poller = check_poller()
    age = poller.get("last_success_age_seconds")
    return Alerts(
        failed_mails=failed,
        poll_stale=poller["status"] == WARNING,
        poll_age_minutes=None if age is None else age // 60,
    )


_last_logged: dict[str, float] = {}
LOG_EVERY_SECONDS = 15 * 60


def log_alerts(alerts: Alerts, *, now: float | None = None) -> None:
    """A warning in the log, at most every 15 minutes per process and kind (a monitor polls /readyz often)."""
    moment = time.monotonic() if now is None else now
    messages = {}
    if alerts.failed_mails:
        messages["outbox"] = f"outbox: {alerts.failed_mails} mail(s) failed permanently; retry them on the outbox page"
    if alerts.poll_stale:
        age = "never" if alerts.poll_age_minutes is None else f"{alerts.poll_age_minutes} minutes ago"
        messages["poller"] = f"poll_mailbox: last successful poll {age}"
    for kind, message in messages.items():
        if moment - _last_logged.get(kind, float("-inf")) >= LOG_EVERY_SECONDS:
            _last_logged[kind] = moment
            logger.warning(message)
