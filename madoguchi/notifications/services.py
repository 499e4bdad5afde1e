"""Write path of in-desk notifications: created from timeline events and due call-backs, read by their recipient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Callback, Case, CaseEvent
from madoguchi.notifications.models import Notification, NotificationKind, NotificationPreference


def _recipients_for(event: CaseEvent) -> tuple[str, list[User]]:
    case = event.case
    data = event.data if isinstance(event.data, dict) else {}
    if event.kind in (EventKind.DISPATCH, EventKind.ASSIGN) and data.get("assignee"):
        return NotificationKind.DISPATCHED, list(User.objects.filter(username=data["assignee"]))
    if event.kind == EventKind.APPROVAL_REQUESTED:
        return NotificationKind.APPROVAL_REQUESTED, list(User.objects.filter(role=Role.MANAGER))
    if event.kind in (EventKind.APPROVED, EventKind.REJECTED):
        # Whoever asked for the approval, and whoever holds the case now.
        request = (
            case.events.filter(kind=EventKind.APPROVAL_REQUESTED, at__lte=event.at)
            .exclude(actor=None)
            .order_by("-at", "-id")
            .select_related("actor")
            .first()
        )
        people = [request.actor] if request and request.actor else []
        if case.assignee is not None:
            people.append(case.assignee)
        return NotificationKind.APPROVAL_DECIDED, people
    if event.kind == EventKind.EMAIL_IN and case.assignee is not None:
        return NotificationKind.REPLY_ARRIVED, [case.assignee]
    return "", []


def on_event(event: CaseEvent) -> None:
    """Listener for every new timeline event (registered in the app's ready())."""
    kind, people = _recipients_for(event)
    seen: set[int] = set()
    for person in people:
        if person.pk in seen or person.pk == event.actor_id or not person.is_active:
            continue
        seen.add(person.pk)
        _notify(recipient=person, kind=kind, case=event.case, event=event, key=f"event:{event.pk}")


def _notify(*, recipient: User, kind: str, case: Case, key: str, event: CaseEvent | None = None) -> bool:
    try:
        with transaction.atomic():
            Notification.objects.create(recipient=recipient, kind=kind, case=case, event=event, key=key)
    except IntegrityError:
        return False  # already announced
    pref = NotificationPreference.objects.filter(user=recipient).first()
    if pref is not None and pref.by_mail and recipient.email:
        _mail(recipient=recipient, kind=kind, case=case)
    return True


def _mail(*, recipient: User, kind: str, case: Case) -> None:
    # Only the reference number and a link: staff mailboxes are not where consulters' data belongs.
    label = str(NotificationKind(kind).label)
    base = settings.MADOGUCHI_BASE_URL.rstrip("/")
    body = _(
        "%(name)s 様\n\n窓口の通知です：%(label)s\n受付番号：%(reference)s\n%(url)s\n\n"
        "内容は窓口の画面でご確認ください。このメールには相談内容を含めていません。\n"
    ) % {"name": recipient, "label": label, "reference": case.reference, "url": f"{base}{case.get_absolute_url()}"}
    outbox.enqueue(
        kind=OutboundKind.NOTIFICATION,
        to=[recipient.email],
        subject=_("【窓口の通知】%(label)s") % {"label": label},
        body_text=body,
        case=case,
        headers={"Auto-Submitted": "auto-generated"},
    )


def notify_due_callbacks(*, now: dt.datetime | None = None, within: dt.timedelta = dt.timedelta(minutes=30)) -> int:
    """Announce each open call-back to its assignee once, when it falls due within `within`."""
    now = now or timezone.now()
    due = Callback.objects.filter(done_at__isnull=True, assignee__isnull=False, due_at__lte=now + within)
    created = 0
    for callback in due.select_related("case", "assignee"):
        assignee = callback.assignee  # never None: the query excludes call-backs without one
        if (
            assignee is not None
            and assignee.is_active
            and _notify(
                recipient=assignee,
                kind=NotificationKind.CALLBACK_DUE,
                case=callback.case,
                key=f"callback:{callback.pk}",
            )
        ):
            created += 1
    return created


def mark_read(*, user: User, notifications: Iterable[Notification] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when none are named)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        qs = qs.filter(pk__in=[n.pk for n in notifications if n.recipient_id == user.pk])
    return qs.update(read_at=timezone.now())


def mark_case_read(*, user: User, case: Case) -> int:
    return Notification.objects.filter(recipient=user, case=case, read_at__isnull=True).update(read_at=timezone.now())


def set_preference(*, user: User, by_mail: bool) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.update_or_create(user=user, defaults={"by_mail": by_mail})
    return pref
