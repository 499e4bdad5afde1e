"""Write path of FAQ entries (よくある質問): create (also from consultations, masked), edit, review, publish, use."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.cases import events
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import DomainError, NotPermitted
from madoguchi.core.versioning import save_if_unchanged
from madoguchi.knowledge import faq_masking, faq_selectors
from madoguchi.knowledge.faq_index import index_faq
from madoguchi.knowledge.faq_masking import StoredSpan
from madoguchi.knowledge.models import (
    FAQ_ALLOWED_TRANSITIONS,
    FaqEntry,
    FaqStatus,
    FaqUse,
    FaqVersion,
    FaqVisibility,
    UsefulLink,
)
from madoguchi.privacy.masking import KnownEntities
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.taxonomy import services as taxonomy_services
from madoguchi.taxonomy.models import Term

EDIT_REFUSAL = "よくある質問を編集する権限がありません。"
REVIEW_REFUSAL = "よくある質問を確認・公開する権限がありません。"
MASKING = "masking"
CONTENT_FIELDS = (
    "title",
    "questions",
    "measures",
    "referrals",
    "keywords",
    "sources",
    "read_more",
    "visibility",
    "terms",
)


@dataclass(frozen=True)
class FaqContent:
    """Everything staff write on an entry; one value object for create, update and the version snapshot."""

    title: str
    questions: list[str]
    measures: str
    referrals: list[ReferralOrganization] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    sources: str = ""
    read_more: list[dict[str, str]] = field(default_factory=list)
    visibility: str = FaqVisibility.INTERNAL
    terms: list[Term] = field(default_factory=list)


def _refuse_edit(actor: User | None) -> None:
    require(actor, Action.FAQ_EDIT, message=_("よくある質問を編集する権限がありません。"))


def _refuse_review(actor: User | None) -> None:
    require(actor, Action.FAQ_REVIEW, message=_("よくある質問を確認・公開する権限がありません。"))


def snapshot(faq: FaqEntry) -> dict[str, Any]:
    """The entry's content as stored in a version and hashed at approval."""
    from madoguchi.taxonomy import selectors as taxonomy_selectors

    return {
        "title": faq.title,
        "questions": list(faq.questions),
        "measures": faq.measures,
        "referrals": sorted(faq.referrals.values_list("pk", flat=True)),
        "keywords": list(faq.keywords),
        "sources": faq.sources,
        "read_more": list(faq.read_more),
        "visibility": faq.visibility,
        "terms": sorted(t.pk for t in taxonomy_selectors.terms_for(obj=faq)),
        "source_cases": sorted(faq.source_cases.values_list("pk", flat=True)),
    }


def content_hash(faq: FaqEntry) -> str:
    data = {k: v for k, v in snapshot(faq).items() if k != "source_cases"}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _record_version(faq: FaqEntry, *, author: User, changed: list[str]) -> FaqVersion:
    last = faq.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return FaqVersion.objects.create(faq=faq, number=last + 1, author=author, changed=changed, snapshot=snapshot(faq))


def contributors(faq: FaqEntry) -> set[int]:
    """Who wrote the entry: its creator and every author of a content change (masking adjustments excluded)."""
    ids = {faq.created_by_id} if faq.created_by_id else set()
    for author_id, changed in faq.versions.values_list("author_id", "changed"):
        if author_id and changed != [MASKING]:
            ids.add(author_id)
    return ids


def _set_terms(faq: FaqEntry, *, actor: User, terms: list[Term]) -> None:
    from madoguchi.taxonomy import selectors as taxonomy_selectors

    current = {t.pk: t for t in taxonomy_selectors.terms_for(obj=faq)}
    wanted = {t.pk: t for t in terms}
    for pk, term in wanted.items():
        if pk not in current:
            taxonomy_services.classify(actor=actor, obj=faq, term=term)
    for pk, term in current.items():
        if pk not in wanted:
            taxonomy_services.unclassify(actor=actor, obj=faq, term=term)


def _check_content(content: FaqContent) -> None:
    if not content.title.strip():
        raise DomainError(_("見出しを入力してください。"), field="title")
    if not [q for q in content.questions if q.strip()]:
        raise DomainError(_("質問の例を一つ以上入力してください。"), field="questions")
    if not content.measures.strip():
        raise DomainError(_("回答例（① 具体的な対策）を入力してください。"), field="measures")


