"""The combined answer services re-check the actor themselves, before their first step runs.

The mutation run found that removing the check from `answer_save_and_send` or `answer_send_version` changed
nothing a test could see, because a later step checks again. The later check comes too late: the save has
already been written (and is rolled back), or the draft's version is compared for someone who may not send.
"""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.accounts.testing_refusals import refused_up_front
from madoguchi.answers import services
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _draft(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    return services.answer_save_draft(actor=tier2_staff, case=case, measures="対策文", referrals="", channel="email")


def test_save_and_send_refuses_a_drafter_who_may_not_send_before_saving(monkeypatch, tier1_staff, tier2_staff):
    draft = _draft(tier1_staff, tier2_staff)
    monkeypatch.setitem(PERMISSIONS, Action.ANSWER_SEND, frozenset({Role.MANAGER}))
    with refused_up_front():
        services.answer_save_and_send(
            actor=tier2_staff,
            case=draft.case,
            measures="送れない人の修正",
            referrals="",
            channel="email",
            expected_version=draft.version,
        )


def test_send_version_refuses_before_comparing_versions(tier1_staff, tier2_staff):
    draft = _draft(tier1_staff, tier2_staff)
    tier1 = UserFactory(username="send-version-front", role=Role.FRONT)
    with refused_up_front():
        services.answer_send_version(actor=tier1, draft=draft, expected_version=draft.version + 5)
