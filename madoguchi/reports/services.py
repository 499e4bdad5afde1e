"""The reports app's write path: handbook procedure edits, retention periods and retention runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.reports.handbook_defaults import SECTIONS
from madoguchi.reports.models import HandbookRevision, HandbookSection, RetentionPolicy
from madoguchi.reports.retention import anonymise_record, cutoff_for, due_records, policies, record_types


def _missing_default_sections() -> set[str]:
    keys = {key for key, _title, _order, _body in SECTIONS}
    return keys - set(HandbookSection.objects.filter(key__in=keys).values_list("key", flat=True))


def handbook_default_sections_ensure() -> None:
    """Put back any shipped procedure section that is missing, with its first text; a no-op when all are there.

    Called on every read of the procedures, so the handbook never lacks them — not even after a database was
    flushed (transactional tests) or restored without migration 0002's rows. Idempotent, and safe when two
    requests race: the section key is unique and `get_or_create` re-reads the winner's row; a section and its
    first revision are written in one transaction, so nobody sees a section without text.
    """
    missing = _missing_default_sections()
    for key, title, order, body in SECTIONS:
        if key not in missing:
            continue
        with transaction.atomic():
            section, created = HandbookSection.objects.get_or_create(key=key, defaults={"title": title, "order": order})
            if created:
                HandbookRevision.objects.create(
                    section=section, number=1, body=body, note="初版", author=None, created_at=timezone.now()
                )


def handbook_revision_save(*, actor: User, section: HandbookSection, body: str, note: str) -> HandbookRevision:
    """A manager's edit of a procedure: a new revision; the earlier ones are kept."""
    require(actor, Action.HANDBOOK_EDIT)
    with transaction.atomic():
        locked = HandbookSection.objects.select_for_update().get(pk=section.pk)
        last = locked.revisions.aggregate(n=Max("number"))["n"] or 0
        revision = HandbookRevision.objects.create(
            section=locked, number=last + 1, body=body, note=note, author=actor, created_at=timezone.now()
        )
        audit.record(
            action=AuditAction.UPDATE,
            actor=actor,
            target=locked,
            detail={"what": "handbook_section", "number": last + 1},
        )
    return revision


@dataclass
class RetentionResult:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    cutoffs: dict[str, str] = field(default_factory=dict)


def retention_policy_set(*, actor: User, record_type: str, months: int) -> RetentionPolicy:
    require(actor, Action.RETENTION_MANAGE)
    if record_type not in {t.key for t in record_types()}:
        raise ValueError(record_type)
    with transaction.atomic():
        policy, _created = RetentionPolicy.objects.update_or_create(
            record_type=record_type, defaults={"months": months, "updated_by": actor}
        )
        audit.record(
            action=AuditAction.UPDATE,
            actor=actor,
            target=policy,
            detail={"what": "retention_policy", "record_type": record_type, "months": months},
        )
    return policy


def apply_retention(*, actor: User | None, dry_run: bool, now: dt.datetime | None = None) -> RetentionResult:
    """Anonymise every record past its period. `actor=None` is the scheduled command."""
    require(actor, Action.RETENTION_MANAGE, system=True)
    now = now or timezone.now()
    result = RetentionResult(dry_run=dry_run)
    with transaction.atomic():
        for record_type, months in policies():
            cutoff = cutoff_for(months=months, now=now)
            due = due_records(record_type, cutoff)
            result.counts[record_type.key] = len(due)
            result.cutoffs[record_type.key] = cutoff.date().isoformat()
            if not dry_run:
                for obj in due:
                    anonymise_record(record_type, obj)
        if not dry_run:
            # A dry run is a read: it writes nothing, not even to the audit log (ADR 0027).
            audit.record(
                action=AuditAction.UPDATE,
                actor=actor,
                username="apply_retention" if actor is None else "",
                detail={"what": "retention_run", "counts": result.counts, "cutoffs": result.cutoffs},
            )
    return result