@transaction.atomic
def faq_create(
    *,
    actor: User,
    content: FaqContent,
    source_cases: list[Case] | None = None,
    mask_spans: list[StoredSpan] | None = None,
) -> FaqEntry:
    _refuse_edit(actor)
    _check_content(content)
    faq = FaqEntry.objects.create(
        title=content.title,
        questions=[q for q in content.questions if q.strip()],
        measures=content.measures,
        keywords=content.keywords,
        sources=content.sources,
        read_more=content.read_more,
        visibility=content.visibility,
        mask_spans=list(mask_spans or []),
        created_by=actor,
    )
    faq.referrals.set(content.referrals)
    if source_cases:
        faq.source_cases.set(source_cases)
    _set_terms(faq, actor=actor, terms=content.terms)
    _record_version(faq, author=actor, changed=list(CONTENT_FIELDS))
    audit.record(
        action=AuditAction.CREATE,
        actor=actor,
        target=faq,
        detail={"from_cases": [c.reference for c in source_cases or []]},
    )
    index_faq(faq)
    return faq


def known_entities(cases: list[Case]) -> KnownEntities:
    """What the consultations' own records say about the consulters (masked wherever it appears)."""
    people: list[str] = []
    companies: list[str] = []
    phones: list[str] = []
    emails: list[str] = []
    domains: list[str] = []
    addresses: list[str] = []
    for case in cases:
        org, person = case.organization, case.person
        if org is not None:
            companies.append(org.name)
            phones.append(org.phone)
        if person is not None:
            people.extend([person.name, person.name_kana])
            # "架空 太郎" is also written 架空太郎 and, with an honorific, just 架空.
            parts = person.name.split()
            if len(parts) > 1:
                people.append("".join(parts))
                people.append(parts[0])
            phones.append(person.phone)
            emails.append(person.email)
            if "@" in person.email:
                domains.append(person.email.rsplit("@", 1)[1])
    return KnownEntities(
        people=tuple(sorted({p for p in people if p}, key=len, reverse=True)),
        companies=tuple(sorted({c for c in companies if c}, key=len, reverse=True)),
        addresses=tuple(a for a in addresses if a),
        phones=tuple(p for p in phones if p),
        emails=tuple(e for e in emails if e),
        domains=tuple(d for d in domains if d),
    )


def _sent_answer(case: Case) -> str:
    from madoguchi.answers.models import AnswerDraft, AnswerStatus

    draft = AnswerDraft.objects.filter(case=case, status=AnswerStatus.SENT).order_by("-sent_at").first()
    if draft is not None:
        return draft.measures
    return case.resolution


@transaction.atomic
def faq_create_from_cases(*, actor: User, cases: list[Case]) -> FaqEntry:
    """An FAQ draft prefilled from closed consultations' questions and sent answer, with personal data masked.

    The caller loads the cases through cases.access (the actor may see them). Reading them is audited.
    """
    _refuse_edit(actor)
    if not cases:
        raise DomainError(_("元にする相談を選んでください。"), field="cases")
    open_cases = [c.reference for c in cases if c.status != Status.CLOSED]
    if open_cases:
        raise DomainError(
            _("完了した相談だけをよくある質問にできます（未完了: %(refs)s）。") % {"refs": "、".join(open_cases)},
            field="cases",
        )
    known = known_entities(cases)
    spans: list[StoredSpan] = []
    title, title_spans = faq_masking.mask_field(field="title", text=cases[0].subject, known=known)
    spans += title_spans
    questions: list[str] = []
    for i, case in enumerate(cases):
        text, q_spans = faq_masking.mask_field(field=f"q{i}", text=f"{case.subject}\n{case.body}".strip(), known=known)
        questions.append(text)
        spans += q_spans
    answer = next((a for a in (_sent_answer(c) for c in cases) if a.strip()), "")
    measures, m_spans = faq_masking.mask_field(
        field="measures", text=answer or _("（回答例を入力してください）"), known=known
    )
    spans += m_spans
    content = FaqContent(
        title=title,
        questions=questions,
        measures=measures,
        sources="\n".join(_("相談 %(ref)s") % {"ref": c.reference} for c in cases),
    )
    faq = faq_create(actor=actor, content=content, source_cases=cases, mask_spans=spans)
    for case in cases:
        audit.record(
            action=AuditAction.VIEW_PERSONAL_DATA,
            actor=actor,
            target=case,
            detail={"purpose": "faq_draft", "faq": faq.pk},
        )
    return faq


def _withdraw_approval(faq: FaqEntry) -> dict[str, Any]:
    changes: dict[str, Any] = {"reviewed_by": None, "reviewed_at": None, "approved_hash": ""}
    if faq.status == FaqStatus.PUBLISHED:
        # Any change to a published entry takes it off the public site until someone reviews it again.
        changes["status"] = FaqStatus.DRAFT
    return changes


def _conflict() -> str:
    return _("他の職員がこのよくある質問を先に更新しました。最新の内容を確認してください。")


