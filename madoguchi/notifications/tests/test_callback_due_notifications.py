"""A call-back falling due is announced to its assignee once, by the cron command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from madoguchi.cases import services
from madoguchi.notifications.models import Notification, NotificationKind
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _callback(actor, minutes):
    case = make_case(actor=actor)
    return services.case_hold_for_callback(
        actor=actor, case=case, phone="03-0000-0000", due_at=timezone.now() + dt.timedelta(minutes=minutes)
    )


def _run() -> str:
    out = io.StringIO()
    call_command("notify_due_callbacks", "--within-minutes=30", stdout=out)
    return out.getvalue()


def test_due_callback_is_announced_once(tier1_staff):
    callback = _callback(tier1_staff, 10)

    assert "1 new" in _run()
    assert "0 new" in _run()

    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.case) == (tier1_staff, NotificationKind.CALLBACK_DUE, callback.case)


def test_later_and_done_callbacks_are_not_announced(tier1_staff):
    _callback(tier1_staff, 120)
    done = _callback(tier1_staff, 5)
    services.callback_complete(actor=tier1_staff, callback=done, outcome="折り返し済み")

    _run()

    assert not Notification.objects.filter(kind=NotificationKind.CALLBACK_DUE).exists()
