"""Read path of consultations: queues, dashboard counts, lists and a case's related records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import F, Q, QuerySet, When, prefetch_related_objects
from django.db.models.functions import Greatest
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import EventKind, Tier, Urgency
from madoguchi.cases.models import Callback, Case, CaseEvent, Organization, Person
from madoguchi.cases.workflow import OPEN_STATUSES, Status
from madoguchi.core.pagination import count_at_most

_LIST_RELATED = ("organization", "person", "assignee")


def _effective_urgency() -> SqlCase:
    # Case.effective_urgency in SQL: until staff decide the category, the triage suggestion may raise the
    # urgency a queue sorts by (never lower it), so urgent arrivals are first before anyone opens them.
    return SqlCase(
        When(
            Q(category="") & ~Q(suggested_category="") & Q(suggested_urgency__isnull=False),
            then=Greatest("urgency", "suggested_urgency"),
        ),
        default=F("urgency"),
    )


def _queue_order(qs: QuerySet[Case]) -> QuerySet[Case]:
    # Urgent first (suggested urgency counts while undecided), then oldest waiting first.
    # Playbook progress badges read the prefetched runs.
    return (
        qs.annotate(queue_urgency=_effective_urgency())
        .order_by("-queue_urgency", "received_at", "id")
        .prefetch_related("playbook_runs")
    )


def my_cases(*, user: User) -> QuerySet[Case]:
    return _queue_order(
        visible_cases(user=user).filter(assignee=user, status__in=OPEN_STATUSES).select_related(*_LIST_RELATED)
    )


def tier2_pool(*, user: User) -> QuerySet[Case]:
    return _queue_order(
        visible_cases(user=user)
        .filter(tier=Tier.BACK, status=Status.DISPATCHED, assignee__isnull=True)
        .select_related(*_LIST_RELATED)
    )


def front_queue(*, user: User) -> QuerySet[Case]:
    return _queue_order(
        visible_cases(user=user)
        .filter(tier=Tier.FRONT, status__in=[Status.RECEIVED, Status.ON_HOLD])
        .select_related(*_LIST_RELATED)
    )


def awaiting_approval(*, user: User) -> QuerySet[Case]:
    return _queue_order(visible_cases(user=user).filter(status=Status.AWAITING_APPROVAL).select_related(*_LIST_RELATED))


def overdue_first_response(*, user: User, now: dt.datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    return _queue_order(
        visible_cases(user=user)
        .filter(
            status__in=OPEN_STATUSES,
            first_response_at__isnull=True,
            first_response_due_at__lt=now,
        )
        .select_related(*_LIST_RELATED)
    )


def urgent_waiting(*, user: User) -> QuerySet[Case]:
    """Open cases nobody has contacted yet that are urgent, by decision or, until one, by triage suggestion."""
    # Effective urgency (see _effective_urgency) of 高 or above, written as a plain condition.
    urgent = Q(urgency__gte=Urgency.HIGH) | (
        Q(category="") & ~Q(suggested_category="") & Q(suggested_urgency__gte=Urgency.HIGH)
    )
    return _queue_order(
        visible_cases(user=user)
        .filter(urgent, status__in=OPEN_STATUSES, first_response_at__isnull=True)
        .select_related(*_LIST_RELATED)
    )


def open_callbacks(*, user: User) -> QuerySet[Callback]:
    case_ids = visible_cases(user=user).values("pk")
    return (
        Callback.objects.filter(done_at__isnull=True, case__in=case_ids)
        .select_related("case", "assignee", "case__person", "case__organization")
        .order_by("due_at")
    )


@dataclass
class Dashboard:
    urgent: list[Case]
    mine: list[Case]
    front: list[Case]
    pool: list[Case]
    approvals: list[Case]
    overdue: list[Case]
    callbacks: list[Callback]
    now: dt.datetime


def dashboard(*, user: User, limit: int = 20) -> Dashboard:
    def first(qs: QuerySet[Case]) -> list[Case]:
        # The first `limit` ids are chosen from the cases table and its indexes alone, and only those rows are joined
        # to their organisation, person and assignee (one statement): joining every open candidate before the sort
        # cost 9-19 ms per queue at 1,000,000 consultations (docs/reliability.md "Session 9").
        # Every queue is in _queue_order's order, which the outer statement repeats over just those rows.
        chosen = qs.prefetch_related(None).values("pk")[:limit]
        return list(
            _queue_order(Case.objects.filter(pk__in=chosen).select_related(*_LIST_RELATED)).prefetch_related(None)
        )

    queues = {
        "urgent": first(urgent_waiting(user=user)),
        "mine": first(my_cases(user=user)),
        "front": first(front_queue(user=user)),
        "pool": first(tier2_pool(user=user)),
        "approvals": first(awaiting_approval(user=user)),
        "overdue": first(overdue_first_response(user=user)),
    }
    # One query for the playbook progress badges of every queue, instead of one per queue.
    prefetch_related_objects([c for cases in queues.values() for c in cases], "playbook_runs")
    return Dashboard(
        **queues,
        callbacks=list(open_callbacks(user=user)[:limit]),
        now=timezone.now(),
    )


# The case list's sort keys (?sort=key or ?sort=-key) and what each orders by. Only these reach order_by.
CASE_LIST_SORTS: dict[str, str] = {
    "reference": "reference",
    "urgency": "queue_urgency",
    "subject": "subject",
    "category": "category",
    "organization": "organization__name",
    "status": "status",
    "assignee": "assignee__display_name",
    "received_at": "received_at",
    "channel": "channel",
}
DEFAULT_CASE_LIST_SORT = "-received_at"
# Sort keys that can be empty (no organisation, nobody assigned). Only these get NULLS LAST: on a NOT NULL
# column it changes no order but keeps PostgreSQL from walking an index (received_at DESC NULLS LAST is not
# the order of case_open_recent_idx / case_recent_idx), so the default list would sort every open case.
_NULLABLE_SORTS = frozenset({"organization", "assignee"})


# Sorts the database reads from an index at any size: 受付日時 (case_recent_idx, case_open_recent_idx) and the
# unique 受付番号. Any other sort reads and sorts every match: fine for a filtered list, seconds over a million
# (完了を含む by 件名 or 経路: 2.4–3.2 s at 1,000,000, docs/reliability.md "Session 9"). Past FULL_SORT_CAP matches
# the list keeps its default order and says why (`sort_refused`).
INDEXED_SORTS = frozenset({"received_at", "reference"})
FULL_SORT_CAP = 50_000


def sort_refused(qs: QuerySet[Case], sort: str) -> bool:
    """True when `sort` would sort more than FULL_SORT_CAP matches (counted up to the cap + 1, unordered)."""
    if not sort or sort.lstrip("-") in INDEXED_SORTS or sort.lstrip("-") not in CASE_LIST_SORTS:
        return False
    return count_at_most(qs, FULL_SORT_CAP) > FULL_SORT_CAP


def default_order(qs: QuerySet[Case]) -> QuerySet[Case]:
    """The list's default order (newest first, id breaking ties) in place of whatever `qs` was sorted by."""
    return qs.order_by(F("received_at").desc(), F("id").desc())


