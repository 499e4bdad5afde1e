"""The case list's default page and the dashboard's unanswered queues are read from partial indexes over open cases.

At a million consultations these indexes are what keep the pages' work proportional to the open cases rather than
the archive (docs/reliability.md, "Dashboard and case list at scale"). The plans are checked on both databases with
sequential scans discouraged, so a tiny test table does not make the planner prefer a scan.
"""

import pytest
from django.db import connection

from madoguchi.cases import selectors
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def _plan(qs):
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Only an index can then serve a tiny table cheaply, and a Sort costs extra, so an index that gives
            # the order is chosen whenever one exists: a Sort left in the plan means no index matches the order.
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cur.execute(f"SET LOCAL {setting} = off")
            cur.execute("EXPLAIN " + sql, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cur.fetchall())


def _sorts(plan):
    if connection.vendor == "postgresql":
        return any(line.strip().lstrip("-> ").startswith(("Sort", "Incremental Sort")) for line in plan.splitlines())
    return "TEMP B-TREE FOR ORDER BY" in plan


@pytest.fixture
def some_cases(tier1_staff):
    make_case(actor=tier1_staff, email="a@example.jp")
    dispatched_case(tier1=tier1_staff, email="b@example.jp")


def _index_sql(name):
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        else:
            cur.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
        row = cur.fetchone()
    assert row, f"index {name} missing"
    return " ".join(row[0].replace('"', "").split())


def test_the_indexes_are_partial_over_open_cases():
    recent = _index_sql("case_open_recent_idx")
    assert "received_at DESC, id DESC" in recent
    awaiting = _index_sql("case_awaiting_response_idx")
    assert "(first_response_due_at)" in awaiting
    assert "first_response_at IS NULL" in awaiting
    for sql in (recent, awaiting):
        assert "WHERE" in sql and "closed" not in sql and "merged" not in sql and "answered" in sql


# SQLite binds the IN list of open statuses as parameters, and its planner matches a partial index only against
# literal terms: there it filters through case_queue_idx (status first) and sorts the open cases; the capped count
# and capped pages bound that work (test_case_list_count_is_capped.py).
OPEN_LIST_INDEX = {"postgresql": "case_open_recent_idx", "sqlite": "case_queue_idx"}
QUEUE_INDEX = {"postgresql": "case_awaiting_response_idx", "sqlite": "case_queue_idx"}


def test_default_case_list_reads_the_open_cases_index(some_cases, manager):
    plan = _plan(selectors.case_list(user=manager, filters={}).prefetch_related(None)[:50])
    assert OPEN_LIST_INDEX[connection.vendor] in plan, plan
    if connection.vendor == "postgresql":
        # Newest first straight from the index: the first page reads 50 entries, whatever the number of open cases.
        assert not _sorts(plan), plan


def test_whole_archive_newest_first_walks_an_index_without_sorting(some_cases, manager):
    plan = _plan(selectors.case_list(user=manager, filters={"include_closed": True}).prefetch_related(None)[:50])
    assert "case_recent_idx" in plan, plan
    assert not _sorts(plan), plan


@pytest.mark.parametrize("queue", [selectors.urgent_waiting, selectors.overdue_first_response])
def test_unanswered_queues_read_the_awaiting_response_index(some_cases, manager, queue):
    plan = _plan(queue(user=manager).prefetch_related(None)[:20])
    assert QUEUE_INDEX[connection.vendor] in plan, plan
