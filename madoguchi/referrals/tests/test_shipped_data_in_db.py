"""The shipped data, once in the database, is sourced, dated, uses valid codes and has no orphans."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.cases.choices import Category
from madoguchi.referrals.models import (
    Audience,
    ChannelKind,
    EntryType,
    EventType,
    LawEntry,
    ReferralOrganization,
    Situation,
)

pytestmark = pytest.mark.django_db

SOURCED = [Situation, ReferralOrganization, LawEntry, EventType]


@pytest.mark.parametrize("model", SOURCED, ids=lambda m: m.__name__)
def test_every_record_has_a_source_and_a_date(reference_data, model):
    records = list(model.objects.all())
    assert records
    for record in records:
        assert record.source_url.startswith(("http://", "https://")), record.code
        assert isinstance(record.as_of, dt.date), record.code
        assert record.as_of <= dt.date(2026, 12, 6), record.code
        if not record.verified:
            assert record.verification_note.strip(), record.code


@pytest.mark.parametrize("model", [Situation, ReferralOrganization, EventType], ids=lambda m: m.__name__)
def test_category_codes_are_desk_categories(reference_data, model):
    for record in model.objects.all():
        assert record.categories, record.code
        assert set(record.categories) <= set(Category.values), record.code


def test_organization_codes_are_valid(reference_data):
    for org in ReferralOrganization.objects.all():
        assert org.entry_type in EntryType.values, org.code
        assert org.audience and set(org.audience) <= set(Audience.values), org.code
        assert {c["kind"] for c in org.channels} <= set(ChannelKind.values), org.code


def test_public_entries_are_verified(reference_data):
    assert not ReferralOrganization.objects.filter(public=True, verified=False).exists()


def test_no_orphans(reference_data):
    assert not Situation.objects.filter(organizations__isnull=True).exists()
    assert not EventType.objects.filter(law_links__isnull=True).exists()
    # Every provision is reachable from the law map by event, or at least shown by law.
    linked = set(LawEntry.objects.filter(event_links__isnull=False).values_list("code", flat=True))
    assert linked
    for event in EventType.objects.prefetch_related("law_links"):
        if event.verified:
            assert any(link.verified and link.relevance == "primary" for link in event.law_links.all()), event.code
