"""accounts.roles.require: the services' one permission re-check, for people, inactive people and the system."""

from __future__ import annotations

import pytest

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import PERMISSIONS, Action, Role, require
from madoguchi.core.errors import NotPermitted

GENERIC_REFUSAL = "この操作を行う権限がありません。"


def _staff(role: Role, *, is_active: bool = True) -> User:
    return User(username=f"require-{role}", role=role, is_active=is_active)


@pytest.mark.parametrize(("action", "role"), [(a, r) for a in Action for r in Role if r in PERMISSIONS[a]])
def test_a_role_the_table_allows_passes(action: Action, role: Role) -> None:
    require(_staff(role), action)  # no NotPermitted


@pytest.mark.parametrize(("action", "role"), [(a, r) for a in Action for r in Role if r not in PERMISSIONS[a]])
def test_a_role_the_table_refuses_gets_the_generic_message(action: Action, role: Role) -> None:
    with pytest.raises(NotPermitted) as refused:
        require(_staff(role), action)
    assert refused.value.message == GENERIC_REFUSAL


def test_an_inactive_person_is_refused_even_with_the_role() -> None:
    with pytest.raises(NotPermitted):
        require(_staff(Role.MANAGER, is_active=False), Action.ANSWER_APPROVE)


def test_the_service_can_name_its_own_refusal() -> None:
    with pytest.raises(NotPermitted) as refused:
        require(_staff(Role.FRONT), Action.ANSWER_APPROVE, message="承認は管理職が行います。")
    assert refused.value.message == "承認は管理職が行います。"


def test_no_actor_is_refused_unless_the_service_accepts_the_system() -> None:
    with pytest.raises(NotPermitted) as refused:
        require(None, Action.CASE_EDIT)
    assert refused.value.message == GENERIC_REFUSAL


def test_no_actor_passes_where_the_service_accepts_the_system() -> None:
    require(None, Action.CASE_EDIT, system=True)  # no NotPermitted


def test_system_true_does_not_let_a_refused_person_through() -> None:
    with pytest.raises(NotPermitted):
        require(_staff(Role.ADMIN), Action.CASE_EDIT, system=True)
