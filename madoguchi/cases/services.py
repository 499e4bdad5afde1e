"""Write path of consultations: intake, triage, dispatch, call-backs, research, close, reopen, merge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.cases import events, extensions
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Category, EventKind, Tier, Urgency
from madoguchi.cases.models import (
    Callback,
    Case,
    DeskRules,
    ExternalInquiry,
    Organization,
    Person,
    ReferenceCounter,
    ResponseTarget,
    Tag,
)
from madoguchi.cases.workflow import Status, can_transition
from madoguchi.core.business_hours import BusinessHours, add_business_minutes
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.core.normalize import normalize_email, normalize_name, phone_digits
from madoguchi.core.versioning import save_if_unchanged


@dataclass(frozen=True)
class OrganizationData:
    name: str = ""
    industry: str = ""
    employee_band: str = ""
    prefecture: str = ""
    municipality: str = ""


@dataclass(frozen=True)
class PersonData:
    name: str = ""
    name_kana: str = ""
    role_title: str = ""
    phone: str = ""
    email: str = ""


def next_reference(*, year: int) -> str:
    """Issue the next reference number; must run inside the caller's transaction."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last_value=F("last_value") + 1)
    counter.refresh_from_db()
    return f"{year}-{counter.last_value:05d}"


def reserve_references(*, year: int, count: int) -> list[str]:
    """Issue `count` consecutive reference numbers at once (bulk loads); inside the caller's transaction."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last_value=F("last_value") + count)
    first = counter.last_value + 1
    return [f"{year}-{n:05d}" for n in range(first, first + count)]


def organization_match_or_create(*, actor: User | None, data: OrganizationData) -> Organization | None:
    """The organisation with this normalised name, updated with what was given, or a new one. None: the system."""
    require(actor, Action.CASE_EDIT, system=True)
    if not data.name.strip():
        return None
    key = normalize_name(data.name)
    org = Organization.objects.filter(name_key=key).order_by("id").first()
    if org is None:
        return Organization.objects.create(
            name=data.name.strip(),
            name_key=key,
            industry=data.industry,
            employee_band=data.employee_band,
            prefecture=data.prefecture or "東京都",
            municipality=data.municipality,
        )
    changed = []
    for field in ("industry", "employee_band", "prefecture", "municipality"):
        value = getattr(data, field)
        if value and getattr(org, field) != value:
            setattr(org, field, value)
            changed.append(field)
    if changed:
        org.save(update_fields=[*changed, "updated_at"])
    return org


def person_match_or_create(*, actor: User | None, data: PersonData, organization: Organization | None) -> Person | None:
    """The person with this e-mail (or phone and name), updated, or a new one. actor None: the system."""
    require(actor, Action.CASE_EDIT, system=True)
    if not (data.name.strip() or data.email or data.phone):
        return None
    email_key = normalize_email(data.email).lower() if data.email else ""
    phone_key = phone_digits(data.phone) if data.phone else ""
    person = None
    if email_key:
        person = Person.objects.filter(email_key=email_key).order_by("id").first()
    if person is None and phone_key and data.name.strip():
        person = Person.objects.filter(phone_key=phone_key, name=data.name.strip()).order_by("id").first()
    if person is None:
        return Person.objects.create(
            organization=organization,
            name=data.name.strip() or _("（氏名未確認）"),
            name_kana=data.name_kana,
            role_title=data.role_title,
            phone=data.phone,
            phone_key=phone_key,
            email=data.email,
            email_key=email_key,
        )
    changed = []
    for field, value in (("phone", data.phone), ("email", data.email), ("role_title", data.role_title)):
        if value and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if organization is not None and person.organization_id != organization.pk:
        person.organization = organization
        changed.append("organization")
    if changed:
        person.phone_key = phone_digits(person.phone) if person.phone else ""
        person.email_key = normalize_email(person.email).lower() if person.email else ""
        person.save(update_fields=[*changed, "phone_key", "email_key", "updated_at"])
    return person


def first_response_due(*, category: str, received_at: dt.datetime, urgency: int = Urgency.NORMAL) -> dt.datetime:
    """When the first response is due: the category's target; an urgent case is due no later than an urgent breach."""
    wanted = {category, Category.URGENT_BREACH} if urgency >= Urgency.HIGH else {category}
    return first_response_due_rule(categories=wanted - {""})(category, received_at, urgency)


