"""Write path of the knowledge app's staff-managed records: canned texts (定型文) for answer part ①, audited."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.core.errors import DomainError
from madoguchi.core.versioning import save_if_unchanged
from madoguchi.knowledge.models import CannedText

# The people who write answers keep their canned texts (ANSWER_DRAFT).
FIELDS = ("title", "body", "category")


def _duplicate_title() -> DomainError:
    return DomainError(_("同じ題名の定型文が既にあります。別の題名にしてください。"), field="title")


@transaction.atomic
def canned_text_create(*, actor: User, title: str, body: str, category: str = "") -> CannedText:
    require(actor, Action.ANSWER_DRAFT, message=_("定型文を編集する権限がありません。"))
    try:
        with transaction.atomic():
            text = CannedText.objects.create(
                title=title, body=body, category=category, created_by=actor, updated_by=actor
            )
    except IntegrityError as exc:
        raise _duplicate_title() from exc
    audit.record(action=AuditAction.CREATE, actor=actor, target=text)
    return text


@transaction.atomic
def canned_text_update(
    *, actor: User, text: CannedText, expected_version: int, title: str, body: str, category: str, active: bool
) -> CannedText:
    require(actor, Action.ANSWER_DRAFT, message=_("定型文を編集する権限がありません。"))
    try:
        with transaction.atomic():
            save_if_unchanged(
                text,
                expected_version=expected_version,
                conflict_message=_("他の職員がこの定型文を先に更新しました。最新の内容を確認してください。"),
                title=title,
                body=body,
                category=category,
                active=active,
                updated_by=actor,
            )
    except IntegrityError as exc:
        raise _duplicate_title() from exc
    text.refresh_from_db()
    audit.record(action=AuditAction.UPDATE, actor=actor, target=text, detail={"active": active})
    return text
