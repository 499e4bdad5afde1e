"""The case list counts at most COUNT_CAP + 1 rows: past the cap it says 「…件以上」 and pages only that far."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.cases import views
from madoguchi.core import pagination
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)


def _seed(actor, n):
    return [
        make_case(actor=actor, subject=f"件名{i}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}") for i in range(n)
    ]


def _listed(html):
    return re.findall(r"/staff/cases/(\d{4}-\d+)/", html)


def test_more_cases_than_the_cap_show_the_capped_label(client_for, manager, tier1_staff, small_pages):
    _seed(tier1_staff, 4)
    html = client_for(manager).get(reverse("cases:list")).content.decode()
    assert "3件以上" in html
    assert "先頭の 3 件までを表示しています。" in html
    assert "4 件" not in html


def test_the_exact_count_is_shown_up_to_the_cap(client_for, manager, tier1_staff, small_pages):
    _seed(tier1_staff, 3)
    html = client_for(manager).get(reverse("cases:list")).content.decode()
    assert "3 件" in html
    assert "件以上" not in html


def test_pages_reach_the_cap_and_stop_there(client_for, manager, tier1_staff, small_pages):
    cases = _seed(tier1_staff, 4)
    newest_first = [c.reference for c in reversed(cases)]
    client = client_for(manager)
    first = client.get(reverse("cases:list")).content.decode()
    second = client.get(reverse("cases:list"), {"page": 2}).content.decode()
    # Two rows a page, three rows reachable: page 2 holds the third case only, and is the last page.
    assert [r for r in newest_first if r in _listed(first)] == newest_first[:2]
    assert [r for r in newest_first if r in _listed(second)] == newest_first[2:3]
    assert "2 / 2" in second
    assert "次へ" not in second
    # Asking past the cap gives the last reachable page, never an OFFSET past the cap.
    beyond = client.get(reverse("cases:list"), {"page": 3}).content.decode()
    assert newest_first[3] not in _listed(beyond)
    assert newest_first[2] in _listed(beyond)


def test_the_count_reads_at_most_cap_plus_one_rows(client_for, manager, tier1_staff, small_pages):
    _seed(tier1_staff, 4)
    with CaptureQueriesContext(connection) as ctx:
        client_for(manager).get(reverse("cases:list"))
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "cases_case" in q["sql"]]
    assert len(counts) == 1
    assert re.search(r"LIMIT 4\b", counts[0])
    # Which rows are counted does not matter: no ORDER BY, so the database need not sort the matches first.
    assert "ORDER BY" not in counts[0].upper()


def test_the_filters_and_access_still_apply_under_the_cap(client_for, tier1_staff, other_tier1_staff, small_pages):
    # Four cases tier 1 may not see would pass the cap if the count ignored access: it must not.
    for i in range(4):
        dispatched_case(tier1=other_tier1_staff, subject=f"見えない{i}", email=f"h{i}@example.jp")
    mine = make_case(actor=tier1_staff, subject="見える案件", email="m@example.jp")
    html = client_for(tier1_staff).get(reverse("cases:list")).content.decode()
    assert set(_listed(html)) == {mine.reference}
    assert "1 件" in html
    assert "件以上" not in html
