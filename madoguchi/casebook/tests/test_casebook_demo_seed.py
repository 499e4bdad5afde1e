"""The `make run` sample data: a published, masked case study, proposals and know-how reports; idempotent."""

import pytest
from django.urls import reverse

from madoguchi.casebook import demo
from madoguchi.casebook.models import CaseStudy, CaseStudyStatus, KnowhowReport, RevisionProposal
from madoguchi.casebook.tests.helpers import guidebook

pytestmark = pytest.mark.django_db


def test_seed_publishes_a_masked_study_and_runs_twice_without_duplicates(tier1_staff, tier2_staff, manager, anonymous):
    guidebook()
    demo.seed(front=tier1_staff, writer=tier2_staff, reviewer=manager)
    demo.seed(front=tier1_staff, writer=tier2_staff, reviewer=manager)
    study = CaseStudy.objects.get()
    assert study.status == CaseStudyStatus.PUBLISHED and study.reviewed_by == manager
    assert "見本次郎" not in study.situation and "見本雑貨" not in study.situation
    assert "050-0000-9999" not in study.situation
    assert RevisionProposal.objects.count() == 2 and KnowhowReport.objects.count() == 2
    assert study.title in anonymous.get(reverse("casebook_public:index")).content.decode()


def test_seed_demo_command_adds_the_casebook_samples_once():
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert CaseStudy.objects.filter(status=CaseStudyStatus.PUBLISHED).count() == 1
    assert KnowhowReport.objects.count() == 2
