"""First response against the target, time to resolution, and call-backs kept on time."""

import datetime as dt

import pytest

from madoguchi.cases.choices import Category
from madoguchi.cases.models import Callback, Case
from madoguchi.reports.registry import Period
from madoguchi.reports.sections import build_report
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db

PERIOD = Period(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 1))


def test_share_of_first_responses_within_the_due_time(tier1_staff):
    for minutes_late in (-30, -10, 15, -5):
        case = consultation(actor=tier1_staff, received_at=at(2026, 10), category=Category.PREVENTION)
        Case.objects.filter(pk=case.pk).update(
            first_response_due_at=case.received_at + dt.timedelta(hours=2),
            first_response_at=case.received_at + dt.timedelta(hours=2, minutes=minutes_late),
            closed_at=case.received_at + dt.timedelta(days=2),
        )
    (table,) = build_report(PERIOD, only="response_times")
    (row,) = table.rows
    label, _target, answered, median_minutes, on_time_rate, closed, median_days = row
    assert label == str(Category.PREVENTION.label)
    assert answered == 4
    assert on_time_rate == 75.0
    assert median_minutes == pytest.approx(112.5)
    assert closed == 4
    assert median_days == 2.0
    assert table.chart.values == [75.0]


def test_callbacks_kept_late_and_overdue_per_month(tier1_staff):
    case = consultation(actor=tier1_staff, received_at=at(2026, 10))
    due = at(2026, 10, 12)
    Callback.objects.create(case=case, phone="03-0000-0000", due_at=due, done_at=due - dt.timedelta(minutes=5))
    Callback.objects.create(case=case, phone="03-0000-0000", due_at=due, done_at=due + dt.timedelta(hours=1))
    Callback.objects.create(case=case, phone="03-0000-0000", due_at=due, done_at=None)
    (table,) = build_report(PERIOD, only="callbacks")
    assert table.rows == [["2026-10", 3, 1, 1, 1, 33.3]]
