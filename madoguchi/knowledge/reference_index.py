"""The directory (相談・届出先) and the law map (適用法規) in the search index: documents, hooks, rebuilds."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import translation

from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import Document
from madoguchi.referrals.models import (
    Audience,
    ChannelKind,
    EntryType,
    EventType,
    LawEntry,
    ReferralOrganization,
)

REFERRAL_KIND = "referral"
LAW_KIND = "law"


def _label(choices: type[EntryType] | type[ChannelKind] | type[Audience], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def organization_document(org: ReferralOrganization) -> Document:
    """Name, short name, what the entry handles, its channels and the situations it takes (their keywords)."""
    # The index holds the desk's own language, whoever triggered the write (a command runs untranslated).
    with translation.override("ja"):
        parts = [org.short_name, _label(EntryType, org.entry_type), org.handles, org.region]
        parts += [_label(Audience, a) for a in org.audience]
        for channel in org.channels:
            line = " ".join(str(channel.get(key) or "") for key in ("value", "hours", "note") if channel.get(key))
            parts.append(f"{_label(ChannelKind, str(channel.get('kind', '')))} {line}")
        for situation in org.situations.all():
            parts.append(situation.label)
            parts.extend(situation.keywords)
        parts.append(org.notes)
    return Document(
        kind=REFERRAL_KIND,
        object_id=org.pk,
        title=org.name,
        body="\n".join(p for p in parts if p),
        # The directory is open to every staff role that may search (referrals views: CASE_VIEW).
        visibility="staff",
        url=org.get_absolute_url(),
    )


def law_document(law: LawEntry) -> Document:
    """Statute and article, what it covers, the penalty, and the events of the law map that engage it."""
    parts = [law.law_name, law.covers, law.penalty, law.penalty_article, law.notes]
    for event in law.event_types.all():
        parts.append(event.label)
        parts.extend(event.keywords)
    return Document(
        kind=LAW_KIND,
        object_id=law.pk,
        title=f"{law.law_short_name} {law.article}",
        body="\n".join(p for p in parts if p),
        visibility="staff",
        url=law.get_absolute_url(),
    )


def _organizations() -> Iterator[ReferralOrganization]:
    return ReferralOrganization.objects.prefetch_related("situations").order_by("pk").iterator(chunk_size=500)


def _laws() -> Iterator[LawEntry]:
    events = Prefetch("event_types", queryset=EventType.objects.order_by("order", "code").distinct())
    return LawEntry.objects.prefetch_related(events).order_by("pk").iterator(chunk_size=500)


def reference_documents() -> Iterator[Document]:
    for org in _organizations():
        yield organization_document(org)
    for law in _laws():
        yield law_document(law)


def index_organization(organization: ReferralOrganization) -> None:
    """Registered with referrals.hooks: runs inside the directory service's transaction."""
    service.index_document_from(organization_document(organization))


def sync_reference_data() -> None:
    """Registered with referrals.hooks: after a reference load, index what changed and drop what is gone."""
    service.sync_kind(kind=REFERRAL_KIND, documents=[organization_document(o) for o in _organizations()])
    service.sync_kind(kind=LAW_KIND, documents=[law_document(law) for law in _laws()])
