"""Issue 11: every write service of playbooks re-checks the actor (accounts.roles.PERMISSIONS via playbooks.rules).

Tier 1 ticks first-response items but not later phases; admins only look. Every role the table allows is also
called in the same state (second test), so a refusal here is the role check and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import PERMISSIONS, Action, Role
from madoguchi.accounts.testing_refusals import database_rows, refused_up_front
from madoguchi.cases.models import Case
from madoguchi.playbooks import services
from madoguchi.playbooks.models import Phase, PlaybookRun, PlaybookTemplate
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class State:
    case: Case
    template: PlaybookTemplate
    run: PlaybookRun | None  # started by tier 2 beforehand; None for playbook_start itself


# service name -> (the action it needs, whether a run is started first, how to call it)
SERVICES: dict[str, tuple[Action, bool, Callable[[User, State], Any]]] = {
    "playbook_start": (
        Action.CASE_EDIT,
        False,
        lambda actor, s: services.playbook_start(actor=actor, case=s.case, template=s.template),
    ),
    "item_set_done-first_response": (
        Action.CASE_EDIT,
        True,
        lambda actor, s: services.item_set_done(
            actor=actor, item=s.run.items.filter(phase=Phase.FIRST_RESPONSE).first(), done=True
        ),
    ),
    "item_set_done-later_phase": (
        Action.CASE_RESEARCH,
        True,
        lambda actor, s: services.item_set_done(
            actor=actor, item=s.run.items.exclude(phase=Phase.FIRST_RESPONSE).first(), done=True
        ),
    ),
    "clock_facts_update": (
        Action.CASE_EDIT,
        False,
        lambda actor, s: services.clock_facts_update(
            actor=actor, case=s.case, flags={"personal_data": True}, incident_at=None
        ),
    ),
    "clock_mark_filed": (
        Action.CASE_RESEARCH,
        False,
        lambda actor, s: services.clock_mark_filed(actor=actor, case=s.case, clock_code="appi_final_report"),
    ),
    "run_mail_to_consulter": (
        Action.ANSWER_SEND,
        True,
        lambda actor, s: services.run_mail_to_consulter(actor=actor, run=s.run),
    ),
}

REFUSALS = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, (action, _run, _call) in SERVICES.items()
    for role in Role
    if role not in PERMISSIONS[action]
]

ALLOWED = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name, (action, _run, _call) in SERVICES.items()
    for role in Role
    if role in PERMISSIONS[action]
]


def _state(name: str, case: Case, template: PlaybookTemplate, tier2: User) -> State:
    with_run = SERVICES[name][1]
    run = services.playbook_start(actor=tier2, case=case, template=template) if with_run else None
    return State(case=case, template=template, run=run)


@pytest.mark.parametrize(("name", "role"), REFUSALS)
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, leak_case, leak_template, tier2_staff):
    state = _state(name, leak_case, leak_template, tier2_staff)
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        SERVICES[name][2](actor, state)


@pytest.mark.parametrize(("name", "role"), ALLOWED)
def test_every_role_the_table_allows_gets_through_in_the_same_state(name, role, leak_case, leak_template, tier2_staff):
    state = _state(name, leak_case, leak_template, tier2_staff)
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][2](actor, state)
    assert database_rows() != before


def test_the_table_refuses_someone_for_every_service():
    assert {name for name, _role in (p.values for p in REFUSALS)} == set(SERVICES)
