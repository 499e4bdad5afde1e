"""Write path of the referral directory: staff edits and verification, each audited with old and new values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.core.errors import DomainError
from madoguchi.core.normalize import nfkc
from madoguchi.core.versioning import save_if_unchanged
from madoguchi.referrals import hooks
from madoguchi.referrals.models import ReferralOrganization, Situation

# Fields a staff member may change through the edit form; situations is handled separately (M2M).
EDITABLE_FIELDS = (
    "name",
    "short_name",
    "entry_type",
    "handles",
    "audience",
    "channels",
    "region",
    "categories",
    "public",
    "source_url",
    "source_note",
    "as_of",
    "as_of_basis",
    "verified",
    "verification_note",
    "notes",
)


def normalize_for_search(value: str) -> str:
    """NFKC and case-fold so 「ＩＰＡ」, 「ipa」 and 「IPA」 all match."""
    return nfkc(value).casefold()


def organization_search_key(*, organization: ReferralOrganization, situations: list[Situation]) -> str:
    parts = [organization.code, organization.name, organization.short_name, organization.handles, organization.region]
    parts += [organization.notes]
    parts += [str(c.get("value", "")) for c in organization.channels]
    for situation in situations:
        parts.append(situation.label)
        parts.extend(situation.keywords)
    return normalize_for_search("\n".join(p for p in parts if p))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_consistency(*, public: bool, verified: bool, verification_note: str) -> None:
    if public and not verified:
        raise DomainError(_("出典で確認していない紹介先は公開ページに掲載できません。"), field="public")
    if not verified and not verification_note.strip():
        raise DomainError(_("未検証の場合は、何を確認すべきかを記入してください。"), field="verification_note")


@transaction.atomic
def organization_create(
    *, actor: User, code: str, data: dict[str, Any], situations: list[Situation]
) -> ReferralOrganization:
    require(actor, Action.REFERENCE_EDIT, message=_("相談・届出先を編集する権限がありません。"))
    if ReferralOrganization.objects.filter(code=code).exists():
        raise DomainError(_("このコードは既に使われています。"), field="code")
    _check_consistency(
        public=data["public"], verified=data["verified"], verification_note=data.get("verification_note", "")
    )
    now = timezone.now()
    last = ReferralOrganization.objects.order_by("-order").values_list("order", flat=True).first() or 0
    org = ReferralOrganization(code=code, order=last + 1, edited_at=now, edited_by=actor)
    for field in EDITABLE_FIELDS:
        setattr(org, field, data[field])
    org.search_key = organization_search_key(organization=org, situations=situations)
    org.save()
    org.situations.set(situations)
    hooks.organization_saved(org)
    audit.record(
        action=AuditAction.CREATE,
        actor=actor,
        target=org,
        detail={
            "new": {f: _jsonable(getattr(org, f)) for f in EDITABLE_FIELDS},
            "situations": [s.code for s in situations],
        },
    )
    return org


def _bump(*, organization: ReferralOrganization, expected_version: int | None, **changes: Any) -> None:
    save_if_unchanged(
        organization,
        expected_version=expected_version,
        conflict_message=_(
            "他の職員がこの紹介先を先に更新しました。入力内容はそのまま残しています。"
            "現在保存されている内容を確認してから、もう一度保存してください。"
        ),
        **changes,
    )


@transaction.atomic
def organization_update(
    *,
    actor: User,
    organization: ReferralOrganization,
    expected_version: int,
    data: dict[str, Any],
    situations: list[Situation],
) -> dict[str, list[Any]]:
    """Apply a staff edit made on the version the editor loaded; returns {field: [old, new]} (empty: nothing saved).

    Raises ConcurrentEditError, writing nothing, when someone else saved the entry after the form was loaded.
    """
    require(actor, Action.REFERENCE_EDIT, message=_("相談・届出先を編集する権限がありません。"))
    _check_consistency(
        public=data["public"], verified=data["verified"], verification_note=data.get("verification_note", "")
    )
    org = ReferralOrganization.objects.select_for_update().get(pk=organization.pk)
    changes: dict[str, list[Any]] = {}
    for field in EDITABLE_FIELDS:
        old, new = getattr(org, field), data[field]
        if old != new:
            changes[field] = [_jsonable(old), _jsonable(new)]
            setattr(org, field, new)
    old_situations = sorted(org.situations.values_list("code", flat=True))
    new_situations = sorted(s.code for s in situations)
    if old_situations != new_situations:
        changes["situations"] = [old_situations, new_situations]
    if not changes:
        # The form already equals what is stored: nothing to overwrite, whoever saved last.
        return changes
    _bump(
        organization=org,
        expected_version=expected_version,
        edited_at=timezone.now(),
        edited_by=actor,
        search_key=organization_search_key(organization=org, situations=situations),
        **{field: getattr(org, field) for field in EDITABLE_FIELDS if field in changes},
    )
    org.situations.set(situations)
    hooks.organization_saved(org)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=org, detail={"changes": changes})
    organization.refresh_from_db()
    return changes


@transaction.atomic
def organization_mark_verified(*, actor: User, organization: ReferralOrganization) -> ReferralOrganization:
    """Staff re-checked the live page today: restart the staleness clock (and the version, so open edit forms
    cannot silently undo what was just checked)."""
    require(actor, Action.REFERENCE_EDIT, message=_("相談・届出先を編集する権限がありません。"))
    org = ReferralOrganization.objects.select_for_update().get(pk=organization.pk)
    old_at = org.last_verified_at.isoformat() if org.last_verified_at else None
    old_by = org.last_verified_by.get_username() if org.last_verified_by else None
    now = timezone.now()
    _bump(organization=org, expected_version=None, last_verified_at=now, last_verified_by=actor)
    org.refresh_from_db()
    audit.record(
        action=AuditAction.UPDATE,
        actor=actor,
        target=org,
        detail={
            "changes": {
                "last_verified_at": [old_at, now.isoformat()],
                "last_verified_by": [old_by, actor.get_username()],
            }
        },
    )
    return org
