"""A year of fictional consultations for `make run`: bulk, idempotent, references reserved from the counter."""

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.cases import demo_history
from madoguchi.cases.models import Case, Person
from madoguchi.reports.registry import Period
from madoguchi.reports.sections import build_report
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_a_year_spread_over_categories_and_months_created_once(tier1_staff, tier2_staff):
    now = timezone.now()
    added = demo_history.seed(front=tier1_staff, back=tier2_staff, count=300, now=now)
    assert added == 300
    assert demo_history.seed(front=tier1_staff, back=tier2_staff, count=300, now=now) == 0
    assert Case.objects.count() == 300
    assert set(Case.objects.values_list("status", flat=True)) == {"closed"}  # the queues stay the samples'
    assert Case.objects.values("category").distinct().count() >= 8
    assert Case.objects.values("channel").distinct().count() >= 4
    oldest = Case.objects.order_by("received_at").first().received_at
    assert (now - oldest).days > 300
    assert all(p.email.endswith("@example.jp") for p in Person.objects.all())
    today = timezone.localdate()
    months = build_report(
        Period(start=dt.date(today.year - 1, today.month, 1), end=dt.date(today.year, today.month, 1)),
        only="monthly_total",
    )[0]
    assert sum(1 for row in months.rows if row[1]) >= 11


def test_a_new_consultation_after_the_seed_gets_a_fresh_reference(tier1_staff, tier2_staff):
    demo_history.seed(front=tier1_staff, back=tier2_staff, count=50)
    case = make_case(actor=tier1_staff)
    assert Case.objects.filter(reference=case.reference).count() == 1
