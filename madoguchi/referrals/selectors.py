"""Read path of the referral directory and the law map; lists come with their relations loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from madoguchi.referrals.freshness import is_stale
from madoguchi.referrals.models import EventLawLink, EventType, LawEntry, ReferralOrganization, Situation
from madoguchi.referrals.services import normalize_for_search


def organizations(
    *, query: str = "", situation: str = "", category: str = "", public_only: bool = False
) -> list[ReferralOrganization]:
    qs: QuerySet[ReferralOrganization] = ReferralOrganization.objects.prefetch_related("situations").select_related(
        "last_verified_by"
    )
    if public_only:
        qs = qs.filter(public=True, verified=True)
    if situation:
        qs = qs.filter(situations__code=situation)
    for word in normalize_for_search(query).split():
        qs = qs.filter(search_key__contains=word)
    rows = list(qs.distinct())
    if category:
        # categories is a short JSON list; filtering in Python keeps SQLite and PostgreSQL alike.
        rows = [org for org in rows if category in org.categories]
    return rows


def organization(*, code: str) -> ReferralOrganization:
    return get_object_or_404(
        ReferralOrganization.objects.prefetch_related("situations").select_related("last_verified_by", "edited_by"),
        code=code,
    )


def situations() -> QuerySet[Situation]:
    return Situation.objects.all()


@dataclass(frozen=True)
class SituationGroup:
    situation: Situation
    organizations: list[ReferralOrganization]


def grouped_by_situation(
    *, public_only: bool, verified_only: bool = False, situation: str = ""
) -> list[SituationGroup]:
    """The quick list: each situation with the organisations that can take it, in directory order."""
    orgs = ReferralOrganization.objects.order_by("order", "code")
    if public_only:
        orgs = orgs.filter(public=True, verified=True)
    elif verified_only:
        orgs = orgs.filter(verified=True)
    qs = Situation.objects.prefetch_related(Prefetch("organizations", queryset=orgs))
    if situation:
        qs = qs.filter(code=situation)
    groups = [SituationGroup(situation=s, organizations=list(s.organizations.all())) for s in qs]
    return [g for g in groups if g.organizations]


def stale_organizations(*, today: dt.date | None = None) -> list[ReferralOrganization]:
    return [org for org in ReferralOrganization.objects.all() if is_stale(org, today=today)]


def events() -> QuerySet[EventType]:
    links = EventLawLink.objects.select_related("law").order_by("order")
    return EventType.objects.prefetch_related(Prefetch("law_links", queryset=links), "situations")


def event(*, code: str) -> EventType:
    return get_object_or_404(events(), code=code)


def laws() -> QuerySet[LawEntry]:
    links = EventLawLink.objects.select_related("event").order_by("event__order")
    return LawEntry.objects.prefetch_related(Prefetch("event_links", queryset=links)).order_by("order", "code")


def law(*, code: str) -> LawEntry:
    return get_object_or_404(laws(), code=code)


def laws_by_statute() -> list[tuple[str, list[LawEntry]]]:
    grouped: dict[str, list[LawEntry]] = {}
    for entry in laws():
        grouped.setdefault(entry.law_short_name, []).append(entry)
    return list(grouped.items())
