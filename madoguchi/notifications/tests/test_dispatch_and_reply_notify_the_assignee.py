"""A case dispatched or assigned to me, or a reply on my case, reaches me as an unread notification."""

from __future__ import annotations

import pytest

from madoguchi.cases import events, services
from madoguchi.cases.choices import Category, EventKind, Urgency
from madoguchi.notifications.models import Notification, NotificationKind
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _dispatch(case, actor, assignee):
    return services.case_dispatch(
        actor=actor,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=Urgency.NORMAL,
        police_referral=False,
        assignee=assignee,
    )


def test_dispatch_to_a_person_notifies_that_person_only(tier1_staff, tier2_staff, manager):
    case = _dispatch(make_case(actor=tier1_staff), tier1_staff, tier2_staff)

    notes = list(Notification.objects.all())
    assert [(n.recipient, n.kind, n.case) for n in notes] == [(tier2_staff, NotificationKind.DISPATCHED, case)]
    assert notes[0].read_at is None


def test_dispatch_to_the_pool_notifies_nobody(tier1_staff, tier2_staff):
    _dispatch(make_case(actor=tier1_staff), tier1_staff, None)

    assert not Notification.objects.exists()


def test_taking_a_case_yourself_is_not_news_to_you(tier1_staff, tier2_staff):
    case = _dispatch(make_case(actor=tier1_staff), tier1_staff, None)

    services.case_take(actor=tier2_staff, case=case)

    assert not Notification.objects.filter(recipient=tier2_staff).exists()


def test_mail_on_my_case_notifies_me(tier1_staff, tier2_staff):
    case = _dispatch(make_case(actor=tier1_staff), tier1_staff, tier2_staff)
    Notification.objects.all().delete()

    # What mail intake records for a reply threaded onto the case (intake.services.mail._record_on_case).
    events.generic(
        case=case,
        actor=None,
        kind=EventKind.EMAIL_IN,
        text="Re: ご相談",
        message_id="<reply-1@example.jp>",
        sender="taro@example.jp",
    )

    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (tier2_staff, NotificationKind.REPLY_ARRIVED)


def test_an_action_that_rolls_back_leaves_no_notification(tier1_staff, tier2_staff):
    from django.db import transaction

    case = make_case(actor=tier1_staff)
    with pytest.raises(RuntimeError), transaction.atomic():
        _dispatch(case, tier1_staff, tier2_staff)
        raise RuntimeError("crash after the dispatch, before commit")

    assert not Notification.objects.exists()
