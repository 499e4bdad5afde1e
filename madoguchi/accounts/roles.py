"""Staff roles and the role x action table: the one place that says who may do what."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from madoguchi.core.errors import NotPermitted

if TYPE_CHECKING:
    from madoguchi.accounts.models import User


class Role(models.TextChoices):
    FRONT = "front", _("一次対応")
    BACK = "back", _("二次対応")
    MANAGER = "manager", _("管理職（課長・課長代理）")
    ADMIN = "admin", _("システム管理者")


class Action(StrEnum):
    CASE_VIEW = "case_view"
    CASE_CREATE = "case_create"
    CASE_EDIT = "case_edit"
    CASE_TRIAGE = "case_triage"
    CASE_DISPATCH = "case_dispatch"
    CASE_CLOSE_TIER1 = "case_close_tier1"
    CALLBACK_MANAGE = "callback_manage"
    CASE_RESEARCH = "case_research"
    ANSWER_DRAFT = "answer_draft"
    ANSWER_APPROVE = "answer_approve"
    ANSWER_SEND = "answer_send"
    CASE_CLOSE = "case_close"
    CASE_REOPEN = "case_reopen"
    CASE_MERGE = "case_merge"
    QUARANTINE_MANAGE = "quarantine_manage"
    REFERENCE_EDIT = "reference_edit"
    AUDIT_VIEW = "audit_view"
    REPORTS_VIEW = "reports_view"
    HANDBOOK_EDIT = "handbook_edit"
    RETENTION_MANAGE = "retention_manage"
    USERS_MANAGE = "users_manage"
    SETTINGS_MANAGE = "settings_manage"
    ARCHIVE_VIEW = "archive_view"
    ARCHIVE_EDIT = "archive_edit"
    CASEBOOK_VIEW = "casebook_view"
    CASEBOOK_WRITE = "casebook_write"
    CASEBOOK_PUBLISH = "casebook_publish"
    GUIDEBOOK_PROPOSE = "guidebook_propose"
    GUIDEBOOK_DECIDE = "guidebook_decide"
    KNOWHOW_WRITE = "knowhow_write"
    FAQ_EDIT = "faq_edit"
    FAQ_REVIEW = "faq_review"
    OUTREACH_VIEW = "outreach_view"
    GUIDEBOOK_MANAGE = "guidebook_manage"
    GUIDEBOOK_STOCK = "guidebook_stock"
    OUTREACH_EDIT = "outreach_edit"


_ALL = frozenset(Role)
_DESK = frozenset({Role.FRONT, Role.BACK, Role.MANAGER})
_TIER2 = frozenset({Role.BACK, Role.MANAGER})
_MANAGEMENT = frozenset({Role.MANAGER, Role.ADMIN})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.CASE_VIEW: _ALL,
    Action.CASE_CREATE: _DESK,
    Action.CASE_EDIT: _DESK,
    Action.CASE_TRIAGE: _DESK,
    Action.CASE_DISPATCH: _DESK,
    Action.CASE_CLOSE_TIER1: _DESK,
    Action.CALLBACK_MANAGE: _DESK,
    Action.CASE_RESEARCH: _TIER2,
    Action.ANSWER_DRAFT: _TIER2,
    Action.ANSWER_APPROVE: frozenset({Role.MANAGER}),
    Action.ANSWER_SEND: _TIER2,
    Action.CASE_CLOSE: _TIER2,
    Action.CASE_REOPEN: _TIER2,
    Action.CASE_MERGE: _TIER2,
    Action.QUARANTINE_MANAGE: _DESK,
    Action.REFERENCE_EDIT: frozenset({Role.BACK, Role.MANAGER, Role.ADMIN}),
    Action.AUDIT_VIEW: _MANAGEMENT,
    Action.REPORTS_VIEW: _MANAGEMENT,
    Action.HANDBOOK_EDIT: _MANAGEMENT,
    Action.RETENTION_MANAGE: _MANAGEMENT,
    Action.USERS_MANAGE: frozenset({Role.ADMIN}),
    Action.SETTINGS_MANAGE: frozenset({Role.ADMIN}),
    # The information archive (情報アーカイブ): every staff role reads it (as in search); the specialists
    # collect, summarise and keep (feeds, inbox, items).
    Action.ARCHIVE_VIEW: _ALL,
    Action.ARCHIVE_EDIT: _TIER2,
    # Casebook (事例集): the specialists write case studies from closed consultations (they read the personal
    # data the masking hides); a manager who wrote none of it reviews and publishes (docs/approval.md).
    Action.CASEBOOK_VIEW: _ALL,
    Action.CASEBOOK_WRITE: _TIER2,
    Action.CASEBOOK_PUBLISH: frozenset({Role.MANAGER}),
    # Guidebook upkeep: the specialists propose revisions, the managers decide; the export is for managers.
    Action.GUIDEBOOK_PROPOSE: _TIER2,
    Action.GUIDEBOOK_DECIDE: frozenset({Role.MANAGER}),
    # Know-how reports: every desk member reports what they learned.
    Action.KNOWHOW_WRITE: _DESK,
    # FAQ: the desk writes entries; tier 2 and managers review and publish, never their own (ADR 0021).
    Action.FAQ_EDIT: _DESK,
    Action.FAQ_REVIEW: _TIER2,
    # Outreach (issue 14): the desk handles mailing requests, seminars and materials; stock and the library
    # are kept by tier 2 and managers.
    Action.OUTREACH_VIEW: _DESK,
    Action.GUIDEBOOK_MANAGE: _DESK,
    Action.GUIDEBOOK_STOCK: _TIER2,
    Action.OUTREACH_EDIT: _TIER2,
}


def role_can(role: str, action: Action) -> bool:
    return role in PERMISSIONS[action]


def require(actor: User | None, action: Action, *, message: str | None = None, system: bool = False) -> None:
    """The services' permission re-check: refuse `actor` unless the table lets their role do `action`.

    `actor=None` is the system itself (mail intake, commands); only services that said so pass `system=True`,
    everywhere else a missing actor is refused like a person without the role.
    """
    if actor is None:
        if system:
            return
    elif actor.can(action):
        return
    raise NotPermitted(message or gettext("この操作を行う権限がありません。"))