def _list_order(qs: QuerySet[Case], sort: str) -> QuerySet[Case]:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    field = CASE_LIST_SORTS.get(name)
    if field is None:
        return _list_order(qs, DEFAULT_CASE_LIST_SORT)
    # Nulls (no organisation, nobody assigned) last either way, the same on SQLite and PostgreSQL;
    # the id breaks ties so that pages never repeat or skip a case.
    nulls_last = True if name in _NULLABLE_SORTS else None
    key = F(field).desc(nulls_last=nulls_last) if descending else F(field).asc(nulls_last=nulls_last)
    tiebreak = F("id").desc() if descending else F("id").asc()
    return qs.annotate(queue_urgency=_effective_urgency()).order_by(key, tiebreak)


def _local_day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the desk's time zone (what `received_at__date` compares in)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def case_list(*, user: User, filters: dict[str, Any]) -> QuerySet[Case]:
    """The filtered case list in the requested order (filters["sort"], whitelisted; newest first by default)."""
    qs = visible_cases(user=user).select_related(*_LIST_RELATED)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    elif not filters.get("include_closed"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("channel"):
        qs = qs.filter(channel=filters["channel"])
    if filters.get("tier"):
        qs = qs.filter(tier=filters["tier"])
    if filters.get("tag"):
        qs = qs.filter(tags__name=filters["tag"])
    # Received on or after/before a local day, as a range on received_at itself: `received_at__date` would
    # convert every row's timestamp before comparing, which no index on received_at can answer.
    if filters.get("date_from"):
        qs = qs.filter(received_at__gte=_local_day_start(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(received_at__lt=_local_day_start(filters["date_to"] + dt.timedelta(days=1)))
    if filters.get("reference"):
        qs = qs.filter(reference__startswith=filters["reference"])
    return _list_order(qs, filters.get("sort") or DEFAULT_CASE_LIST_SORT).prefetch_related("playbook_runs")


def timeline(*, case: Case, known_users: Iterable[User | None] = ()) -> list[CaseEvent]:
    """The case's events, oldest first; dispatch/assign events carry the assignee's display name.

    Assignees are usually the case's own people or an event's actor, already loaded: only the other names
    cost a query (`known_users`: users the caller has in hand, such as the viewer and the case's assignee).
    """
    events = list(case.events.select_related("actor").order_by("at", "id"))
    usernames = {e.data.get("assignee") for e in events if isinstance(e.data, dict) and e.data.get("assignee")}
    in_hand = [u for u in known_users if u is not None] + [e.actor for e in events if e.actor is not None]
    names = {u.username: str(u) for u in in_hand if u.username in usernames}
    missing = usernames - set(names)
    if missing:
        names.update({u.username: str(u) for u in User.objects.filter(username__in=missing)})
    for e in events:
        assignee = e.data.get("assignee") if isinstance(e.data, dict) else None
        e.assignee_name = names.get(assignee, assignee) if assignee else ""  # type: ignore[attr-defined]
    return events


def handover_note(*, events: list[CaseEvent]) -> CaseEvent | None:
    """The latest dispatch event when it carries tier 1's handover note (引継ぎメモ), else None.

    Only the latest dispatch counts: an older note may describe a hand-over that no longer applies.
    """
    dispatches = [e for e in events if e.kind == EventKind.DISPATCH]
    if dispatches and dispatches[-1].text.strip():
        return dispatches[-1]
    return None


def previous_cases(*, case: Case, user: User, limit: int = 10) -> list[Case]:
    """Earlier consultations of the same person or organisation, so repeat consulters are recognised."""
    conditions = Q()
    if case.person_id:
        conditions |= Q(person_id=case.person_id)
    if case.organization_id:
        conditions |= Q(organization_id=case.organization_id)
    if not conditions:
        return []
    return list(visible_cases(user=user).filter(conditions).exclude(pk=case.pk).order_by("-received_at")[:limit])


def repeat_consulter_cases(
    *, user: User, email: str = "", phone_key: str = "", org_key: str = "", limit: int = 5
) -> list[Case]:
    conditions = Q()
    if email:
        conditions |= Q(person__email_key=email.lower())
    if phone_key:
        conditions |= Q(person__phone_key=phone_key)
    if org_key:
        conditions |= Q(organization__name_key=org_key)
    if not conditions:
        return []
    return list(
        visible_cases(user=user).filter(conditions).select_related(*_LIST_RELATED).order_by("-received_at")[:limit]
    )


def organization_cases(*, organization: Organization, user: User) -> QuerySet[Case]:
    """The organisation's consultations that this user may see, newest first."""
    return (
        visible_cases(user=user)
        .filter(organization=organization)
        .select_related(*_LIST_RELATED)
        .order_by("-received_at", "-id")
        .prefetch_related("playbook_runs")
    )


def organization_people(*, organization: Organization) -> QuerySet[Person]:
    return organization.people.order_by("name", "id")
