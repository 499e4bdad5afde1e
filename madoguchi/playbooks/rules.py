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


# The action each step needs; services re-check it with accounts.roles.require, panels and views ask can_*.
START = Action.CASE_EDIT
# Awareness time and the flags are facts the consulter tells whoever takes the call.
EDIT_FACTS = Action.CASE_EDIT
MARK_FILED = Action.CASE_RESEARCH
MAIL = Action.ANSWER_SEND


def tick_action(*, item: RunItem) -> Action:
    """First-response items are tier-1 work (CASE_EDIT); every later phase needs CASE_RESEARCH.

    Everyone with CASE_RESEARCH also has CASE_EDIT in the role table, so tier 2 ticks every phase.
    """
    return Action.CASE_EDIT if item.phase in TIER1_PHASES else Action.CASE_RESEARCH


def can_start(*, user: User) -> bool:
    return user.can(START)


def can_tick(*, user: User, item: RunItem) -> bool:
    return user.can(tick_action(item=item))


def can_edit_facts(*, user: User) -> bool:
    return user.can(EDIT_FACTS)


def can_mark_filed(*, user: User) -> bool:
    return user.can(MARK_FILED)


def can_mail(*, user: User) -> bool:
    return user.can(MAIL)
