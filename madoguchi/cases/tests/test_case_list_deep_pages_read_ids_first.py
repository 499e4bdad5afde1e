"""Deep pages of the case list are read as ids first, then those rows: the same rows in the same order.

From `pagination.DEFERRED_FROM` on, a page's OFFSET runs over the ids alone (index-only where the sort has an
index), and the rows with their joins are read by id: one OFFSET over whole rows would fetch every skipped row.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases import services, views
from madoguchi.cases.choices import Category, Channel, Urgency
from madoguchi.core import pagination
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db

KEYS = ["reference", "urgency", "subject", "category", "organization", "status", "assignee", "received_at", "channel"]
PAGE = 2


@pytest.fixture
def cases(tier1_staff, tier2_staff, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", PAGE)
    now = timezone.now()
    made = []
    # Repeated subjects, organisations, channels and times, so that every sort has ties for the id to break.
    for i in range(7):
        case = make_case(
            actor=tier1_staff,
            channel=[Channel.PHONE, Channel.WEB, Channel.EMAIL][i % 3],
            subject=["同じ件名", "別の件名", "同じ件名", "第三の件名"][i % 4],
            category=[Category.GENERAL, Category.PREVENTION][i % 2],
            urgency=[Urgency.NORMAL, Urgency.HIGH, Urgency.CRITICAL][i % 3],
            org_name=["", "架空商事株式会社", "見本工業株式会社"][i % 3],
            email=f"deep{i}@example.jp",
            phone=f"03-0000-{i:04d}",
            received_at=now - dt.timedelta(hours=i % 3),
        )
        if i % 2:
            case = services.case_dispatch(
                actor=tier1_staff,
                case=case,
                expected_version=case.version,
                category=Category.PREVENTION,
                urgency=Urgency.HIGH,
                police_referral=False,
                assignee=tier2_staff if i % 4 == 1 else None,
            )
        made.append(case)
    return made


def _pages(client, sort, monkeypatch, deferred_from):
    monkeypatch.setattr(pagination, "DEFERRED_FROM", deferred_from)
    pages = []
    for number in range(1, 5):
        response = client.get(reverse("cases:list"), {"sort": sort, "page": number})
        assert response.status_code == 200
        pages.append([c.reference for c in response.context["page"].object_list])
    return pages


@pytest.mark.parametrize("key", KEYS)
def test_every_page_holds_the_same_cases_in_the_same_order_read_either_way(
    client_for, manager, cases, key, monkeypatch
):
    client = client_for(manager)
    for sort in (key, f"-{key}"):
        plain = _pages(client, sort, monkeypatch, deferred_from=10**9)
        deferred = _pages(client, sort, monkeypatch, deferred_from=0)
        assert deferred == plain, sort
        listed = [ref for page in deferred for ref in page]
        assert sorted(listed) == sorted(c.reference for c in cases), "every case once, none twice"


def test_a_deep_page_offsets_over_the_ids_and_reads_its_rows_by_id(client_for, manager, cases, monkeypatch):
    monkeypatch.setattr(pagination, "DEFERRED_FROM", PAGE)  # page 2 on
    client = client_for(manager)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:list"), {"page": 3})
    assert len(response.context["page"].object_list) == PAGE
    listing = [q["sql"] for q in ctx.captured_queries if '"cases_case"' in q["sql"] and "COUNT(" not in q["sql"]]
    offsets = [sql for sql in listing if re.search(r"\bOFFSET\b", sql)]
    assert len(offsets) == 1
    # The OFFSET reads the ids only.
    assert re.match(r'SELECT "cases_case"\."id"( AS "pk")? FROM "cases_case"', offsets[0])
    assert re.search(r"LIMIT 2 OFFSET 4\b", offsets[0])
    rows = [sql for sql in listing if '"cases_case"."subject"' in sql]
    assert len(rows) == 1
    assert "OFFSET" not in rows[0] and "LIMIT" not in rows[0]
    assert '"cases_case"."id" IN (' in rows[0]


def test_the_first_pages_are_read_in_one_query(client_for, manager, cases, monkeypatch):
    monkeypatch.setattr(pagination, "DEFERRED_FROM", PAGE)
    with CaptureQueriesContext(connection) as ctx:
        client_for(manager).get(reverse("cases:list"))
    listing = [q["sql"] for q in ctx.captured_queries if '"cases_case"' in q["sql"] and "COUNT(" not in q["sql"]]
    assert not any(re.match(r'SELECT "cases_case"\."id"( AS "pk")? FROM', sql) for sql in listing)


def test_access_still_applies_to_deep_pages(client_for, tier1_staff, other_tier1_staff, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", PAGE)
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 0)
    hidden = {
        dispatched_case(tier1=other_tier1_staff, subject=f"見えない{i}", email=f"h{i}@example.jp").reference
        for i in range(3)
    }
    mine = {make_case(actor=tier1_staff, subject=f"見える{i}", email=f"m{i}@example.jp").reference for i in range(3)}
    client = client_for(tier1_staff)
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse("cases:list"), {"page": number})
        seen += [c.reference for c in response.context["page"].object_list]
    assert set(seen) == mine
    assert not hidden & set(seen)
