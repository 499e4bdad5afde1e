"""`access_case(for_update=True)` loads the case with its organisation, person and staff and locks the case row
only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins that load them."""

import pytest
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from madoguchi.cases.access import access_case
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


def test_for_update_returns_the_case_with_its_people_in_one_locking_query(tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff)
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        locked = access_case(user=tier2_staff, reference=case.reference, for_update=True)
        names = (locked.organization.name, locked.person.name, locked.created_by.username)
    assert locked.pk == case.pk
    assert names == ("株式会社サンプル商事", "架空 太郎", "tier1")
    assert len(ctx.captured_queries) == 1
    if connection.features.has_select_for_update_of:
        assert 'FOR UPDATE OF "cases_case"' in ctx.captured_queries[0]["sql"]


def test_for_update_still_refuses_a_case_the_user_may_not_see(tier1_staff, other_tier1_staff):
    case = dispatched_case(tier1=tier1_staff)
    with transaction.atomic(), pytest.raises(Http404):
        access_case(user=other_tier1_staff, reference=case.reference, for_update=True)
