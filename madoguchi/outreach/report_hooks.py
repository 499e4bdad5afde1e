"""What the outreach app gives the manager reports (found by reports.registry): mailings, events, retention.

Plain data only: this module imports nothing from `reports` (docs/how-to/add-a-report-section.md).
Rows are aggregates per month; no name, address or free text leaves this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from madoguchi.outreach.models import EventKind, GuidebookRequest, OutreachEvent, RequestStatus

REMOVED = "（保存期間経過のため削除）"


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(start, dt.time.min, tzinfo=tz), dt.datetime.combine(end, dt.time.min, tzinfo=tz)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, current = [], dt.date(start.year, start.month, 1)
    while current < end:
        out.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


def _key(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year:04d}-{value.month:02d}"


def guidebook_mailings(start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """Requests received, and requests and copies shipped, per month (`end` exclusive)."""
    since, until = _bounds(start, end)
    received: dict[str, int] = {}
    for row in (
        GuidebookRequest.objects.filter(received_at__gte=since, received_at__lt=until)
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("id"))
    ):
        received[_key(row["month"])] = received.get(_key(row["month"]), 0) + row["n"]
    shipped: dict[str, tuple[int, int]] = {}
    for row in (
        GuidebookRequest.objects.filter(status=RequestStatus.SHIPPED, shipped_on__gte=start, shipped_on__lt=end)
        .annotate(month=TruncMonth("shipped_on"))
        .values("month")
        .annotate(n=Count("id"), copies=Sum("copies"))
    ):
        n, copies = shipped.get(_key(row["month"]), (0, 0))
        shipped[_key(row["month"])] = (n + row["n"], copies + (row["copies"] or 0))
    rows: list[list[Any]] = []
    for month in _months(start, end):
        key = _key(month)
        n_shipped, copies = shipped.get(key, (0, 0))
        rows.append([key, received.get(key, 0), n_shipped, copies])
    return {
        "title": _("ガイドブック送付依頼と発送部数（月別）"),
        "columns": [_("月"), _("受付件数"), _("発送件数"), _("発送部数")],
        "rows": rows,
        "chart": {"labels": [r[0] for r in rows], "values": [r[3] for r in rows], "unit": "部"},
        "note": _("受付は受付日、発送は発送日の月で数えています。"),
    }


def events_and_participants(start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """Seminars and on-site visits held, and their participants, per month (`end` exclusive)."""
    since, until = _bounds(start, end)
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for row in (
        OutreachEvent.objects.filter(starts_at__gte=since, starts_at__lt=until)
        .annotate(month=TruncMonth("starts_at"))
        .values("month", "kind")
        .annotate(n=Count("id"), people=Sum("participants"))
    ):
        slot = (_key(row["month"]), row["kind"])
        n, people = counts.get(slot, (0, 0))
        counts[slot] = (n + row["n"], people + (row["people"] or 0))
    rows: list[list[Any]] = []
    for month in _months(start, end):
        key = _key(month)
        seminars, seminar_people = counts.get((key, EventKind.SEMINAR), (0, 0))
        visits, visit_people = counts.get((key, EventKind.ONSITE), (0, 0))
        rows.append([key, seminars, seminar_people, visits, visit_people])
    return {
        "title": _("セミナー・出張相談の回数と参加者数（月別）"),
        "columns": [_("月"), _("セミナー回数"), _("セミナー参加者"), _("出張相談件数"), _("出張相談参加者")],
        "rows": rows,
        "chart": {"labels": [r[0] for r in rows], "values": [r[2] + r[4] for r in rows], "unit": "人"},
        "note": _("参加者数が未入力の回は0人として数えています。"),
    }


def due_guidebook_requests(cutoff: dt.datetime) -> QuerySet[GuidebookRequest]:
    """Requests finished before the cutoff: shipped before it, or cancelled and untouched since."""
    finished = Q(status=RequestStatus.SHIPPED, shipped_on__lt=timezone.localtime(cutoff).date()) | Q(
        status=RequestStatus.CANCELLED, updated_at__lt=cutoff
    )
    return GuidebookRequest.objects.filter(finished).order_by("pk")


def anonymise_guidebook_request(request: GuidebookRequest) -> None:
    """Remove who and where; keep edition, copies, dates, status, prefecture and organisation for the statistics."""
    GuidebookRequest.objects.filter(pk=request.pk).update(
        person_name=REMOVED,
        department="",
        postal_code="",
        address="",
        phone="",
        email="",
        purpose="",
    )


REPORT_SECTIONS = [
    ("guidebook_mailings", 95, guidebook_mailings),
    ("outreach_events", 96, events_and_participants),
]
RETENTION_TYPES = [
    (
        "guidebook_request",
        gettext_lazy("ガイドブック送付依頼（発送・取消後）"),
        12,
        due_guidebook_requests,
        anonymise_guidebook_request,
    ),
]
