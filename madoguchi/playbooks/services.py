"""Write path of playbooks: start a run, tick items, record clock facts and filings, mail 「いま行うこと」."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import require
from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import OutboundEmail, OutboundKind
from madoguchi.cases import events as case_events
from madoguchi.cases.models import Case
from madoguchi.core.errors import DomainError
from madoguchi.playbooks import clocks, events, rules, selectors
from madoguchi.playbooks.clocks import FLAG_LABELS
from madoguchi.playbooks.models import (
    CaseClockFacts,
    ClockFiling,
    LegalClockRule,
    PlaybookRun,
    PlaybookTemplate,
    RunItem,
    RunItemTick,
    RunStatus,
)


@transaction.atomic
def playbook_start(*, actor: User, case: Case, template: PlaybookTemplate) -> PlaybookRun:
    require(actor, rules.START)
    if not case.is_open:
        raise DomainError(_("完了した案件では事故対応フローを開始できません。"))
    items = list(template.items.order_by("position"))
    try:
        with transaction.atomic():
            run = PlaybookRun.objects.create(
                case=case,
                template=template,
                template_code=template.code,
                template_version=template.version,
                family=template.family,
                title=template.title,
                started_at=timezone.now(),
                started_by=actor,
                total_count=len(items),
            )
    except IntegrityError as exc:
        raise DomainError(_("この種類の事故対応フローはすでに実施中です。")) from exc
    # Copy every field: later edits of the template (or a new version) never reach this checklist.
    RunItem.objects.bulk_create(
        RunItem(
            run=run,
            phase=i.phase,
            phase_label=i.phase_label,
            position=i.position,
            code=i.code,
            text=i.text,
            who=i.who,
            record=i.record,
            legal_clock=i.legal_clock,
            organizations=list(i.organizations),
        )
        for i in items
    )
    events.run_started(case=case, actor=actor, run_id=run.pk, template_code=template.code, title=template.title)
    return run


@transaction.atomic
def item_set_done(*, actor: User, item: RunItem, done: bool, note: str = "") -> RunItem:
    require(actor, rules.tick_action(item=item))
    item = RunItem.objects.select_for_update().select_related("run__case").get(pk=item.pk)
    if item.run.status != RunStatus.ACTIVE:
        raise DomainError(_("終了した事故対応フローは変更できません。"))
    now = timezone.now()
    RunItemTick.objects.create(item=item, done=done, at=now, actor=actor, note=note)
    if item.done != done:
        PlaybookRun.objects.filter(pk=item.run_id).update(done_count=F("done_count") + (1 if done else -1))
    item.done = done
    item.done_at = now if done else None
    item.done_by = actor if done else None
    if note or done:
        item.note = note
    item.save(update_fields=["done", "done_at", "done_by", "note"])
    events.item_ticked(
        case=item.run.case,
        actor=actor,
        run_id=item.run_id,
        item_code=item.code,
        item_text=item.text,
        done=done,
        note=note,
    )
    return item


@transaction.atomic
def clock_facts_update(
    *, actor: User, case: Case, flags: dict[str, bool], incident_at: dt.datetime | None
) -> CaseClockFacts:
    require(actor, rules.EDIT_FACTS)
    unknown = set(flags) - set(FLAG_LABELS)
    if unknown:
        raise ValueError(f"unknown flags: {sorted(unknown)}")
    facts, _created = CaseClockFacts.objects.select_for_update().get_or_create(case=case)
    changes: dict[str, dict[str, str]] = {}
    for name in FLAG_LABELS:
        old, new = bool(facts.flags.get(name, False)), bool(flags.get(name, False))
        if old != new or (_created and new):
            changes[name] = {"old": "はい" if old else "いいえ", "new": "はい" if new else "いいえ"}
    if facts.incident_at != incident_at:
        changes["incident_at"] = {
            "old": facts.incident_at.isoformat() if facts.incident_at else "",
            "new": incident_at.isoformat() if incident_at else "",
        }
    facts.flags = {name: bool(flags.get(name, False)) for name in FLAG_LABELS}
    facts.incident_at = incident_at
    facts.updated_by = actor
    facts.save()
    if changes or _created:
        events.facts_changed(case=case, actor=actor, changes=changes)
    return facts


@transaction.atomic
def clock_mark_filed(
    *, actor: User, case: Case, clock_code: str, filed_at: dt.datetime | None = None, note: str = ""
) -> ClockFiling:
    require(actor, rules.MARK_FILED)
    rule = LegalClockRule.objects.filter(code=clock_code).first()
    if rule is None:
        raise DomainError(_("報告期限のルールが見つかりません。"))
    filed_at = filed_at or timezone.now()
    if filed_at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError(_("提出日時に未来の日時は入力できません。"), field="filed_at")
    try:
        with transaction.atomic():
            filing = ClockFiling.objects.create(
                case=case, clock_code=clock_code, filed_at=filed_at, recorded_by=actor, note=note
            )
    except IntegrityError as exc:
        raise DomainError(_("この報告はすでに提出済みとして記録されています。")) from exc
    events.clock_filed(
        case=case,
        actor=actor,
        clock_code=clock_code,
        clock_name=rule.name,
        filed_at_iso=filed_at.isoformat(),
        note=note,
    )
    return filing


def render_now_mail(*, run: PlaybookRun) -> tuple[str, list[str]]:
    """The plain-Japanese 「いま行うこと」 mail and the codes of the items it lists."""
    case = run.case
    groups = selectors.open_items_now_and_next(run=run, for_consulter=True)
    deadlines = [d for d in selectors.case_deadlines(case=case) if d.state != clocks.State.FILED]
    context: dict[str, Any] = {
        "case": case,
        "person": case.person,
        "organization": case.organization,
        "run": run,
        "groups": groups,
        "deadlines": deadlines,
        "DESK_NAME": settings.MADOGUCHI_DESK_NAME,
    }
    codes = [i.code for g in groups for i in g.items]
    return mailtext.render_file(name="playbook_now.txt", context=context), codes


@transaction.atomic
def run_mail_to_consulter(*, actor: User, run: PlaybookRun) -> OutboundEmail:
    """Queue 「いま行うこと」 to the consulter.

    Kind OTHER and no manager approval: the mail repeats the desk's sourced, generic checklist and
    gives no case-specific judgement; the judgement goes in the answer (①②), which keeps its approval.
    """
    require(actor, rules.MAIL)
    case = run.case
    address = case.person.email if case.person else ""
    if not address:
        raise DomainError(_("相談者のメールアドレスが登録されていません。"))
    text, codes = render_now_mail(run=run)
    if not codes:
        raise DomainError(_("未完了の項目がないため、送る内容がありません。"))
    row = outbox.enqueue(
        kind=OutboundKind.OTHER,
        case=case,
        to=[address],
        subject=_("いま行うこと（%(title)s）") % {"title": run.title},
        body_text=text,
        actor=actor,
    )
    case_events.email_out(case=case, actor=actor, message_id=row.message_id, to=address, subject=row.subject)
    events.run_mailed(case=case, actor=actor, run_id=run.pk, to=address, item_codes=codes)
    return row