def first_response_due_rule(
    *, categories: Iterable[str] | None = None
) -> Callable[[str, dt.datetime, int], dt.datetime]:
    """`first_response_due` with the targets (of `categories`, default all) and desk rules read once.

    For callers that date many cases at once (the bulk loader).
    """
    wanted = None if categories is None else set(categories)
    targets: dict[str, ResponseTarget] = {}
    if wanted is None or wanted:
        qs = ResponseTarget.objects.all() if wanted is None else ResponseTarget.objects.filter(category__in=wanted)
        targets = {t.category: t for t in qs}
    default_minutes: list[int] = []  # read once, and only when a category has no target of its own

    def due(category: str, received_at: dt.datetime, urgency: int) -> dt.datetime:
        own = targets.get(category) if category else None
        if own is not None:
            dues = [_target_due(own, received_at)]
        else:
            if not default_minutes:
                default_minutes.append(DeskRules.current().default_first_response_minutes)
            dues = [_due(received_at=received_at, minutes=default_minutes[0])]
        urgent = targets.get(Category.URGENT_BREACH) if urgency >= Urgency.HIGH else None
        if urgent is not None:
            dues.append(_target_due(urgent, received_at))
        return min(dues)

    return due


def _target_due(target: ResponseTarget, received_at: dt.datetime) -> dt.datetime:
    return _due(
        received_at=received_at, minutes=target.first_response_minutes, business_only=target.business_hours_only
    )


def _due(*, received_at: dt.datetime, minutes: int, business_only: bool = True) -> dt.datetime:
    if not business_only:
        return received_at + dt.timedelta(minutes=minutes)
    hours = BusinessHours.parse(settings.MADOGUCHI_BUSINESS_HOURS)
    return add_business_minutes(start=received_at, minutes=minutes, hours=hours)


@transaction.atomic
def case_record_suggestion(
    *, actor: User | None, case: Case, category: str, urgency: int, police: bool, flow: str
) -> Case:
    """Keep the triage assistant's proposal on the case; while undecided, the target follows it.

    Called by the triage app's after-save hook on arrival. It is derived data, not anybody's edit, so the
    case's version (optimistic locking) is left alone and no after-save hook runs again. `actor` is whoever made
    the save that triggered the suggestion (None: the system, for mail and web-form intake).
    """
    require(actor, Action.CASE_EDIT, system=True)
    changes: dict[str, Any] = {
        "suggested_category": category,
        "suggested_urgency": urgency,
        "suggested_police": police,
        "suggested_flow": flow,
    }
    if not case.category:
        changes["first_response_due_at"] = first_response_due(
            category=category, received_at=case.received_at, urgency=max(case.urgency, urgency)
        )
    Case.objects.filter(pk=case.pk).update(**changes)
    for name, value in changes.items():
        setattr(case, name, value)
    return case


@transaction.atomic
def case_create(
    *,
    actor: User | None,
    channel: str,
    subject: str,
    body: str,
    received_at: dt.datetime | None = None,
    organization: OrganizationData | None = None,
    person: PersonData | None = None,
    category: str = "",
    urgency: int = Urgency.NORMAL,
    police_referral: bool = False,
    tags: Iterable[str] = (),
    responder: User | None = None,
    scribe: User | None = None,
) -> Case:
    require(actor, Action.CASE_CREATE, system=True)
    if not body.strip() and not subject.strip():
        raise DomainError(_("相談内容を入力してください。"), field="body")
    if category and category not in Category.values:
        raise DomainError(_("相談区分が正しくありません。"), field="category")
    received_at = received_at or timezone.now()
    org = organization_match_or_create(actor=actor, data=organization or OrganizationData())
    who = person_match_or_create(actor=actor, data=person or PersonData(), organization=org)
    case = Case.objects.create(
        reference=next_reference(year=timezone.localtime(received_at).year),
        channel=channel,
        received_at=received_at,
        organization=org,
        person=who,
        subject=subject.strip()[:200] or body.strip().splitlines()[0][:60],
        body=body,
        category=category,
        urgency=urgency,
        police_referral=police_referral,
        created_by=actor,
        responder=responder,
        scribe=scribe,
        first_response_due_at=first_response_due(category=category, received_at=received_at, urgency=urgency),
    )
    _set_tags(case, tags)
    events.received(case=case, actor=actor, channel=channel)
    if category:
        events.triaged(case=case, actor=actor, category=category, urgency=urgency, police=police_referral)
    extensions.case_saved(extensions.CaseSaved(case=case, actor=actor, changed=frozenset(), created=True))
    return case


