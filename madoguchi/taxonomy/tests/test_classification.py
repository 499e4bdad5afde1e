"""Classifying objects with terms: generic for any model, and from the case screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases.models import Case, Organization
from madoguchi.taxonomy import selectors, services
from madoguchi.taxonomy.models import Term, TermAssignment
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def test_any_model_can_be_classified_and_found_by_term(tier2_staff, tier1_staff, taxonomy_data):
    case = make_case(actor=tier1_staff)
    ransomware = Term.objects.get(scheme__code="ipa_10_threats_org_2025", code="r01")
    services.classify(actor=tier2_staff, obj=case, term=ransomware)
    services.classify(actor=tier2_staff, obj=case.organization, term=ransomware)
    services.classify(actor=tier2_staff, obj=case, term=ransomware)  # twice is once
    assert selectors.terms_for(obj=case) == [ransomware]
    assert list(selectors.objects_with_term(model=Case, term=ransomware)) == [case]
    assert list(selectors.objects_with_term(model=Organization, term=ransomware)) == [case.organization]
    assert services.unclassify(actor=tier2_staff, obj=case, term=ransomware)
    assert selectors.terms_for(obj=case) == []


def test_case_screen_panel_adds_and_removes_terms(client_for, tier2_staff, tier1_staff, taxonomy_data):
    case = dispatched_case(tier1=tier1_staff)
    term = Term.objects.get(scheme__code="nist_csf_2_0", code="gv_oc")
    client = client_for(tier2_staff)
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert 'id="taxonomy"' in page and "GV.OC" in page
    url = reverse("taxonomy:case_classify", args=[case.reference])
    assert client.post(url, {"term": term.pk}).status_code == 302
    assert TermAssignment.objects.filter(object_id=case.pk, term=term).exists()
    assert AuditEvent.objects.filter(target_type="cases.Case", detail__classify=term.pk).exists()
    assert client.post(url, {"term": term.pk, "remove": "1"}).status_code == 302
    assert not TermAssignment.objects.exists()


def test_classifying_a_case_one_cannot_see_is_not_found(client_for, other_tier1_staff, tier1_staff, taxonomy_data):
    case = dispatched_case(tier1=tier1_staff)
    term = Term.objects.first()
    response = client_for(other_tier1_staff).post(
        reverse("taxonomy:case_classify", args=[case.reference]), {"term": term.pk}
    )
    assert response.status_code == 404
    assert not TermAssignment.objects.exists()


def test_admin_may_not_classify_cases(client_for, admin_user, tier1_staff, taxonomy_data):
    case = make_case(actor=tier1_staff)
    response = client_for(admin_user).post(
        reverse("taxonomy:case_classify", args=[case.reference]), {"term": Term.objects.first().pk}
    )
    assert response.status_code == 403