@transaction.atomic
def faq_update(*, actor: User, faq: FaqEntry, expected_version: int, content: FaqContent) -> FaqEntry:
    _refuse_edit(actor)
    _check_content(content)
    if faq.status == FaqStatus.RETIRED:
        raise DomainError(_("廃止したよくある質問は、下書きに戻してから編集してください。"))
    before = snapshot(faq)
    questions = [q for q in content.questions if q.strip()]
    spans: list[StoredSpan] = list(faq.mask_spans)
    spans = faq_masking.realign(field="title", text=content.title, spans=spans)
    spans = faq_masking.realign(field="measures", text=content.measures, spans=spans)
    old_fields = {s["field"] for s in spans if s["field"].startswith("q")}
    for i, q in enumerate(questions):
        spans = faq_masking.realign(field=f"q{i}", text=q, spans=spans)
    for name in old_fields - {f"q{i}" for i in range(len(questions))}:
        spans = [s for s in spans if s["field"] != name]
    fields: dict[str, Any] = {
        "title": content.title,
        "questions": questions,
        "measures": content.measures,
        "keywords": content.keywords,
        "sources": content.sources,
        "read_more": content.read_more,
        "visibility": content.visibility,
        "mask_spans": spans,
    }
    save_if_unchanged(faq, expected_version=expected_version, conflict_message=_conflict(), **fields)
    faq.refresh_from_db()
    faq.referrals.set(content.referrals)
    _set_terms(faq, actor=actor, terms=content.terms)
    after = snapshot(faq)
    changed = [k for k in CONTENT_FIELDS if before.get(k) != after.get(k)]
    if changed:
        FaqEntry.objects.filter(pk=faq.pk).update(**_withdraw_approval(faq))
        faq.refresh_from_db()
        _record_version(faq, author=actor, changed=changed)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=faq, detail={"changed": changed})
    index_faq(faq)
    return faq


def _field_text(faq: FaqEntry, name: str) -> str:
    if name == "title":
        return faq.title
    if name == "measures":
        return faq.measures
    return str(faq.questions[int(name[1:])])


def _with_field_text(faq: FaqEntry, name: str, text: str) -> dict[str, Any]:
    if name in ("title", "measures"):
        return {name: text}
    questions = list(faq.questions)
    questions[int(name[1:])] = text
    return {"questions": questions}


def _masking_allowed(faq: FaqEntry) -> None:
    if faq.status not in (FaqStatus.DRAFT, FaqStatus.IN_REVIEW):
        raise DomainError(_("マスクの調整は下書きか確認待ちのときだけできます。"))


def _masking_field_names(faq: FaqEntry) -> list[str]:
    return ["title", *(f"q{i}" for i in range(len(faq.questions))), "measures"]


@transaction.atomic
def faq_unmask_span(*, actor: User, faq: FaqEntry, expected_version: int, index: int) -> FaqEntry:
    """Put one masked span's original back (the reviewer judged it not personal). Audited."""
    _refuse_edit(actor)
    if not faq_selectors.originals_visible(faq=faq, user=actor):
        # The original is the source consultation's personal data: not for someone who may not open it.
        raise NotPermitted(_("元にした相談を閲覧できないため、マスクを外せません。"))
    _masking_allowed(faq)
    spans: list[StoredSpan] = list(faq.mask_spans)
    if not 0 <= index < len(spans) or not spans[index]["original"]:
        raise DomainError(_("元に戻せる箇所ではありません。"))
    span = spans[index]
    text, spans = faq_masking.unmask(text=_field_text(faq, span["field"]), spans=spans, index=index)
    save_if_unchanged(
        faq,
        expected_version=expected_version,
        conflict_message=_conflict(),
        mask_spans=spans,
        **_with_field_text(faq, span["field"], text),
    )
    faq.refresh_from_db()
    _record_version(faq, author=actor, changed=[MASKING])
    audit.record(
        action=AuditAction.UPDATE, actor=actor, target=faq, detail={"unmasked": span["type"], "field": span["field"]}
    )
    index_faq(faq)
    return faq


