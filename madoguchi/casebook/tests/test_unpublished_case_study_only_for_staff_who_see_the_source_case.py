"""A case study that is not yet published is unreviewed text from one consultation (the masking may have missed
the consulter's name, and the page marks what it still finds): a front-line member who may not open that
consultation gets the same 404 as for a missing study and does not see it listed. Once published (reviewed by a
manager) it is for every staff role (issue 15, no IDOR)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.casebook import services
from madoguchi.casebook.models import CaseStudyStatus
from madoguchi.casebook.services import CaseStudyText
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db

TITLE = "見本事例：架空商事の請求書詐欺"


@pytest.fixture
def back_office_study(tier2_staff):
    owner = UserFactory(username="study-source-owner", role=Role.FRONT)
    case = dispatched_case(tier1=owner)
    # Answered and closed by tier 2 (the answer workflow itself is not what this file is about).
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, resolution="振込先の確認を案内した。")
    case.refresh_from_db()
    return services.case_study_create(
        actor=tier2_staff, case=case, text=CaseStudyText(title=TITLE, situation="架空 太郎さんが請求書を受けた。")
    )


def test_front_line_member_gets_404_for_a_draft_from_a_case_they_cannot_open(
    client_for, other_tier1_staff, back_office_study
):
    client = client_for(other_tier1_staff)
    response = client.get(reverse("casebook:detail", args=[back_office_study.pk]))
    assert response.status_code == 404
    assert TITLE not in response.content.decode()
    listing = client.get(reverse("casebook:list"))
    assert listing.status_code == 200
    assert TITLE not in listing.content.decode()
    assert back_office_study.source_case.reference not in listing.content.decode()


def test_the_source_cases_owner_and_tier2_do_see_the_draft(client_for, tier2_staff, back_office_study):
    owner = back_office_study.source_case.created_by
    for user in (owner, tier2_staff):
        response = client_for(user).get(reverse("casebook:detail", args=[back_office_study.pk]))
        assert response.status_code == 200
        assert TITLE in response.content.decode()


def test_a_published_study_is_for_every_staff_role(client_for, other_tier1_staff, back_office_study):
    from madoguchi.casebook.models import CaseStudy

    reviewer = UserFactory(username="study-reviewer", role=Role.MANAGER)
    CaseStudy.objects.filter(pk=back_office_study.pk).update(status=CaseStudyStatus.PUBLISHED, reviewed_by=reviewer)
    client = client_for(other_tier1_staff)
    assert client.get(reverse("casebook:detail", args=[back_office_study.pk])).status_code == 200
    assert TITLE in client.get(reverse("casebook:list")).content.decode()