def _set_tags(case: Case, names: Iterable[str]) -> None:
    cleaned = sorted({n.strip()[:50] for n in names if n.strip()})
    case.tags.set([Tag.objects.get_or_create(name=n)[0] for n in cleaned])


def _differs(case: Case, name: str, value: Any) -> bool:
    field = Case._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # Compare ids: reading the related object would cost a query per field.
        return bool(getattr(case, field.attname) != (value.pk if value is not None else None))
    return bool(getattr(case, name) != value)


def _bump(
    case: Case,
    *,
    actor: User | None,
    expected_version: int | None,
    tags_changed: bool = False,
    **changes: Any,
) -> Case:
    """Apply `changes` only if nobody saved the case since `expected_version` (optimistic locking)."""
    changed = {name for name, value in changes.items() if _differs(case, name, value)}
    if tags_changed:
        changed.add(extensions.TAGS)
    save_if_unchanged(
        case,
        expected_version=expected_version,
        conflict_message=_(
            "他の職員がこの案件を先に更新しました。最新の内容を確認してから、もう一度保存してください。"
        ),
        updated_at=timezone.now(),
        **changes,
    )
    case.refresh_from_db()
    # Every change to a case reaches the leaf apps (search index, triage) in the same transaction; each hook
    # decides from `changed` whether its inputs moved.
    extensions.case_saved(extensions.CaseSaved(case=case, actor=actor, changed=frozenset(changed)))
    return case


def _transition(
    case: Case, *, actor: User | None, to: str, expected_version: int | None, text: str = "", **changes: Any
) -> Case:
    if not can_transition(case.status, to):
        raise TransitionNotAllowed(
            _("「%(old)s」の案件を「%(new)s」にすることはできません。")
            % {"old": Status(case.status).label, "new": Status(to).label}
        )
    old = case.status
    if to in {Status.CLOSED, Status.MERGED}:
        changes.setdefault("closed_at", timezone.now())
    case = _bump(case, actor=actor, expected_version=expected_version, status=to, **changes)
    events.status_changed(case=case, actor=actor, old=old, new=to, text=text)
    return case


def _mark_first_response(case: Case) -> None:
    if case.first_response_at is None:
        Case.objects.filter(pk=case.pk, first_response_at__isnull=True).update(first_response_at=timezone.now())
        case.refresh_from_db(fields=["first_response_at"])


_EDITABLE_FIELDS = ("subject", "body", "channel", "received_at", "aware_at")


