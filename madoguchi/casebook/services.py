"""Write path of the casebook, guidebook revision proposals and know-how reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.casebook.models import (
    CASE_STUDY_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    CaseStudy,
    CaseStudyStatus,
    KnowhowKind,
    KnowhowReport,
    ProposalStatus,
    RevisionProposal,
)
from madoguchi.casebook.sections import is_section
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.core.versioning import save_if_unchanged
from madoguchi.knowledge.models import ArchiveItem
from madoguchi.referrals.models import LawEntry, ReferralOrganization
from madoguchi.taxonomy import services as taxonomy_services
from madoguchi.taxonomy.models import Term
from madoguchi.taxonomy.selectors import terms_for

# Consultations a case study may be written from: the desk's work on them is finished.
FINISHED = frozenset({Status.ANSWERED, Status.CLOSED})


def _casebook_refusal() -> str:
    return _("事例集を編集する権限がありません。")


@dataclass(frozen=True)
class CaseStudyText:
    title: str
    situation: str
    company_actions: str = ""
    desk_advice: str = ""
    lessons: str = ""
    organization_ids: tuple[int, ...] = ()
    term_ids: tuple[int, ...] = ()


def _check_text(text: CaseStudyText) -> None:
    if not text.title.strip():
        raise DomainError(_("題名を入力してください。"), field="title")
    if not text.situation.strip():
        raise DomainError(_("状況を入力してください。"), field="situation")


def _set_links(*, actor: User, study: CaseStudy, text: CaseStudyText) -> None:
    study.organizations.set(ReferralOrganization.objects.filter(pk__in=text.organization_ids))
    wanted = {t.pk: t for t in Term.objects.filter(pk__in=text.term_ids)}
    for term in terms_for(obj=study):
        if term.pk not in wanted:
            taxonomy_services.unclassify(actor=actor, obj=study, term=term)
    for term in wanted.values():
        taxonomy_services.classify(actor=actor, obj=study, term=term)


@transaction.atomic
def case_study_create(*, actor: User, case: Case, text: CaseStudyText) -> CaseStudy:
    require(actor, Action.CASEBOOK_WRITE, message=_casebook_refusal())
    if case.status not in FINISHED:
        raise DomainError(_("事例は回答済または完了の相談案件から作成します。"))
    _check_text(text)
    study = CaseStudy.objects.create(
        source_case=case,
        title=text.title.strip(),
        situation=text.situation,
        company_actions=text.company_actions,
        desk_advice=text.desk_advice,
        lessons=text.lessons,
    )
    study.authors.add(actor)
    _set_links(actor=actor, study=study, text=text)
    audit.record(action=AuditAction.CREATE, actor=actor, target=study, detail={"source_case": case.reference})
    return study


@transaction.atomic
def case_study_update(*, actor: User, study: CaseStudy, expected_version: int, text: CaseStudyText) -> CaseStudy:
    """Save the text; any save withdraws a review or a publication, so what is public is what was reviewed."""
    require(actor, Action.CASEBOOK_WRITE, message=_casebook_refusal())
    _check_text(text)
    save_if_unchanged(
        study,
        expected_version=expected_version,
        conflict_message=_("この事例は他の職員が先に更新しました。内容を確認してから保存してください。"),
        title=text.title.strip(),
        situation=text.situation,
        company_actions=text.company_actions,
        desk_advice=text.desk_advice,
        lessons=text.lessons,
        status=CaseStudyStatus.DRAFT,
        reviewed_by=None,
        published_at=None,
        updated_at=timezone.now(),
    )
    study.refresh_from_db()
    study.authors.add(actor)
    _set_links(actor=actor, study=study, text=text)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=study, detail={"event": "case_study_saved"})
    return study


def _move(study: CaseStudy, *, to: str, expected_version: int, **changes: object) -> CaseStudy:
    if to not in CASE_STUDY_TRANSITIONS[study.status]:
        raise TransitionNotAllowed(_("この事例は現在の状態からその操作を行えません。"))
    save_if_unchanged(
        study,
        expected_version=expected_version,
        conflict_message=_("この事例は他の職員が先に更新しました。内容を確認してください。"),
        status=to,
        updated_at=timezone.now(),
        **changes,
    )
    study.refresh_from_db()
    return study


@transaction.atomic
def case_study_submit(*, actor: User, study: CaseStudy, expected_version: int) -> CaseStudy:
    require(actor, Action.CASEBOOK_WRITE, message=_casebook_refusal())
    study = _move(study, to=CaseStudyStatus.IN_REVIEW, expected_version=expected_version)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=study, detail={"event": "case_study_submitted"})
    return study


@transaction.atomic
def case_study_publish(*, actor: User, study: CaseStudy, expected_version: int) -> CaseStudy:
    """The reviewer publishes: a manager who wrote none of the text (the same invariant as answer approval)."""
    require(actor, Action.CASEBOOK_PUBLISH, message=_("事例を公開する権限がありません。"))
    if study.authors.filter(pk=actor.pk).exists():
        raise DomainError(_("自分が執筆に加わった事例は公開できません。執筆していない管理職が確認してください。"))
    study = _move(
        study,
        to=CaseStudyStatus.PUBLISHED,
        expected_version=expected_version,
        reviewed_by=actor,
        published_at=timezone.now(),
    )
    audit.record(
        action=AuditAction.UPDATE,
        actor=actor,
        target=study,
        detail={"event": "case_study_published", "version": study.version},
    )
    return study


@transaction.atomic
def case_study_return(*, actor: User, study: CaseStudy, expected_version: int, note: str) -> CaseStudy:
    """The reviewer sends the study back to its authors (or withdraws a published one)."""
    require(actor, Action.CASEBOOK_PUBLISH, message=_("事例を公開する権限がありません。"))
    if not note.strip():
        raise DomainError(_("差し戻す理由を入力してください。"), field="note")
    study = _move(
        study, to=CaseStudyStatus.DRAFT, expected_version=expected_version, reviewed_by=None, published_at=None
    )
    audit.record(
        action=AuditAction.UPDATE, actor=actor, target=study, detail={"event": "case_study_returned", "note": note}
    )
    return study


# --- Guidebook upkeep -------------------------------------------------------------------------------------


def _guidebook_refusal() -> str:
    return _("ガイドブックの改訂提案を行う権限がありません。")


@dataclass(frozen=True)
class ProposalText:
    title: str
    change: str
    reason: str
    source_urls: tuple[str, ...] = ()
    archive_item_ids: tuple[int, ...] = ()


@transaction.atomic
def proposal_create(*, actor: User, section: Term, text: ProposalText) -> RevisionProposal:
    require(actor, Action.GUIDEBOOK_PROPOSE, message=_guidebook_refusal())
    if not is_section(section):
        raise DomainError(_("ガイドブックの項目（MISSION）を選んでください。"), field="section")
    for name, value in (("title", text.title), ("change", text.change), ("reason", text.reason)):
        if not value.strip():
            raise DomainError(_("この項目を入力してください。"), field=name)
    for url in text.source_urls:
        if not url.startswith(("http://", "https://")):
            raise DomainError(
                _("出典は http:// または https:// で始まる URL を入力してください。"), field="source_urls"
            )
    proposal = RevisionProposal.objects.create(
        section=section,
        title=text.title.strip(),
        change=text.change,
        reason=text.reason,
        source_urls="\n".join(text.source_urls),
        proposed_by=actor,
    )
    proposal.archive_items.set(ArchiveItem.objects.filter(pk__in=text.archive_item_ids))
    audit.record(action=AuditAction.CREATE, actor=actor, target=proposal)
    return proposal


@transaction.atomic
def proposal_decide(*, actor: User, proposal: RevisionProposal, to: str, note: str = "") -> RevisionProposal:
    require(actor, Action.GUIDEBOOK_DECIDE, message=_("改訂提案を判断する権限がありません。"))
    locked = RevisionProposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in PROPOSAL_TRANSITIONS[locked.status]:
        raise TransitionNotAllowed(_("この提案は現在の状態からその状態にできません。"), field="status")
    if to in (ProposalStatus.ADOPTED, ProposalStatus.DECLINED) and not note.strip():
        raise DomainError(_("採用・見送りの理由を入力してください。"), field="note")
    locked.status = to
    locked.decision_note = note
    locked.decided_by = actor
    locked.save(update_fields=["status", "decision_note", "decided_by", "updated_at"])
    audit.record(action=AuditAction.UPDATE, actor=actor, target=locked, detail={"status": to})
    return locked


@transaction.atomic
def section_link_law(*, actor: User, section: Term, law: LawEntry) -> None:
    """Say that a law-map entry applies to a guidebook section (a taxonomy assignment on the law entry)."""
    require(actor, Action.GUIDEBOOK_PROPOSE, message=_guidebook_refusal())
    if not is_section(section):
        raise DomainError(_("ガイドブックの項目（MISSION）を選んでください。"), field="section")
    taxonomy_services.classify(actor=actor, obj=law, term=section)


# --- Know-how reports -------------------------------------------------------------------------------------


@transaction.atomic
def knowhow_create(
    *,
    actor: User,
    kind: str,
    title: str,
    held_on: dt.date,
    body: str,
    counterpart: str = "",
    term_ids: Sequence[int] = (),
) -> KnowhowReport:
    require(actor, Action.KNOWHOW_WRITE, message=_("ノウハウ報告書を作成する権限がありません。"))
    if kind not in KnowhowKind.values:
        raise DomainError(_("種類を選んでください。"), field="kind")
    if not title.strip():
        raise DomainError(_("題名を入力してください。"), field="title")
    if not body.strip():
        raise DomainError(_("報告内容を入力してください。"), field="body")
    report = KnowhowReport.objects.create(
        kind=kind, title=title.strip(), held_on=held_on, body=body, counterpart=counterpart.strip(), author=actor
    )
    for term in Term.objects.filter(pk__in=term_ids):
        taxonomy_services.classify(actor=actor, obj=report, term=term)
    audit.record(action=AuditAction.CREATE, actor=actor, target=report)
    return report
