"""Issue 9.5: parallel first saves on one case end in one draft and Japanese conflicts, never a 500.

Real threads with their own database connections. On PostgreSQL the second INSERT waits on the unique index
`answer_one_open_draft_per_case` until the first commits and then fails: that IntegrityError must become the
conflict message. SQLite serialises writers at BEGIN, so there the later saver sees the draft and is refused;
the test suite's in-memory SQLite database (shared cache) reports "table is locked" instead of waiting as the
file database in production does, so on SQLite the ten savers take turns (still threads, one at a time).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.core.errors import ConcurrentEditError
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _run(target, results, key):
    try:
        results[key] = target()
    except Exception as exc:  # noqa: BLE001 - the test inspects whatever each thread raised
        results[key] = exc
    finally:
        connections.close_all()


def _wait_until_blocked_on_a_lock(pid_box):
    """PostgreSQL only: wait (bounded) until the other connection is waiting for a lock."""
    with connections["default"].cursor() as cursor:
        for _ in range(400):
            if pid_box:
                cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid_box[0]])
                row = cursor.fetchone()
                if row and row[0] == "Lock":
                    return
            time.sleep(0.05)
    raise AssertionError("the second save never waited on the unique index")


def test_insert_race_on_the_unique_index_becomes_a_conflict(tier1_staff, tier2_staff):
    other = UserFactory(username="tier2b", role="back", display_name="二次 三子")
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    first_inserted = threading.Event()
    release_first = threading.Event()
    go_second = threading.Event()
    second_pid: list[int] = []
    results: dict[str, object] = {}

    def first():
        with transaction.atomic():
            draft = services.answer_save_draft(
                actor=tier2_staff, case=case, measures="一人目", referrals="", channel="email", expected_version=0
            )
            first_inserted.set()
            release_first.wait(30)
        return draft

    def second():
        go_second.wait(30)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
        return services.answer_save_draft(
            actor=other, case=case, measures="二人目", referrals="", channel="email", expected_version=0
        )

    t1 = threading.Thread(target=_run, args=(first, results, "first"))
    t2 = threading.Thread(target=_run, args=(second, results, "second"))
    t1.start()
    t2.start()
    first_inserted.wait(30)
    if connection.vendor == "postgresql":
        # The second save starts while the first is uncommitted: it sees no draft and its INSERT waits.
        go_second.set()
        _wait_until_blocked_on_a_lock(second_pid)
        release_first.set()
    else:
        # SQLite lets one writer in at a time (BEGIN IMMEDIATE waits in production); the test database's
        # shared cache would report "locked" instead of waiting, so the second save starts after the first.
        release_first.set()
        t1.join(60)
        go_second.set()
    t1.join(60)
    t2.join(60)

    assert isinstance(results["first"], AnswerDraft), results["first"]
    assert isinstance(results["second"], ConcurrentEditError), repr(results["second"])
    assert "他の職員がこの回答案を先に保存しました" in results["second"].message
    assert list(AnswerDraft.objects.filter(case=case).values_list("measures", flat=True)) == ["一人目"]


def test_ten_parallel_first_saves_give_one_draft_and_nine_conflicts(tier1_staff, tier2_staff):
    staff = [UserFactory(username=f"tier2-{i}", role="back", display_name=f"二次 {i}号") for i in range(10)]
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    together = connection.vendor == "postgresql"
    barrier = threading.Barrier(10 if together else 1)
    results: dict[str, object] = {}

    def save(user):
        def go():
            barrier.wait(30)
            return services.answer_save_draft(
                actor=user,
                case=case,
                measures=f"{user.username}の文面",
                referrals="",
                channel="email",
                expected_version=0,
            )

        return go

    threads = [threading.Thread(target=_run, args=(save(u), results, u.username)) for u in staff]
    if together:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    else:
        for t in threads:
            t.start()
            t.join(120)

    drafts = [r for r in results.values() if isinstance(r, AnswerDraft)]
    conflicts = [r for r in results.values() if isinstance(r, ConcurrentEditError)]
    others = [r for r in results.values() if not isinstance(r, AnswerDraft | ConcurrentEditError)]
    assert others == []
    assert (len(drafts), len(conflicts)) == (1, 9)
    assert AnswerDraft.objects.filter(case=case).count() == 1
