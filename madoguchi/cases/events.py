"""One function per timeline event type. They record; they decide nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case, CaseEvent

# Leaf apps (in-desk notifications) listen to new events here instead of cases importing them. Listeners run
# inside the caller's transaction, so a rolled-back action leaves no notification behind.
_listeners: list[Callable[[CaseEvent], None]] = []


def register_listener(listener: Callable[[CaseEvent], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _add(case: Case, kind: EventKind, actor: User | None, text: str = "", **data: Any) -> CaseEvent:
    event = CaseEvent.objects.create(case=case, kind=kind, at=timezone.now(), actor=actor, text=text, data=data)
    for listener in _listeners:
        listener(event)
    return event


def received(*, case: Case, actor: User | None, channel: str) -> CaseEvent:
    return _add(case, EventKind.RECEIVED, actor, channel=channel)


def note(*, case: Case, actor: User, kind: EventKind, text: str) -> CaseEvent:
    return _add(case, kind, actor, text)


def call(*, case: Case, actor: User, incoming: bool, text: str) -> CaseEvent:
    return _add(case, EventKind.CALL_IN if incoming else EventKind.CALL_OUT, actor, text)


def attachments_received(*, case: Case, filenames: list[str], inbound_id: int | None = None) -> CaseEvent:
    """Files kept with a consultation (web form or mail); `inbound_id` names the mail they came with."""
    data: dict[str, Any] = {"count": len(filenames)}
    if inbound_id is not None:
        data["inbound_id"] = inbound_id
    return _add(case, EventKind.ATTACHMENT, None, ", ".join(filenames), **data)


def email_out(*, case: Case, actor: User | None, message_id: str, to: str, subject: str) -> CaseEvent:
    return _add(case, EventKind.EMAIL_OUT, actor, subject, message_id=message_id, to=to)


def triaged(
    *, case: Case, actor: User | None, category: str, urgency: int, police: bool, source: str = ""
) -> CaseEvent:
    return _add(case, EventKind.TRIAGE, actor, category=category, urgency=urgency, police=police, source=source)


def dispatched(*, case: Case, actor: User, assignee: User | None, text: str) -> CaseEvent:
    return _add(case, EventKind.DISPATCH, actor, text, assignee=assignee.get_username() if assignee else None)


def assigned(*, case: Case, actor: User, assignee: User | None) -> CaseEvent:
    return _add(case, EventKind.ASSIGN, actor, assignee=assignee.get_username() if assignee else None)


def status_changed(*, case: Case, actor: User | None, old: str, new: str, text: str = "") -> CaseEvent:
    return _add(case, EventKind.STATUS, actor, text, old=old, new=new)


def callback_scheduled(*, case: Case, actor: User, phone: str, due_at_iso: str, text: str) -> CaseEvent:
    return _add(case, EventKind.CALLBACK, actor, text, phone=phone, due_at=due_at_iso)


def callback_done(*, case: Case, actor: User, text: str) -> CaseEvent:
    return _add(case, EventKind.CALLBACK_DONE, actor, text)


def inquiry(*, case: Case, actor: User, organization: str, text: str) -> CaseEvent:
    return _add(case, EventKind.INQUIRY, actor, text, organization=organization)


def police_flag(*, case: Case, actor: User, value: bool, text: str = "") -> CaseEvent:
    return _add(case, EventKind.POLICE_FLAG, actor, text, value=value)


def answer_draft_saved(
    *, case: Case, actor: User, draft_id: int, revision: int, approval_withdrawn: bool, text: str = ""
) -> CaseEvent:
    return _add(
        case,
        EventKind.ANSWER_DRAFT_SAVED,
        actor,
        text,
        draft_id=draft_id,
        revision=revision,
        approval_withdrawn=approval_withdrawn,
    )


def approval_requested(*, case: Case, actor: User, draft_id: int) -> CaseEvent:
    return _add(case, EventKind.APPROVAL_REQUESTED, actor, draft_id=draft_id)


def approved(*, case: Case, actor: User, draft_id: int, text: str = "") -> CaseEvent:
    return _add(case, EventKind.APPROVED, actor, text, draft_id=draft_id)


def rejected(*, case: Case, actor: User, draft_id: int, text: str) -> CaseEvent:
    return _add(case, EventKind.REJECTED, actor, text, draft_id=draft_id)


def answer_sent(*, case: Case, actor: User, draft_id: int, via: str, text: str) -> CaseEvent:
    return _add(case, EventKind.ANSWER_SENT, actor, text, draft_id=draft_id, via=via)


def edited(*, case: Case, actor: User, changes: dict[str, Any]) -> CaseEvent:
    return _add(case, EventKind.EDIT, actor, changes=changes)


def merged(*, case: Case, actor: User, into_reference: str, text: str) -> CaseEvent:
    return _add(case, EventKind.MERGED, actor, text, into=into_reference)


def reopened(*, case: Case, actor: User, text: str) -> CaseEvent:
    return _add(case, EventKind.REOPENED, actor, text)


def closed(*, case: Case, actor: User, text: str) -> CaseEvent:
    return _add(case, EventKind.CLOSED, actor, text)


def generic(*, case: Case, actor: User | None, kind: EventKind, text: str = "", **data: Any) -> CaseEvent:
    """For leaf apps (playbooks, intake) whose events carry their own data."""
    return _add(case, kind, actor, text, **data)