@transaction.atomic
def case_update_intake(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    organization: OrganizationData | None = None,
    person: PersonData | None = None,
    tags: Iterable[str] | None = None,
    **fields: Any,
) -> Case:
    require(actor, Action.CASE_EDIT, system=True)
    unknown = set(fields) - set(_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes: dict[str, Any] = {}
    log: dict[str, Any] = {}
    for name, value in fields.items():
        if getattr(case, name) != value:
            changes[name] = value
            log[name] = {"old": str(getattr(case, name) or ""), "new": str(value or "")}
    if organization is not None:
        org = organization_match_or_create(actor=actor, data=organization)
        if org != case.organization:
            changes["organization"] = org
            log["organization"] = {"old": str(case.organization or ""), "new": str(org or "")}
    else:
        org = case.organization
    if person is not None:
        who = person_match_or_create(actor=actor, data=person, organization=org)
        if who != case.person:
            changes["person"] = who
            log["person"] = {"old": str(case.person or ""), "new": str(who or "")}
    if tags is not None:
        before = sorted(case.tags.values_list("name", flat=True))
        _set_tags(case, tags)
        after = sorted(case.tags.values_list("name", flat=True))
        if before != after:
            log["tags"] = {"old": ", ".join(before), "new": ", ".join(after)}
    case = _bump(case, actor=actor, expected_version=expected_version, tags_changed="tags" in log, **changes)
    if log:
        events.edited(case=case, actor=actor, changes=log)
    return case


@transaction.atomic
def case_triage(
    *,
    actor: User | None,
    case: Case,
    expected_version: int | None,
    category: str,
    urgency: int,
    police_referral: bool,
    source: str = "",
) -> Case:
    require(actor, Action.CASE_TRIAGE, system=True)
    if category not in Category.values:
        raise DomainError(_("相談区分を選んでください。"), field="category")
    police_changed = police_referral != case.police_referral
    changes: dict[str, Any] = {"category": category, "urgency": urgency, "police_referral": police_referral}
    if category != case.category or urgency != case.urgency:
        # The decision replaces whatever the target followed before (the suggestion, or an older decision).
        changes["first_response_due_at"] = first_response_due(
            category=category, received_at=case.received_at, urgency=urgency
        )
    # The event goes first so that after-save hooks (the triage assistant) see who decided.
    events.triaged(case=case, actor=actor, category=category, urgency=urgency, police=police_referral, source=source)
    case = _bump(case, actor=actor, expected_version=expected_version, **changes)
    if police_changed and actor is not None:
        events.police_flag(case=case, actor=actor, value=police_referral)
    return case


@transaction.atomic
def case_set_police_flag(*, actor: User, case: Case, value: bool, reason: str = "") -> Case:
    require(actor, Action.CASE_TRIAGE, system=True)
    if case.police_referral == value:
        return case
    case = _bump(case, actor=actor, expected_version=None, police_referral=value)
    events.police_flag(case=case, actor=actor, value=value, text=reason)
    return case


@transaction.atomic
def case_dispatch(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    category: str,
    urgency: int,
    police_referral: bool,
    assignee: User | None = None,
    note: str = "",
) -> Case:
    """Hand the case to tier 2: the pool when no assignee is named."""
    require(actor, Action.CASE_DISPATCH, system=True)
    if not category:
        raise DomainError(_("回付する前に相談区分を選んでください。"), field="category")
    if assignee is not None and not assignee.can(Action.CASE_RESEARCH):
        raise DomainError(_("二次対応を担当できる職員を選んでください。"), field="assignee")
    if case.category != category or case.urgency != urgency or case.police_referral != police_referral:
        case = case_triage(
            actor=actor,
            case=case,
            expected_version=expected_version,
            category=category,
            urgency=urgency,
            police_referral=police_referral,
        )
        expected_version = case.version
    _mark_first_response(case)
    case = _transition(
        case,
        actor=actor,
        to=Status.DISPATCHED,
        expected_version=expected_version,
        tier=Tier.BACK,
        assignee=assignee,
    )
    events.dispatched(case=case, actor=actor, assignee=assignee, text=note)
    return case


@transaction.atomic
def case_take(*, actor: User, case: Case) -> Case:
    """Tier 2 picks a case from the pool (or a dispatched case assigned to them) and starts work."""
    require(actor, Action.CASE_RESEARCH, system=True)
    if case.status == Status.DISPATCHED:
        case = _transition(case, actor=actor, to=Status.IN_PROGRESS, expected_version=None, assignee=actor)
    elif case.assignee_id != actor.pk:
        case = _bump(case, actor=actor, expected_version=None, assignee=actor)
    else:
        return case
    events.assigned(case=case, actor=actor, assignee=actor)
    return case


@transaction.atomic
def case_assign(*, actor: User, case: Case, assignee: User | None) -> Case:
    require(actor, Action.CASE_DISPATCH, system=True)
    if assignee is not None and case.tier == Tier.BACK and not assignee.can(Action.CASE_RESEARCH):
        raise DomainError(_("二次対応を担当できる職員を選んでください。"), field="assignee")
    case = _bump(case, actor=actor, expected_version=None, assignee=assignee)
    events.assigned(case=case, actor=actor, assignee=assignee)
    return case


@transaction.atomic
def case_hold_for_callback(
    *, actor: User, case: Case, phone: str, due_at: dt.datetime, note: str = "", assignee: User | None = None
) -> Callback:
    require(actor, Action.CALLBACK_MANAGE, system=True)
    if due_at <= timezone.now() - dt.timedelta(minutes=1):
        raise DomainError(_("折り返し期限には現在より後の日時を入れてください。"), field="due_at")
    callback = Callback.objects.create(
        case=case, phone=phone, due_at=due_at, note=note, assignee=assignee or actor, created_by=actor
    )
    if case.status in {Status.RECEIVED, Status.IN_PROGRESS}:
        case = _transition(case, actor=actor, to=Status.ON_HOLD, expected_version=None)
    events.callback_scheduled(
        case=case, actor=actor, phone=phone, due_at_iso=timezone.localtime(due_at).isoformat(), text=note
    )
    return callback


@transaction.atomic
def callback_complete(*, actor: User, callback: Callback, outcome: str) -> Callback:
    require(actor, Action.CALLBACK_MANAGE, system=True)
    if callback.done_at is not None:
        raise DomainError(_("この折り返しは既に完了しています。"))
    callback.done_at = timezone.now()
    callback.done_by = actor
    callback.outcome = outcome
    callback.save(update_fields=["done_at", "done_by", "outcome"])
    case = callback.case
    _mark_first_response(case)
    events.callback_done(case=case, actor=actor, text=outcome)
    events.call(case=case, actor=actor, incoming=False, text=outcome)
    if case.status == Status.ON_HOLD and not case.callbacks.filter(done_at__isnull=True).exists():
        back_to = Status.IN_PROGRESS if case.tier == Tier.BACK else Status.RECEIVED
        _transition(case, actor=actor, to=back_to, expected_version=None)
    return callback


_NOTE_KINDS = {EventKind.NOTE, EventKind.RESEARCH, EventKind.CALL_IN, EventKind.CALL_OUT}


@transaction.atomic
def case_add_note(*, actor: User, case: Case, kind: str, text: str) -> None:
    kind = EventKind(kind)
    if kind not in _NOTE_KINDS:
        raise DomainError(_("記録の種類が正しくありません。"), field="kind")
    require(actor, Action.CASE_RESEARCH if kind == EventKind.RESEARCH else Action.CASE_EDIT, system=True)
    if not text.strip():
        raise DomainError(_("内容を入力してください。"), field="text")
    if kind in {EventKind.CALL_IN, EventKind.CALL_OUT}:
        _mark_first_response(case)
        events.call(case=case, actor=actor, incoming=kind == EventKind.CALL_IN, text=text)
    else:
        events.note(case=case, actor=actor, kind=kind, text=text)


@transaction.atomic
def case_update_assessment(*, actor: User, case: Case, expected_version: int, assessment: str) -> Case:
    require(actor, Action.CASE_RESEARCH, system=True)
    case = _bump(case, actor=actor, expected_version=expected_version, assessment=assessment)
    events.note(case=case, actor=actor, kind=EventKind.ASSESSMENT, text=assessment)
    return case


@transaction.atomic
def case_record_inquiry(
    *,
    actor: User,
    case: Case,
    organization_name: str,
    contacted_at: dt.datetime,
    question: str,
    response: str = "",
    contact_person: str = "",
) -> ExternalInquiry:
    require(actor, Action.CASE_RESEARCH, system=True)
    inquiry = ExternalInquiry.objects.create(
        case=case,
        organization_name=organization_name,
        contact_person=contact_person,
        contacted_at=contacted_at,
        question=question,
        response=response,
        recorded_by=actor,
    )
    text = _("照会内容: %(q)s") % {"q": question}
    if response:
        text += "\n" + _("先方の回答: %(r)s") % {"r": response}
    events.inquiry(case=case, actor=actor, organization=organization_name, text=text)
    return inquiry


@transaction.atomic
def case_answer_at_front_and_close(*, actor: User, case: Case, expected_version: int, answer: str) -> Case:
    """Tier 1 answers a simple case itself (e.g. on the phone) and closes it."""
    require(actor, Action.CASE_CLOSE_TIER1, system=True)
    if case.tier != Tier.FRONT:
        raise DomainError(_("二次対応に回付済みの案件は一次対応では完了できません。"))
    if not case.category:
        raise DomainError(_("完了する前に相談区分を選んでください。"), field="category")
    if not answer.strip():
        raise DomainError(_("回答した内容を入力してください。"), field="answer")
    _mark_first_response(case)
    case = _transition(case, actor=actor, to=Status.CLOSED, expected_version=expected_version, resolution=answer)
    events.closed(case=case, actor=actor, text=answer)
    return case


@transaction.atomic
def case_mark_answered(*, actor: User, case: Case) -> Case:
    """Called by the answers app when an answer has gone out."""
    require(actor, Action.ANSWER_SEND, system=True)
    _mark_first_response(case)
    return _transition(case, actor=actor, to=Status.ANSWERED, expected_version=None)


@transaction.atomic
def case_set_status(*, actor: User, case: Case, to: str, text: str = "") -> Case:
    """Status moves that need no extra data (used by answers: awaiting approval, approved, back to work)."""
    require(actor, Action.ANSWER_DRAFT, system=True)
    return _transition(case, actor=actor, to=to, expected_version=None, text=text)


@transaction.atomic
def case_close(*, actor: User, case: Case, expected_version: int, resolution: str) -> Case:
    require(actor, Action.CASE_CLOSE, system=True)
    if not resolution.strip():
        raise DomainError(_("対応結果を入力してください。"), field="resolution")
    case = _transition(case, actor=actor, to=Status.CLOSED, expected_version=expected_version, resolution=resolution)
    events.closed(case=case, actor=actor, text=resolution)
    return case


@transaction.atomic
def case_reopen(*, actor: User, case: Case, reason: str) -> Case:
    require(actor, Action.CASE_REOPEN, system=True)
    if not reason.strip():
        raise DomainError(_("再開する理由を入力してください。"), field="reason")
    target = Status.IN_PROGRESS if case.tier == Tier.BACK else Status.RECEIVED
    case = _transition(case, actor=actor, to=target, expected_version=None, closed_at=None)
    events.reopened(case=case, actor=actor, text=reason)
    return case


@transaction.atomic
def case_merge(*, actor: User, case: Case, into: Case, reason: str = "") -> Case:
    """Close a duplicate into another case; its timeline stays and points to the survivor."""
    require(actor, Action.CASE_MERGE, system=True)
    if into.pk == case.pk:
        raise DomainError(_("同じ案件には統合できません。"), field="into")
    if into.status == Status.MERGED:
        raise DomainError(_("統合先の案件は既に別の案件に統合されています。"), field="into")
    case = _transition(case, actor=actor, to=Status.MERGED, expected_version=None, merged_into=into)
    events.merged(case=case, actor=actor, into_reference=into.reference, text=reason)
    events.note(
        case=into,
        actor=actor,
        kind=EventKind.NOTE,
        text=_("重複案件 %(ref)s をこの案件に統合しました。") % {"ref": case.reference},
    )
    return case


@transaction.atomic
def desk_rules_update(
    *,
    actor: User,
    approval_categories: list[str],
    default_first_response_minutes: int,
    targets: dict[str, tuple[int, bool]],
    approval_for_police_referral: bool | None = None,
) -> DeskRules:
    """Admins change which answers need approval and the response-time targets per category."""
    from madoguchi.accounts import audit
    from madoguchi.accounts.models import AuditAction

    require(actor, Action.SETTINGS_MANAGE, system=True)
    if set(approval_categories) - set(Category.values) or set(targets) - set(Category.values):
        raise DomainError(_("相談区分の指定が正しくありません。"))
    rules = DeskRules.current()
    before = {
        "approval_categories": list(rules.approval_categories),
        "approval_for_police_referral": rules.approval_for_police_referral,
        "default": rules.default_first_response_minutes,
    }
    rules.approval_categories = sorted(approval_categories)
    if approval_for_police_referral is not None:
        rules.approval_for_police_referral = approval_for_police_referral
    rules.default_first_response_minutes = default_first_response_minutes
    rules.save()
    for category, (minutes, business_only) in targets.items():
        ResponseTarget.objects.update_or_create(
            category=category, defaults={"first_response_minutes": minutes, "business_hours_only": business_only}
        )
    audit.record(
        action=AuditAction.UPDATE,
        actor=actor,
        target=rules,
        detail={
            "before": before,
            "approval_categories": rules.approval_categories,
            "approval_for_police_referral": rules.approval_for_police_referral,
            "targets": targets,
        },
    )
    return rules


# --- Bulk actions of the case list: each case through the single-case service, in its own transaction. ---


@dataclass
class BulkResult:
    done: list[str]
    refused: list[tuple[str, str]]  # (reference, reason in Japanese)


def _bulk_run(
    *, actor: User, selection: Iterable[tuple[str, int | None]], run: Callable[[Case, int | None], Any]
) -> BulkResult:
    result = BulkResult(done=[], refused=[])
    for reference, expected_version in selection:
        try:
            # One transaction per case: a refusal rolls back that case only, never half of it.
            with transaction.atomic():
                case = visible_cases(user=actor).select_for_update().filter(reference=reference).first()
                if case is None:
                    # Same answer for a missing case and one the actor may not see.
                    raise DomainError(_("案件が見つからないか、操作する権限がありません。"))
                if expected_version is not None and case.version != expected_version:
                    raise DomainError(
                        _("他の職員がこの案件を先に更新しました。最新の内容を確認してから、もう一度操作してください。")
                    )
                run(case, expected_version)
        except DomainError as exc:
            result.refused.append((reference, exc.message))
        else:
            result.done.append(reference)
    return result


def cases_bulk_assign(*, actor: User, selection: Iterable[tuple[str, int | None]], assignee: User) -> BulkResult:
    """Assign cases already at tier 2 to one tier-2 staff member (the list's bulk action bar)."""
    require(actor, Action.CASE_DISPATCH, system=True)

    def run(case: Case, expected_version: int | None) -> None:
        if case.tier != Tier.BACK or case.status not in {Status.DISPATCHED, Status.IN_PROGRESS}:
            raise TransitionNotAllowed(
                _("「%(status)s」の案件には担当者を割り当てられません（二次対応待ち・二次対応中の案件のみ）。")
                % {"status": Status(case.status).label}
            )
        # Who works a tier-2 case is decided at tier 2, as when taking a case from the pool.
        require(actor, Action.CASE_RESEARCH, system=True)
        if not assignee.is_active or not assignee.can(Action.CASE_RESEARCH):
            raise DomainError(_("二次対応を担当できる職員を選んでください。"), field="assignee")
        case_assign(actor=actor, case=case, assignee=assignee)

    return _bulk_run(actor=actor, selection=selection, run=run)


def cases_bulk_dispatch(*, actor: User, selection: Iterable[tuple[str, int | None]], category: str) -> BulkResult:
    """Dispatch tier-1 cases to the tier-2 pool with one category; urgency and police flag stay as they are."""
    require(actor, Action.CASE_DISPATCH, system=True)
    if category not in Category.values:
        raise DomainError(_("回付する前に相談区分を選んでください。"), field="category")

    def run(case: Case, expected_version: int | None) -> None:
        if not can_transition(case.status, Status.DISPATCHED):
            raise TransitionNotAllowed(
                _("「%(old)s」の案件を「%(new)s」にすることはできません。")
                % {"old": Status(case.status).label, "new": Status.DISPATCHED.label}
            )
        case_dispatch(
            actor=actor,
            case=case,
            expected_version=case.version if expected_version is None else expected_version,
            category=category,
            urgency=case.effective_urgency,
            police_referral=case.police_referral,
        )

    return _bulk_run(actor=actor, selection=selection, run=run)
