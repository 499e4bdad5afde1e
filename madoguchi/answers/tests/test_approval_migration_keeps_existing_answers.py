"""answers/0003 on a database that already has answers: drafts get revision 1, answer mail names its draft."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from madoguchi.answers.tests.helpers import case_in_progress

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("answers", "0002_mail_templates_and_headers")]
AFTER = [("answers", "0003_approval_revisions_hash_and_outbox_link")]


@pytest.fixture
def latest_schema_afterwards():
    """Migrate the worker's test database forward to every app's latest migration after the test, pass or fail:
    tests later on this worker expect the current schema, not AFTER's (answers/0004 and on)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_existing_drafts_and_answer_mail_survive_the_migration(tier1_staff, tier2_staff, latest_schema_afterwards):
    sent_case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    open_case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, subject="別の相談")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Draft, Outbound = old.get_model("answers", "AnswerDraft"), old.get_model("answers", "OutboundEmail")
    now = timezone.now()
    sent = Draft.objects.create(
        case_id=sent_case.pk,
        measures="送付済みの対策",
        channel="email",
        status="sent",
        author_id=tier2_staff.pk,
        sent_at=now,
        needs_approval=True,
    )
    Draft.objects.create(case_id=open_case.pk, measures="作成中の対策", channel="phone", author_id=tier2_staff.pk)
    common = {"to": ["a@example.jp"], "subject": "回答", "body_text": "本文", "next_attempt_at": now}
    linked = Outbound.objects.create(kind="answer", case_id=sent_case.pk, message_id="<m1@example.jp>", **common)
    orphan = Outbound.objects.create(kind="answer", case_id=open_case.pk, message_id="<m2@example.jp>", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from madoguchi.answers.models import AnswerDraft, AnswerRevision, OutboundEmail

    assert sorted(AnswerRevision.objects.values_list("draft__measures", "number", "author_id")) == [
        ("作成中の対策", 1, tier2_staff.pk),
        ("送付済みの対策", 1, tier2_staff.pk),
    ]
    assert OutboundEmail.objects.get(pk=linked.pk).answer_id == sent.pk
    assert OutboundEmail.objects.get(pk=orphan.pk).kind == "other"
    assert AnswerDraft.objects.count() == 2
