"""Read path of intake: inbound mail lists, a case's mail and attachments."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.accounts.models import User
from madoguchi.cases.models import Case
from madoguchi.intake.access import visible_messages
from madoguchi.intake.models import Attachment, InboundMessage, InboundStatus


def inbound_list(*, user: User, status: str = "") -> QuerySet[InboundMessage]:
    qs = visible_messages(user=user).select_related("case")
    if status in InboundStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at", "-id")


def quarantine(*, user: User) -> QuerySet[InboundMessage]:
    return inbound_list(user=user, status=InboundStatus.QUARANTINED)


def case_messages(*, case: Case) -> QuerySet[InboundMessage]:
    return InboundMessage.objects.filter(case=case).select_related("referenced_case").order_by("received_at", "id")


def case_attachments(*, case: Case) -> QuerySet[Attachment]:
    return Attachment.objects.filter(case=case).select_related("inbound_message").order_by("id")
