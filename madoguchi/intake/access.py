"""Loading stored mail and attachments for a user: through the case's access rule, the same 404 for all refusals."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import visible_cases
from madoguchi.intake.models import Attachment, InboundMessage


def visible_messages(*, user: User) -> QuerySet[InboundMessage]:
    if not user.is_active or not user.can(Action.CASE_VIEW):
        return InboundMessage.objects.none()
    condition = Q(case__in=visible_cases(user=user).values("pk"))
    if user.can(Action.QUARANTINE_MANAGE):
        # Mail that belongs to no case (quarantine, auto-replies) is for the desk staff who sort it.
        condition |= Q(case__isnull=True)
    return InboundMessage.objects.filter(condition)


def access_message(*, user: User, pk: int, action: Action = Action.CASE_VIEW) -> InboundMessage:
    if not user.can(action):
        raise Http404
    try:
        return visible_messages(user=user).select_related("case", "handled_by").get(pk=pk)
    except InboundMessage.DoesNotExist as exc:
        raise Http404 from exc


def access_attachment(*, user: User, pk: int) -> Attachment:
    if not user.is_active or not user.can(Action.CASE_VIEW):
        raise Http404
    condition = Q(case__in=visible_cases(user=user).values("pk")) | Q(
        case__isnull=True, inbound_message__in=visible_messages(user=user).values("pk")
    )
    try:
        return Attachment.objects.filter(condition).select_related("case", "inbound_message").get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
