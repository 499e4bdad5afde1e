"""A sort without an index over more than FULL_SORT_CAP matches keeps the default order and says so.

Sorting a million consultations by 件名 took seconds (docs/reliability.md "Session 9"); 受付日時 and 受付番号 are read
from indexes at any size and are always honoured. The cap is lowered to 3 here.
"""

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases import selectors
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

NOTE = "では並べ替えず、受付日時の新しい順に表示しています"


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(selectors, "FULL_SORT_CAP", 3)


def _seed(actor, subjects):
    now = timezone.now()
    # Received newest-first in the reverse of the subjects' order, so the two orders differ.
    return [
        make_case(
            actor=actor,
            subject=subject,
            email=f"s{i}@example.jp",
            phone=f"03-0000-{i:04d}",
            received_at=now - dt.timedelta(hours=len(subjects) - i),
        )
        for i, subject in enumerate(subjects)
    ]


def _listed(client, **params):
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return response, [c.reference for c in response.context["page"].object_list]


def test_past_the_cap_a_sort_without_an_index_keeps_the_default_order(client_for, manager, tier1_staff, cap_of_three):
    cases = _seed(tier1_staff, ["A 件名", "B 件名", "C 件名", "D 件名"])
    response, refs = _listed(client_for(manager), sort="subject")
    assert refs == [c.reference for c in reversed(cases)], "newest first, not by subject"
    html = response.content.decode()
    assert f"「件名」{NOTE}" in html
    assert 'id="sort-refused" role="status"' in html
    assert "CSV 出力も同じ順です" in html, "the note also says what the export link gives"
    # The header says which order the rows are really in.
    assert [(c["key"], c["aria_sort"]) for c in response.context["columns"] if c["aria_sort"]] == [
        ("received_at", "descending")
    ]


def test_up_to_the_cap_the_sort_is_honoured(client_for, manager, tier1_staff, cap_of_three):
    cases = _seed(tier1_staff, ["C 件名", "A 件名", "B 件名"])
    response, refs = _listed(client_for(manager), sort="subject")
    assert refs == [cases[1].reference, cases[2].reference, cases[0].reference]
    assert NOTE not in response.content.decode()


@pytest.mark.parametrize("sort", ["reference", "-reference", "received_at"])
def test_indexed_sorts_are_honoured_past_the_cap(client_for, manager, tier1_staff, cap_of_three, sort):
    cases = _seed(tier1_staff, ["A", "B", "C", "D"])
    response, refs = _listed(client_for(manager), sort=sort)
    oldest_first = [c.reference for c in cases]  # references follow creation order, as receipt times do here
    assert refs == (list(reversed(oldest_first)) if sort.startswith("-") else oldest_first)
    assert NOTE not in response.content.decode()


def test_the_decision_reads_at_most_cap_plus_one_rows_unsorted(client_for, manager, tier1_staff, cap_of_three):
    _seed(tier1_staff, ["A", "B", "C", "D"])
    with CaptureQueriesContext(connection) as ctx:
        client_for(manager).get(reverse("cases:list"), {"sort": "subject"})
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "LIMIT 4" in q["sql"]]
    assert counts, "a count of at most cap + 1 rows"
    assert all("ORDER BY" not in sql.upper() for sql in counts)
    listing = [
        q["sql"] for q in ctx.captured_queries if '"cases_case"."subject"' in q["sql"] and "COUNT(" not in q["sql"]
    ]
    assert listing and not any(re.search(r'ORDER BY "cases_case"\."subject"', sql) for sql in listing)


def test_the_csv_export_follows_the_same_rule(client_for, manager, tier1_staff, cap_of_three):
    cases = _seed(tier1_staff, ["A 件名", "B 件名", "C 件名", "D 件名"])
    response = client_for(manager).get(reverse("cases:list_export"), {"sort": "subject"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == [c.reference for c in reversed(cases)]


def test_the_export_audit_entry_records_the_refused_sort(client_for, manager, tier1_staff, cap_of_three):
    _seed(tier1_staff, ["A", "B", "C", "D"])
    b"".join(client_for(manager).get(reverse("cases:list_export"), {"sort": "-subject"}).streaming_content)
    detail = AuditEvent.objects.filter(detail__what="case_list").latest("pk").detail
    assert (detail["sort"], detail["sort_refused"]) == ("", "-subject")


def test_the_export_audit_entry_records_an_honoured_sort(client_for, manager, tier1_staff, cap_of_three):
    _seed(tier1_staff, ["A", "B", "C"])
    b"".join(client_for(manager).get(reverse("cases:list_export"), {"sort": "-subject"}).streaming_content)
    detail = AuditEvent.objects.filter(detail__what="case_list").latest("pk").detail
    assert (detail["sort"], detail["sort_refused"]) == ("-subject", "")
