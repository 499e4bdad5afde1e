"""case_create re-checks CASE_CREATE itself, not only through the organisation and person matchers' CASE_EDIT.

Today both actions have the same roles, so removing case_create's own check changed nothing a test could see
(the mutation run listed it as surviving). Here the table is narrowed for one test: a role that may still edit
but not create must be refused by case_create, before anything is written.
"""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.accounts.testing_refusals import refused_up_front
from madoguchi.cases import services
from madoguchi.cases.choices import Channel
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_that_may_edit_but_not_create_is_refused(monkeypatch):
    monkeypatch.setitem(PERMISSIONS, Action.CASE_CREATE, frozenset({Role.BACK, Role.MANAGER}))
    tier1 = UserFactory(role=Role.FRONT)
    assert tier1.can(Action.CASE_EDIT)
    with refused_up_front():
        services.case_create(
            actor=tier1,
            channel=Channel.PHONE,
            subject="作成権限の確認",
            body="本文",
            organization=services.OrganizationData(name="作成権限確認株式会社"),
        )


def test_with_the_table_as_it_is_the_same_call_creates_the_case():
    tier1 = UserFactory(role=Role.FRONT)
    case = services.case_create(
        actor=tier1,
        channel=Channel.PHONE,
        subject="作成権限の確認",
        body="本文",
        organization=services.OrganizationData(name="作成権限確認株式会社"),
    )
    assert case.organization is not None and case.organization.name == "作成権限確認株式会社"
