"""Who may do what with a playbook run, beyond the role table.

Tier 1 (一次対応) may start a playbook and tick the first-response items while the consulter is on the
phone, because those steps (isolate the PC, keep the screen, gather the intake facts) cannot wait for a
dispatch. Every later phase, filing a report and mailing the checklist are tier-2 work (CASE_RESEARCH /
ANSWER_SEND). Admins only look.
"""

from __future__ import annotations

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.playbooks.models import Phase, RunItem

TIER1_PHASES = frozenset({Phase.FIRST_RESPONSE.value})


def can_start(*, user: User) -> bool:
    return user.can(Action.CASE_EDIT)


def can_tick(*, user: User, item: RunItem) -> bool:
    if user.can(Action.CASE_RESEARCH):
        return True
    return user.can(Action.CASE_EDIT) and item.phase in TIER1_PHASES


def can_edit_facts(*, user: User) -> bool:
    # Awareness time and the flags are facts the consulter tells whoever takes the call.
    return user.can(Action.CASE_EDIT)


def can_mark_filed(*, user: User) -> bool:
    return user.can(Action.CASE_RESEARCH)


def can_mail(*, user: User) -> bool:
    return user.can(Action.ANSWER_SEND)
