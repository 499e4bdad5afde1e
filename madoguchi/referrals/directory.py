"""The referral directory as the case screen reads it: one snapshot per process, checked by its change token.

Every case page suggests organisations, events and laws. Reading the directory's seven tables for that on every
request (five to seven queries and several hundred model instances) was the largest part of the page's work at
scale (docs/reliability.md). `directory()` returns the same rows from memory while the tables are unchanged;
any write to them replaces the token (triggers, `core.snapshots`), and the next request reads them again.

The instances are shared by every request of the process: read them, never change them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from madoguchi.core.snapshots import ProcessSnapshot
from madoguchi.referrals.models import EventLawLink, EventType, LawEntry, ReferralOrganization, Situation
from madoguchi.referrals.services import normalize_for_search

NAME = "referrals.directory"  # the token the triggers of migration referrals/0004 replace


@dataclass(frozen=True)
class Directory:
    situations: tuple[Situation, ...]  # the model's order (order, code)
    organizations: tuple[ReferralOrganization, ...]
    events: tuple[EventType, ...]
    org_situations: dict[int, tuple[int, ...]]  # organisation id -> its situations' ids, in the situations' order
    event_situations: dict[int, tuple[int, ...]]
    event_links: dict[int, tuple[EventLawLink, ...]]  # event id -> its law links (law loaded), the links' order
    keywords: dict[tuple[str, int], tuple[tuple[str, str], ...]]  # ("situation"|"event", id) -> (keyword, normalised)
    organizations_by_code: dict[str, ReferralOrganization]
    laws_by_code: dict[str, LawEntry]
    situations_by_code: dict[str, Situation]


def _links(through: type[models.Model], owner: str) -> dict[int, tuple[int, ...]]:
    rows = through._default_manager.order_by("situation__order", "situation__code", "pk").values_list(
        owner, "situation_id"
    )
    found: dict[int, list[int]] = {}
    for owner_id, situation_id in rows:
        found.setdefault(owner_id, []).append(situation_id)
    return {key: tuple(value) for key, value in found.items()}


def _normalised(keywords: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((keyword, normalize_for_search(keyword)) for keyword in keywords)


def _read() -> Directory:
    situations = tuple(Situation.objects.all())
    organizations = tuple(ReferralOrganization.objects.all())
    events = tuple(EventType.objects.all())
    laws = tuple(LawEntry.objects.all())
    laws_by_id = {law.pk: law for law in laws}
    event_links: dict[int, list[EventLawLink]] = {}
    for link in EventLawLink.objects.all():
        link.law = laws_by_id[link.law_id]
        event_links.setdefault(link.event_id, []).append(link)
    keywords = {("situation", s.pk): _normalised(s.keywords) for s in situations}
    keywords.update({("event", e.pk): _normalised(e.keywords) for e in events})
    return Directory(
        situations=situations,
        organizations=organizations,
        events=events,
        org_situations=_links(ReferralOrganization.situations.through, "referralorganization_id"),
        event_situations=_links(EventType.situations.through, "eventtype_id"),
        event_links={key: tuple(value) for key, value in event_links.items()},
        keywords=keywords,
        organizations_by_code={org.code: org for org in organizations},
        laws_by_code={law.code: law for law in laws},
        situations_by_code={s.code: s for s in situations},
    )


_snapshot = ProcessSnapshot(NAME, _read)


def directory() -> Directory:
    """The directory as it is in the database now (one query while unchanged; a full read after a change)."""
    return _snapshot.get()


def snapshot() -> ProcessSnapshot[Directory]:
    return _snapshot
