"""Issue 11: the admin-only services (staff accounts, 2FA reset, enrolment codes, security policy) re-check the actor.

Every role the table refuses gets NotPermitted before anything is written; every role it allows gets through in
the same state.
"""

from __future__ import annotations

import pytest

from madoguchi.accounts import services
from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICES = {
    "staff_create": (
        Action.USERS_MANAGE,
        lambda actor, user: services.staff_create(
            actor=actor,
            username="fictional-new",
            display_name="架空 新人",
            role=Role.FRONT,
            password="correct-horse-battery-staple",
        ),
    ),
    "staff_update": (
        Action.USERS_MANAGE,
        lambda actor, user: services.staff_update(
            actor=actor, user=user, display_name="架空 改名", role=Role.MANAGER, is_active=True
        ),
    ),
    "staff_reset_second_factor": (
        Action.USERS_MANAGE,
        lambda actor, user: services.staff_reset_second_factor(actor=actor, user=user),
    ),
    "enrolment_code_issue": (
        Action.USERS_MANAGE,
        lambda actor, user: services.enrolment_code_issue(actor=actor, user=user),
    ),
    "security_policy_update": (
        Action.SETTINGS_MANAGE,
        lambda actor, user: services.security_policy_update(actor=actor, require_2fa_roles=[Role.ADMIN]),
    ),
}


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, tier1_staff):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        SERVICES[name][1](actor, tier1_staff)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, tier1_staff):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, tier1_staff)
    assert database_rows() != before
