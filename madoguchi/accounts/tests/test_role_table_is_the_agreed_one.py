"""The role x action table, written out by hand: a role gained or lost anywhere is a deliberate edit of both.

The role matrix test checks every URL against the table; this one checks the table itself, in a second, so
the mutation run (scripts/mutation.py) can use it instead of the 2-minute matrix.
"""

from __future__ import annotations

from madoguchi.accounts.roles import PERMISSIONS, Action, Role, role_can

F, B, M, A = Role.FRONT, Role.BACK, Role.MANAGER, Role.ADMIN

AGREED: dict[Action, set[Role]] = {
    Action.CASE_VIEW: {F, B, M, A},
    Action.CASE_CREATE: {F, B, M},
    Action.CASE_EDIT: {F, B, M},
    Action.CASE_TRIAGE: {F, B, M},
    Action.CASE_DISPATCH: {F, B, M},
    Action.CASE_CLOSE_TIER1: {F, B, M},
    Action.CALLBACK_MANAGE: {F, B, M},
    Action.CASE_RESEARCH: {B, M},
    Action.ANSWER_DRAFT: {B, M},
    Action.ANSWER_APPROVE: {M},
    Action.ANSWER_SEND: {B, M},
    Action.CASE_CLOSE: {B, M},
    Action.CASE_REOPEN: {B, M},
    Action.CASE_MERGE: {B, M},
    Action.QUARANTINE_MANAGE: {F, B, M},
    Action.REFERENCE_EDIT: {B, M, A},
    Action.AUDIT_VIEW: {M, A},
    Action.REPORTS_VIEW: {M, A},
    Action.USERS_MANAGE: {A},
    Action.SETTINGS_MANAGE: {A},
    Action.ARCHIVE_VIEW: {F, B, M, A},
    Action.ARCHIVE_EDIT: {B, M},
    Action.FAQ_EDIT: {F, B, M},
    Action.FAQ_REVIEW: {B, M},
    Action.HANDBOOK_EDIT: {M, A},
    Action.RETENTION_MANAGE: {M, A},
    Action.CASEBOOK_VIEW: {F, B, M, A},
    Action.CASEBOOK_WRITE: {B, M},
    Action.CASEBOOK_PUBLISH: {M},
    Action.GUIDEBOOK_PROPOSE: {B, M},
    Action.GUIDEBOOK_DECIDE: {M},
    Action.KNOWHOW_WRITE: {F, B, M},
    Action.OUTREACH_VIEW: {F, B, M},
    Action.GUIDEBOOK_MANAGE: {F, B, M},
    Action.GUIDEBOOK_STOCK: {B, M},
    Action.OUTREACH_EDIT: {B, M},
}


def test_every_action_has_exactly_the_agreed_roles() -> None:
    assert {action: set(roles) for action, roles in PERMISSIONS.items()} == AGREED


def test_role_can_answers_from_the_table() -> None:
    for action, roles in AGREED.items():
        for role in Role:
            assert role_can(role, action) is (role in roles), (action, role)
