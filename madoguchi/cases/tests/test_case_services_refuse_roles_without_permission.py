"""Issue 11: every write service of cases re-checks the actor's role (accounts.roles.PERMISSIONS) and writes nothing.

Views check the role too; these calls go around the views, as a management command or a future API would.
Each service is called in a state where a role the table allows succeeds (second test), so a refusal here is
the role check and nothing else.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.accounts.testing_refusals import GENERIC_REFUSAL, database_rows, refused_up_front
from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel, EventKind, Urgency
from madoguchi.cases.models import Case
from madoguchi.testing.factories import UserFactory, dispatched_case, make_case

pytestmark = pytest.mark.django_db


@dataclass
class Desk:
    tier1: User
    tier2: User
    manager: User
    admin: User

    def person(self, role: Role) -> User:
        return {Role.FRONT: self.tier1, Role.BACK: self.tier2, Role.MANAGER: self.manager, Role.ADMIN: self.admin}[role]


def _received(desk: Desk) -> Case:
    return make_case(actor=desk.tier1)


def _triaged(desk: Desk) -> Case:
    case = _received(desk)
    return services.case_triage(
        actor=desk.tier1,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=Urgency.NORMAL,
        police_referral=False,
    )


def _in_progress(desk: Desk) -> Case:
    return services.case_take(actor=desk.tier2, case=dispatched_case(tier1=desk.tier1))


def _closed(desk: Desk) -> Case:
    case = _received(desk)
    return services.case_close(actor=desk.tier2, case=case, expected_version=case.version, resolution="解決済み")


def _with_callback(desk: Desk) -> Any:
    return services.case_hold_for_callback(
        actor=desk.tier1, case=_received(desk), phone="03-0000-0000", due_at=timezone.now() + dt.timedelta(days=1)
    )


def _two_cases(desk: Desk) -> tuple[Case, Case]:
    return _received(desk), make_case(actor=desk.tier1, subject="同じ相談の二通目")


def _note(kind: str) -> Callable[[User, Case, Desk], Any]:
    return lambda actor, case, desk: services.case_add_note(actor=actor, case=case, kind=kind, text="権限のない記録")


# service name -> (the action it needs, the state it is called in, how to call it)
SERVICES: dict[str, tuple[Action, Callable[[Desk], Any], Callable[[User, Any, Desk], Any]]] = {
    "case_create": (
        Action.CASE_CREATE,
        lambda desk: None,
        lambda actor, _none, desk: services.case_create(
            actor=actor, channel=Channel.PHONE, subject="権限のない受付", body="本文"
        ),
    ),
    "organization_match_or_create": (
        Action.CASE_EDIT,
        lambda desk: None,
        lambda actor, _none, desk: services.organization_match_or_create(
            actor=actor, data=services.OrganizationData(name="権限確認株式会社")
        ),
    ),
    "person_match_or_create": (
        Action.CASE_EDIT,
        lambda desk: None,
        lambda actor, _none, desk: services.person_match_or_create(
            actor=actor, data=services.PersonData(name="権限 確認", email="kakunin@example.jp"), organization=None
        ),
    ),
    "case_record_suggestion": (
        Action.CASE_EDIT,
        _received,
        lambda actor, case, desk: services.case_record_suggestion(
            actor=actor, case=case, category=Category.CRIME, urgency=Urgency.HIGH, police=True, flow=""
        ),
    ),
    "case_update_intake": (
        Action.CASE_EDIT,
        _received,
        lambda actor, case, desk: services.case_update_intake(
            actor=actor, case=case, expected_version=case.version, subject="権限のない変更"
        ),
    ),
    "case_triage": (
        Action.CASE_TRIAGE,
        _received,
        lambda actor, case, desk: services.case_triage(
            actor=actor,
            case=case,
            expected_version=case.version,
            category=Category.CRIME,
            urgency=Urgency.HIGH,
            police_referral=True,
        ),
    ),
    "case_set_police_flag": (
        Action.CASE_TRIAGE,
        _received,
        lambda actor, case, desk: services.case_set_police_flag(actor=actor, case=case, value=True),
    ),
    "case_dispatch": (
        Action.CASE_DISPATCH,
        # Triaged as dispatched, so case_dispatch does not go through case_triage (and its own check) first.
        _triaged,
        lambda actor, case, desk: services.case_dispatch(
            actor=actor,
            case=case,
            expected_version=case.version,
            category=Category.PREVENTION,
            urgency=Urgency.NORMAL,
            police_referral=False,
        ),
    ),
    "case_take": (
        Action.CASE_RESEARCH,
        lambda desk: dispatched_case(tier1=desk.tier1),
        lambda actor, case, desk: services.case_take(actor=actor, case=case),
    ),
    "case_assign": (
        Action.CASE_DISPATCH,
        _received,
        lambda actor, case, desk: services.case_assign(actor=actor, case=case, assignee=desk.tier1),
    ),
    "case_hold_for_callback": (
        Action.CALLBACK_MANAGE,
        _received,
        lambda actor, case, desk: services.case_hold_for_callback(
            actor=actor, case=case, phone="03-0000-0000", due_at=timezone.now() + dt.timedelta(days=1)
        ),
    ),
    "callback_complete": (
        Action.CALLBACK_MANAGE,
        _with_callback,
        lambda actor, callback, desk: services.callback_complete(actor=actor, callback=callback, outcome="折り返した"),
    ),
    "case_add_note-note": (Action.CASE_EDIT, _received, _note(EventKind.NOTE)),
    "case_add_note-call_in": (Action.CASE_EDIT, _received, _note(EventKind.CALL_IN)),
    "case_add_note-call_out": (Action.CASE_EDIT, _received, _note(EventKind.CALL_OUT)),
    "case_add_note-research": (Action.CASE_RESEARCH, _in_progress, _note(EventKind.RESEARCH)),
    "case_update_assessment": (
        Action.CASE_RESEARCH,
        _in_progress,
        lambda actor, case, desk: services.case_update_assessment(
            actor=actor, case=case, expected_version=case.version, assessment="権限のない所見"
        ),
    ),
    "case_record_inquiry": (
        Action.CASE_RESEARCH,
        _in_progress,
        lambda actor, case, desk: services.case_record_inquiry(
            actor=actor,
            case=case,
            organization_name="架空警察署",
            contacted_at=timezone.now(),
            question="権限のない照会",
        ),
    ),
    "case_answer_at_front_and_close": (
        Action.CASE_CLOSE_TIER1,
        _triaged,
        lambda actor, case, desk: services.case_answer_at_front_and_close(
            actor=actor, case=case, expected_version=case.version, answer="電話で回答した"
        ),
    ),
    "case_mark_answered": (
        Action.ANSWER_SEND,
        _in_progress,
        lambda actor, case, desk: services.case_mark_answered(actor=actor, case=case),
    ),
    "case_set_status": (
        Action.ANSWER_DRAFT,
        _in_progress,
        lambda actor, case, desk: services.case_set_status(actor=actor, case=case, to="awaiting_approval"),
    ),
    "case_close": (
        Action.CASE_CLOSE,
        _received,
        lambda actor, case, desk: services.case_close(
            actor=actor, case=case, expected_version=case.version, resolution="権限のない完了"
        ),
    ),
    "case_reopen": (
        Action.CASE_REOPEN,
        _closed,
        lambda actor, case, desk: services.case_reopen(actor=actor, case=case, reason="権限のない再開"),
    ),
    "case_merge": (
        Action.CASE_MERGE,
        _two_cases,
        lambda actor, cases, desk: services.case_merge(actor=actor, case=cases[1], into=cases[0]),
    ),
    "desk_rules_update": (
        Action.SETTINGS_MANAGE,
        lambda desk: None,
        lambda actor, _none, desk: services.desk_rules_update(
            actor=actor,
            approval_categories=[],
            default_first_response_minutes=1,
            targets={Category.CRIME: (1, False)},
            approval_for_police_referral=False,
        ),
    ),
    "cases_bulk_assign": (
        Action.CASE_DISPATCH,
        lambda desk: dispatched_case(tier1=desk.tier1),
        lambda actor, case, desk: services.cases_bulk_assign(
            actor=actor, selection=[(case.reference, case.version)], assignee=desk.tier2
        ),
    ),
    "cases_bulk_dispatch": (
        Action.CASE_DISPATCH,
        _received,
        lambda actor, case, desk: services.cases_bulk_dispatch(
            actor=actor, selection=[(case.reference, case.version)], category=Category.PREVENTION
        ),
    ),
}

REFUSALS = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, (action, _setup, _call) in SERVICES.items()
    for role in Role
    if role not in PERMISSIONS[action]
]

ALLOWED = [
    # The most senior role the table allows (bulk assign also needs CASE_RESEARCH per case, which tier 1 lacks).
    pytest.param(name, next(role for role in reversed(Role) if role in PERMISSIONS[action]), id=name)
    for name, (action, _setup, _call) in SERVICES.items()
]


@pytest.fixture
def desk(tier1_staff, tier2_staff, manager, admin_user) -> Desk:
    return Desk(tier1=tier1_staff, tier2=tier2_staff, manager=manager, admin=admin_user)


@pytest.mark.parametrize(("name", "role"), REFUSALS)
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, desk):
    _action, setup, call = SERVICES[name]
    state = setup(desk)
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        call(actor, state, desk)


@pytest.mark.parametrize(("name", "role"), ALLOWED)
def test_a_role_the_table_allows_gets_through_in_the_same_state(name, role, desk):
    """Without this, a refusal above could come from a state no one may act in, not from the role."""
    _action, setup, call = SERVICES[name]
    state = setup(desk)
    before = database_rows()
    result = call(desk.person(role), state, desk)
    assert database_rows() != before
    if isinstance(result, services.BulkResult):
        assert result.refused == []


def test_tier1_cannot_assign_a_tier2_case_in_bulk(desk):
    """Bulk assign needs CASE_DISPATCH up front and CASE_RESEARCH per tier-2 case: tier 1 passes the first only."""
    case = dispatched_case(tier1=desk.tier1)  # tier 1 received it, so tier 1 sees it
    before = database_rows()
    result = services.cases_bulk_assign(
        actor=desk.tier1, selection=[(case.reference, case.version)], assignee=desk.tier2
    )
    assert result.done == []
    assert result.refused == [(case.reference, GENERIC_REFUSAL)]
    assert database_rows() == before


def test_the_table_refuses_someone_for_every_service():
    """Keeps the parametrisation honest: no write service silently drops out of the test above."""
    assert {name for name, _role in (p.values for p in REFUSALS)} == set(SERVICES)


def test_every_public_write_service_of_the_module_is_listed():
    """A new service with an actor joins SERVICES, or this fails."""
    with_actor = {
        name
        for name, value in vars(services).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == services.__name__
        and inspect.isfunction(value)
        and "actor" in inspect.signature(value).parameters
    }
    assert with_actor == {name.split("-")[0] for name in SERVICES}
