"""Issue 11: every write service of answers re-checks the actor's role (accounts.roles.PERMISSIONS) and writes nothing.

Views check the role too; these calls go around the views, as a management command or a future API would.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerRevision, AnswerStatus, OutboundEmail
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases.models import Case, CaseEvent
from madoguchi.core.errors import NotPermitted
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# service name -> (the action it needs, the draft status it is called in, how to call it)
SERVICES = {
    "answer_save_draft": (
        Action.ANSWER_DRAFT,
        AnswerStatus.DRAFT,
        lambda actor, draft: services.answer_save_draft(
            actor=actor,
            case=draft.case,
            measures="権限のない書き換え",
            referrals="",
            channel="email",
            expected_version=draft.version,
        ),
    ),
    "answer_submit_for_approval": (
        Action.ANSWER_DRAFT,
        AnswerStatus.DRAFT,
        lambda actor, draft: services.answer_submit_for_approval(actor=actor, draft=draft),
    ),
    "answer_approve": (
        Action.ANSWER_APPROVE,
        AnswerStatus.PENDING_APPROVAL,
        lambda actor, draft: services.answer_approve(actor=actor, draft=draft, comment="権限なし"),
    ),
    "answer_reject": (
        Action.ANSWER_APPROVE,
        AnswerStatus.PENDING_APPROVAL,
        lambda actor, draft: services.answer_reject(actor=actor, draft=draft, comment="権限なし"),
    ),
    "answer_send": (
        Action.ANSWER_SEND,
        AnswerStatus.APPROVED,
        lambda actor, draft: services.answer_send(actor=actor, draft=draft),
    ),
    # The answer editor's save-then-act services (screen text saved, then sent or submitted).
    "answer_save_screen_text": (
        Action.ANSWER_DRAFT,
        AnswerStatus.DRAFT,
        lambda actor, draft: services.answer_save_screen_text(
            actor=actor,
            case=draft.case,
            measures="権限のない書き換え",
            referrals="",
            channel="email",
            expected_version=draft.version,
        ),
    ),
    # An approved draft with the approved text on screen is returned unsaved: only the role check refuses here.
    "answer_save_screen_text-approved_unchanged": (
        Action.ANSWER_DRAFT,
        AnswerStatus.APPROVED,
        lambda actor, draft: services.answer_save_screen_text(
            actor=actor,
            case=draft.case,
            measures=draft.measures,
            referrals=draft.referrals,
            channel=draft.channel,
            expected_version=draft.version,
        ),
    ),
    "answer_save_and_send": (
        Action.ANSWER_SEND,
        AnswerStatus.APPROVED,
        lambda actor, draft: services.answer_save_and_send(
            actor=actor,
            case=draft.case,
            measures=draft.measures,
            referrals=draft.referrals,
            channel=draft.channel,
            expected_version=draft.version,
        ),
    ),
    "answer_save_and_submit": (
        Action.ANSWER_DRAFT,
        AnswerStatus.DRAFT,
        lambda actor, draft: services.answer_save_and_submit(
            actor=actor,
            case=draft.case,
            measures="権限のない承認依頼",
            referrals="",
            channel="email",
            expected_version=draft.version,
        ),
    ),
    "answer_send_version": (
        Action.ANSWER_SEND,
        AnswerStatus.APPROVED,
        lambda actor, draft: services.answer_send_version(actor=actor, draft=draft, expected_version=draft.version),
    ),
}

REFUSALS = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, (action, _status, _call) in SERVICES.items()
    for role in Role
    if role not in PERMISSIONS[action]
]


def _snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.version,
        list(AnswerDraft.objects.order_by("pk").values()),
        AnswerRevision.objects.count(),
        CaseEvent.objects.count(),
        OutboundEmail.objects.count(),
    )


def _draft_in(status: str, tier1, tier2, manager) -> AnswerDraft:
    case = case_in_progress(tier1=tier1, tier2=tier2)
    draft = services.answer_save_draft(actor=tier2, case=case, measures="対策文", referrals="", channel="email")
    if status in {AnswerStatus.PENDING_APPROVAL, AnswerStatus.APPROVED}:
        services.answer_submit_for_approval(actor=tier2, draft=draft)
    if status == AnswerStatus.APPROVED:
        services.answer_approve(actor=manager, draft=draft)
    draft.refresh_from_db()
    return draft


@pytest.mark.parametrize(("name", "role"), REFUSALS)
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, tier1_staff, tier2_staff, manager):
    _action, status, call = SERVICES[name]
    draft = _draft_in(status, tier1_staff, tier2_staff, manager)
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    before = _snapshot(draft.case)
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(NotPermitted, match="この操作を行う権限がありません"),
    ):
        call(actor, draft)
    assert _snapshot(draft.case) == before
    # Refused up front, not by the luck of a later check rolling back what was already written.
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_the_table_refuses_someone_for_every_service():
    """Keeps the parametrisation honest: no write service silently drops out of the test above."""
    assert {name for name, _role in (p.values for p in REFUSALS)} == set(SERVICES)