@transaction.atomic
def faq_mask_text(*, actor: User, faq: FaqEntry, expected_version: int, text: str, span_type: str) -> int:
    """Mask every further occurrence of `text` in the entry's title, questions and answer; returns how many."""
    _refuse_edit(actor)
    _masking_allowed(faq)
    if not text.strip():
        raise DomainError(_("マスクする文字列を入力してください。"), field="text")
    spans: list[StoredSpan] = list(faq.mask_spans)
    updates: dict[str, Any] = {}
    total = 0
    questions = list(faq.questions)
    for name in _masking_field_names(faq):
        current = questions[int(name[1:])] if name.startswith("q") else str(updates.get(name, _field_text(faq, name)))
        new_text, spans, count = faq_masking.mask_string(
            field=name, text=current, spans=spans, needle=text, span_type=span_type
        )
        total += count
        if name.startswith("q"):
            questions[int(name[1:])] = new_text
        else:
            updates[name] = new_text
    if total == 0:
        raise DomainError(_("その文字列は見つかりませんでした。"), field="text")
    save_if_unchanged(
        faq,
        expected_version=expected_version,
        conflict_message=_conflict(),
        mask_spans=spans,
        questions=questions,
        **updates,
    )
    faq.refresh_from_db()
    _record_version(faq, author=actor, changed=[MASKING])
    audit.record(action=AuditAction.UPDATE, actor=actor, target=faq, detail={"masked": span_type, "count": total})
    index_faq(faq)
    return total


@transaction.atomic
def faq_transition(*, actor: User, faq: FaqEntry, expected_version: int, to: str) -> FaqEntry:
    """Move an entry along FAQ_ALLOWED_TRANSITIONS. Publishing is the review: never by one of its writers."""
    if to == FaqStatus.PUBLISHED or (faq.status == FaqStatus.IN_REVIEW and to == FaqStatus.DRAFT):
        _refuse_review(actor)
    else:
        _refuse_edit(actor)
    if to not in FAQ_ALLOWED_TRANSITIONS.get(faq.status, frozenset()):
        raise DomainError(
            _("「%(old)s」から「%(new)s」には変更できません。")
            % {"old": FaqStatus(faq.status).label, "new": FaqStatus(to).label}
        )
    changes: dict[str, Any] = {"status": to}
    detail: dict[str, Any] = {"status": {"old": faq.status, "new": to}}
    if to == FaqStatus.PUBLISHED:
        if actor.pk in contributors(faq):
            raise DomainError(_("自分が作成・編集したよくある質問は承認できません。別の職員が確認してください。"))
        now = timezone.now()
        changes.update(
            reviewed_by=actor,
            reviewed_at=now,
            approved_hash=content_hash(faq),
            published_at=faq.published_at or now,
            # The originals behind the placeholders are personal data: a published entry keeps none.
            mask_spans=faq_masking.without_originals(list(faq.mask_spans)),
        )
        detail["approved_hash"] = changes["approved_hash"]
    elif faq.status == FaqStatus.PUBLISHED or to == FaqStatus.DRAFT:
        changes.update(reviewed_by=None, reviewed_at=None, approved_hash="")
    save_if_unchanged(faq, expected_version=expected_version, conflict_message=_conflict(), **changes)
    faq.refresh_from_db()
    audit.record(action=AuditAction.UPDATE, actor=actor, target=faq, detail=detail)
    index_faq(faq)
    return faq


@transaction.atomic
def faq_record_use(*, actor: User, faq: FaqEntry, case: Case) -> FaqUse:
    """The answer of `case` now contains this entry's answer: a usage row and a timeline event."""
    require(actor, Action.ANSWER_DRAFT)
    if faq.status == FaqStatus.RETIRED:
        raise DomainError(_("廃止したよくある質問は使えません。"))
    use = FaqUse.objects.create(faq=faq, case=case, used_by=actor)
    events.generic(
        case=case,
        actor=actor,
        kind=EventKind.FAQ_USED,
        text=_("よくある質問「%(title)s」を回答に使いました。") % {"title": faq.title},
        faq_id=faq.pk,
    )
    return use


@transaction.atomic
def useful_link_save(
    *,
    actor: User,
    link: UsefulLink | None,
    expected_version: int | None = None,
    title: str,
    url: str,
    publisher: str,
    summary: str,
    checked_on: Any,
    published: bool,
    order: int = 0,
) -> UsefulLink:
    """Create (link=None) or update a useful link (Web掲載内容)."""
    _refuse_edit(actor)
    values = {
        "title": title,
        "url": url,
        "publisher": publisher,
        "summary": summary,
        "checked_on": checked_on,
        "published": published,
        "order": order,
        "updated_by": actor,
    }
    if link is None:
        link = UsefulLink.objects.create(**values)
        audit.record(action=AuditAction.CREATE, actor=actor, target=link)
        return link
    save_if_unchanged(
        link,
        expected_version=expected_version,
        conflict_message=_("他の職員がこのリンクを先に更新しました。最新の内容を確認してください。"),
        **values,
    )
    link.refresh_from_db()
    audit.record(action=AuditAction.UPDATE, actor=actor, target=link)
    return link
