"""Managers hear of approval requests; the writer hears the decision."""

from __future__ import annotations

import pytest

from madoguchi.answers import services as answers
from madoguchi.cases import services
from madoguchi.cases.choices import Category
from madoguchi.notifications.models import Notification, NotificationKind
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff, category=Category.CRIME)
    case = services.case_take(actor=tier2_staff, case=case)
    return answers.answer_save_draft(
        actor=tier2_staff, case=case, measures="パスワードを変更してください。", referrals="", channel="email"
    )


@pytest.fixture
def pending_draft(tier2_staff, manager, draft):
    return answers.answer_submit_for_approval(actor=tier2_staff, draft=draft)


def test_approval_request_reaches_every_active_manager(tier2_staff, manager, draft):
    other = UserFactory(username="manager2", role="manager")
    retired = UserFactory(username="manager3", role="manager", is_active=False)

    answers.answer_submit_for_approval(actor=tier2_staff, draft=draft)

    kinds = {n.recipient: n.kind for n in Notification.objects.filter(kind=NotificationKind.APPROVAL_REQUESTED)}

    assert kinds == {manager: NotificationKind.APPROVAL_REQUESTED, other: NotificationKind.APPROVAL_REQUESTED}
    assert retired not in kinds
    assert tier2_staff not in kinds


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_decision_reaches_the_writer(tier2_staff, manager, pending_draft, decision):
    if decision == "approve":
        answers.answer_approve(actor=manager, draft=pending_draft)
    else:
        answers.answer_reject(actor=manager, draft=pending_draft, comment="②に警察の窓口を加えてください。")

    decided = Notification.objects.filter(kind=NotificationKind.APPROVAL_DECIDED)
    assert [n.recipient for n in decided] == [tier2_staff]
