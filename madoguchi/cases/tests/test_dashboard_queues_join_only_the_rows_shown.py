"""Each dashboard queue picks its first rows from the cases alone, then joins only those rows.

At 1,000,000 consultations the 一次対応中 and 至急 queues joined 1,100-1,800 open candidates to their organisation,
person and assignee before keeping 20 (9-19 ms each); the order and the rows shown must not change.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from madoguchi.cases import selectors
from madoguchi.cases.choices import Urgency
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_line(tier1_staff):
    now = timezone.now()
    return [
        make_case(
            actor=tier1_staff,
            urgency=[Urgency.NORMAL, Urgency.HIGH, Urgency.CRITICAL][i % 3],
            org_name=f"架空商事{i % 4}株式会社",
            email=f"q{i}@example.jp",
            phone=f"03-0000-{i:04d}",
            received_at=now - dt.timedelta(minutes=(i * 7) % 11),
        )
        for i in range(9)
    ]


def test_the_queue_shows_its_first_rows_in_queue_order(front_line, manager):
    board = selectors.dashboard(user=manager, limit=4)
    expected = list(selectors.front_queue(user=manager)[:4])
    assert [c.pk for c in board.front] == [c.pk for c in expected]
    assert len({c.effective_urgency for c in board.front}) >= 1
    # The joined rows are there without another query.
    with CaptureQueriesContext(connection) as ctx:
        names = [c.organization.name for c in board.front]
    assert names and not ctx.captured_queries


def test_the_joins_read_only_the_rows_shown(front_line, manager):
    with CaptureQueriesContext(connection) as ctx:
        selectors.dashboard(user=manager, limit=4)
    joined = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "cases_case".') and 'JOIN "cases_organization"' in q["sql"]
    ]
    assert joined
    for sql in joined:
        # The rows to show are chosen in a subquery of the cases table alone, limited to the queue's length.
        inner = re.search(r'"cases_case"\."id" IN \((SELECT .*? LIMIT 4)\)', sql)
        assert inner, sql
        assert "JOIN" not in inner.group(1)
