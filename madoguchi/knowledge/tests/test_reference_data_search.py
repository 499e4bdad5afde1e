"""The directory (相談・届出先) and the law map (適用法規) are searchable, with the shipped reference data."""

import pytest
from django.urls import reverse

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search import service
from madoguchi.referrals.models import LawEntry, ReferralOrganization

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(db):
    import io

    from django.core.management import call_command

    call_command("load_reference_data", app=["referrals"], stdout=io.StringIO())


def _codes(manager, query, kind):
    page = service.search(query=query, kinds=[kind], restrict={"case": visible_cases(user=manager)}, limit=100)
    model = ReferralOrganization if kind == "referral" else LawEntry
    return set(model.objects.filter(pk__in=[h.object_id for h in page.hits]).values_list("code", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IPA", {"ipa_cs_support", "ipa_anshin"}),
        ("JPCERT", {"jpcert_incident_report"}),
        ("警視庁", {"mpd_cybercrime_division"}),
    ],
)
def test_directory_entries_are_found_by_name(reference_data, manager, query, expected):
    found = _codes(manager, query, "referral")
    assert expected <= found, found


def test_law_entries_are_found_by_law_name(reference_data, manager):
    found = _codes(manager, "刑法", "law")
    penal = set(LawEntry.objects.filter(law_short_name="刑法").values_list("code", flat=True))
    assert penal
    assert penal <= found


def test_law_entries_are_found_by_article_and_by_their_events(reference_data, manager):
    assert "uaa_art3" in _codes(manager, "不正アクセス禁止法 第3条", "law")
    # Event labels of the law map lead to the provisions they may engage.
    event = LawEntry.objects.get(code="uaa_art3").event_types.first()
    assert event is not None
    assert "uaa_art3" in _codes(manager, event.label, "law")


def test_directory_found_by_phone_number_and_situation(reference_data, manager):
    assert "mpd_cybercrime_division" in _codes(manager, "03-5805-1731", "referral")


def test_search_page_links_directory_and_law_entries(reference_data, client_for, tier1_staff):
    html = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "JPCERT"}).content.decode()
    assert reverse("referrals:organization", kwargs={"code": "jpcert_incident_report"}) in html
    html = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "刑法", "kind": "law"}).content.decode()
    law = LawEntry.objects.filter(law_short_name="刑法").first()
    assert reverse("referrals:law", kwargs={"code": law.code}) in html
    assert "相談・届出先" in html or "適用法規" in html
