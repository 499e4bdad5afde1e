"""cases.access checks the role table itself, not only through the views' `require_action` decorator.

The mutation run (docs/mutation.md) found that removing `access_case`'s own action check, or weakening
`visible_cases`' CASE_VIEW check, changed nothing the view tests could see: the decorator refuses first, and today
every role may view cases. Here the helpers are called directly, and the table is narrowed for one test.
"""

from __future__ import annotations

import pytest
from django.http import Http404

from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.cases.access import access_case, access_organization, visible_cases
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_a_case_the_user_sees_is_still_404_for_an_action_their_role_lacks(tier1_staff):
    case = make_case(actor=tier1_staff, subject="一次対応が受けた相談")
    assert access_case(user=tier1_staff, reference=case.reference) == case
    assert not tier1_staff.can(Action.ANSWER_APPROVE)
    with pytest.raises(Http404):
        access_case(user=tier1_staff, reference=case.reference, action=Action.ANSWER_APPROVE)


def test_a_role_the_table_does_not_let_view_cases_sees_none(monkeypatch, tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff, subject="閲覧権限の確認")
    assert case in visible_cases(user=tier2_staff)
    monkeypatch.setitem(PERMISSIONS, Action.CASE_VIEW, frozenset({Role.FRONT, Role.MANAGER, Role.ADMIN}))
    assert tier2_staff.is_active
    assert not visible_cases(user=tier2_staff).exists()
    assert case in visible_cases(user=tier1_staff)


def test_access_organization_refuses_someone_who_may_not_view_cases_before_any_lookup(
    tier1_staff, tier2_staff, django_assert_num_queries
):
    # Not even the organisation is read: the answer cannot tell an existing organisation from a missing one.
    case = make_case(actor=tier1_staff, subject="組織の閲覧権限の確認")
    assert access_organization(user=tier2_staff, pk=case.organization_id) == case.organization
    tier2_staff.is_active = False
    with django_assert_num_queries(0), pytest.raises(Http404):
        access_organization(user=tier2_staff, pk=case.organization_id)
