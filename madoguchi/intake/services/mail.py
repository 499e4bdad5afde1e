"""Write path of mail intake: storing, threading and quarantining inbound mail, and staff decisions on quarantine."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.answers.models import MailTemplateCode, OutboundEmail
from madoguchi.cases import events
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Channel, EventKind
from madoguchi.cases.models import Case
from madoguchi.core.errors import DomainError
from madoguchi.intake import mail, problem_messages, storage
from madoguchi.intake.models import (
    Attachment,
    AttachmentSource,
    InboundMessage,
    InboundStatus,
    ReferencedVia,
    Transport,
)
from madoguchi.intake.services.acknowledgement import acknowledge

logger = logging.getLogger(__name__)


class IngestOutcome(StrEnum):
    """What ingesting one mail did. Not `models.InboundStatus`, the stored row's state: a duplicate stores nothing."""

    NEW_CASE = "new_case"
    THREADED = "threaded"
    AUTO_REPLY = "auto_reply"
    QUARANTINED = "quarantined"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class IngestResult:
    message: InboundMessage
    outcome: IngestOutcome
    case: Case | None


def current_limits() -> mail.Limits:
    return mail.Limits(
        max_message_bytes=settings.MAIL_MAX_MESSAGE_BYTES,
        max_attachment_bytes=settings.MAIL_MAX_ATTACHMENT_BYTES,
        max_attachments=settings.MAIL_MAX_ATTACHMENTS,
    )


def _quarantine_message_id(sha256: str) -> str:
    # Unparseable bytes have no usable Message-ID; the content hash still makes a redelivery a duplicate.
    return f"<quarantine.{sha256[:40]}@madoguchi.invalid>"


@dataclass(frozen=True)
class _Failure:
    code: str
    params: dict[str, str]
    reason: str  # Japanese, stored whatever the language of the request that triggered the parse


def _parse(raw: bytes) -> tuple[mail.ParsedMessage | None, _Failure | None]:
    try:
        return mail.parse_message(raw=raw, limits=current_limits()), None
    except mail.UnparseableMessage as exc:
        return None, _Failure(code=exc.code, params=exc.params, reason=exc.reason)
    except Exception as exc:
        logger.exception("intake: parser failed")
        code, params = problem_messages.PARSER_ERROR, {"error": type(exc).__name__}
        reason = problem_messages.japanese_quarantine_reason(code=code, params=params)
        return None, _Failure(code=code, params=params, reason=reason)


def _fingerprint(parsed: mail.ParsedMessage) -> str:
    return mail.content_fingerprint(
        sender=parsed.sender.address[:320],
        subject=parsed.subject,
        body=parsed.text_body,
        attachment_sha256s=[a.sha256 for a in parsed.attachments],
    )


def ingest_raw(*, raw: bytes, transport: str) -> IngestResult:
    """Store one received mail byte-exact, then record it: new case, thread, auto-reply or quarantine.

    The raw file is written before the database is touched, so a crash leaves at most a file without a row;
    ingesting the same bytes again then completes the record. A duplicate is the same Message-ID with the
    same content; a different mail that reuses a Message-ID is kept and flagged (docs/mail-intake.md).
    """
    if transport not in Transport.values:
        raise ValueError(f"unknown transport {transport!r}")
    sha256 = storage.store_raw(raw=raw)
    parsed, failure = _parse(raw)
    if parsed is not None:
        message_id, content = parsed.message_id, _fingerprint(parsed)
    else:
        message_id, content = _quarantine_message_id(sha256), sha256
    try:
        with transaction.atomic():
            existing = InboundMessage.objects.filter(message_id=message_id, content_sha256=content).first()
            if existing is not None:
                return _duplicate(existing, sha256=sha256)
            row = InboundMessage(
                message_id=message_id,
                content_sha256=content,
                message_id_reused=InboundMessage.objects.filter(message_id=message_id).exists(),
                raw_sha256=sha256,
                raw_size=len(raw),
                transport=transport,
                received_at=timezone.now(),
            )
            if parsed is None:
                assert failure is not None
                return _quarantine(row, failure=failure)
            return _apply(row, parsed)
    except IntegrityError:
        # Two deliveries of the same mail raced; the other one won and holds the record.
        existing = InboundMessage.objects.filter(message_id=message_id, content_sha256=content).first()
        if existing is None:
            raise
        return _duplicate(existing, sha256=sha256)


def _duplicate(existing: InboundMessage, *, sha256: str) -> IngestResult:
    """A redelivery: the stored row stands. Its raw copy is deleted unless some row keeps exactly these bytes."""
    if sha256 != existing.raw_sha256 and not InboundMessage.objects.filter(raw_sha256=sha256).exists():
        # Only a row with identical content could reference these bytes, and that row is `existing`.
        storage.discard_raw(sha256=sha256)
        logger.info("intake: duplicate of inbound %s; raw copy %s deleted", existing.pk, sha256)
    return IngestResult(message=existing, outcome=IngestOutcome.DUPLICATE, case=existing.case)


def _quarantine(row: InboundMessage, *, failure: _Failure) -> IngestResult:
    row.status = InboundStatus.QUARANTINED
    row.quarantine_code = failure.code
    row.quarantine_params = failure.params
    row.quarantine_reason = failure.reason
    row.save()
    return IngestResult(message=row, outcome=IngestOutcome.QUARANTINED, case=None)


def _survivor(case: Case) -> Case:
    # A reply to a case that was merged belongs to the case it was merged into.
    seen = set()
    while case.merged_into_id is not None and case.pk not in seen:
        seen.add(case.pk)
        case = Case.objects.get(pk=case.merged_into_id)
    return case


@dataclass(frozen=True)
class Thread:
    """Where a mail belongs. `referenced` is a case it pointed at but may not join (its sender is not on it)."""

    case: Case | None = None
    referenced: Case | None = None
    referenced_via: str = ""


def case_addresses(*, case: Case) -> set[str]:
    """Normalised addresses of the people on a case: the consulter and senders whose mail is filed on it.

    Not "everyone in the consulter's organisation": organisations are matched by name, so anyone can join
    one by writing its name in a From display name or the public form.
    """
    found = [case.person.email if case.person else ""]
    found += InboundMessage.objects.filter(
        case=case, status__in=[InboundStatus.STORED, InboundStatus.THREADED]
    ).values_list("from_address", flat=True)
    return {mail.normalize_address(a) for a in found if a}


def _sender_on_case(*, sender: str, case: Case) -> bool:
    return bool(sender) and mail.normalize_address(sender) in case_addresses(case=case)


def find_thread(*, parsed: mail.ParsedMessage) -> Thread:
    """The case a mail belongs to.

    1. A reply (In-Reply-To/References) to a Message-ID the desk sent for a case joins it, whoever sends it:
       our Message-IDs are random and only the people we wrote to know them.
    2. A reply to a stored inbound mail, or a 受付番号 in the subject, joins that case only when the sender is
       on it (`case_addresses`): reference numbers are sequential and inbound Message-IDs are not secret.
    Otherwise the first case pointed at is returned as `referenced`; the caller opens a new, linked case.
    """
    sender = parsed.sender.address
    referenced: Case | None = None
    via = ""
    ids = [i for i in [parsed.in_reply_to, *reversed(parsed.references)] if i]
    if ids:
        outbound = OutboundEmail.objects.filter(message_id__in=ids, case__isnull=False).select_related("case").first()
        if outbound is not None and outbound.case is not None:
            return Thread(case=_survivor(outbound.case))
        inbound = (
            InboundMessage.objects.filter(message_id__in=ids, case__isnull=False, message_id_reused=False)
            .select_related("case")
            .order_by("-received_at", "-id")
        )
        for row in inbound:
            assert row.case is not None
            case = _survivor(row.case)
            if _sender_on_case(sender=sender, case=case) or _sender_on_case(sender=sender, case=row.case):
                return Thread(case=case)
            if referenced is None:
                referenced, via = case, ReferencedVia.REPLY
    for reference in parsed.reference_numbers:
        named = Case.objects.filter(reference=reference).first()
        if named is None:
            continue
        case = _survivor(named)
        if _sender_on_case(sender=sender, case=case) or _sender_on_case(sender=sender, case=named):
            return Thread(case=case)
        if referenced is None:
            referenced, via = case, ReferencedVia.SUBJECT
    return Thread(referenced=referenced, referenced_via=via)


_CORPORATE = re.compile(r"(株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|㈱|㈲|[（(][株有][）)])")


def split_display_name(*, name: str) -> tuple[str, str]:
    """(organisation, person) from a From display name such as 「株式会社サンプル商事 架空 太郎」."""
    name = name.strip()
    if not _CORPORATE.search(name):
        return "", name
    parts = [p for p in re.split(r"\s*[/／|｜]\s*|\s+", name) if p]
    org = [p for p in parts if _CORPORATE.search(p)]
    person = [p for p in parts if not _CORPORATE.search(p)]
    return " ".join(org), " ".join(person)


def _own_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()


def _fill(row: InboundMessage, parsed: mail.ParsedMessage) -> None:
    def addresses(items: Sequence[mail.Address]) -> str:
        return ", ".join(f"{a.name} <{a.address}>" if a.name else a.address for a in items)

    row.message_id = parsed.message_id
    row.message_id_generated = parsed.message_id_generated
    row.subject = parsed.subject
    row.from_name = parsed.sender.name[:300]
    row.from_address = parsed.sender.address[:320]
    row.to = addresses(parsed.to)
    row.cc = addresses(parsed.cc)
    row.sent_at = parsed.date
    row.date_source = parsed.date_source
    row.in_reply_to = (parsed.in_reply_to or "")[:500]
    row.references = " ".join(parsed.references)
    row.text_body = parsed.text_body
    row.text_body_source = parsed.text_body_source
    row.html_body = parsed.html_body or ""
    row.problems = [{"code": p.code, "params": dict(p.params), "message": p.message} for p in parsed.problems]
    row.skipped_parts = [
        {
            "filename": s.filename,
            "content_type": s.content_type,
            "size": s.size,
            "code": s.reason_code,
            "params": dict(s.params),
            "reason": s.reason,
        }
        for s in parsed.skipped_parts
    ]
    row.quarantine_code = ""
    row.quarantine_params = {}
    row.quarantine_reason = ""


def _store_attachments(*, row: InboundMessage, parsed: mail.ParsedMessage, case: Case | None) -> list[Attachment]:
    stored = []
    for part in parsed.attachments:
        sha256, relative = storage.store_attachment(data=part.payload)
        stored.append(
            Attachment.objects.create(
                source=AttachmentSource.EMAIL,
                inbound_message=row,
                case=case,
                filename=part.filename[:255],
                original_filename=part.original_filename[:500],
                content_type=part.content_type[:200],
                sniffed_type=(part.sniffed_type or "")[:200],
                size=part.size,
                sha256=sha256,
                stored_path=relative,
                is_forwarded_message=part.is_forwarded_message,
                is_inline=part.is_inline,
                is_executable=part.is_executable,
                type_mismatch=part.type_mismatch,
            )
        )
    return stored


def _record_on_case(*, case: Case, row: InboundMessage, attachments: list[Attachment]) -> None:
    text = row.subject
    person_email = (case.person.email if case.person else "").lower()
    if person_email and row.from_address.lower() != person_email:
        text += "\n" + _("（差出人 %(sender)s は、この案件の相談者のアドレスと異なります）") % {
            "sender": row.from_address
        }
    events.generic(
        case=case,
        actor=None,
        kind=EventKind.EMAIL_IN,
        text=text,
        message_id=row.message_id,
        sender=row.from_address,
        inbound_id=row.pk,
    )
    if attachments:
        events.attachments_received(case=case, filenames=[a.filename for a in attachments], inbound_id=row.pk)
    for skipped in row.skipped_parts:
        # Staff must see that the consulter sent something the desk did not keep.
        events.generic(case=case, actor=None, kind=EventKind.NOTE, text=skipped["reason"], inbound_id=row.pk)


def _apply(row: InboundMessage, parsed: mail.ParsedMessage) -> IngestResult:
    """Decide what a parsed mail is and record it; runs inside the caller's transaction."""
    _fill(row, parsed)
    own = OutboundEmail.objects.filter(message_id=parsed.message_id).exists()
    thread = find_thread(parsed=parsed)
    if own or parsed.auto_reply is not None:
        row.status = InboundStatus.AUTO_REPLY
        if own:
            row.auto_reply_kind = "own"
            row.auto_reply_reason = _("窓口が送信したメールが戻ってきたものです。")
        else:
            assert parsed.auto_reply is not None
            row.auto_reply_kind = parsed.auto_reply.kind
            row.auto_reply_reason = parsed.auto_reply.reason
        # Linked for context (a bounce of our answer), but no event, no case, no reply.
        row.case = thread.case
        row.save()
        _store_attachments(row=row, parsed=parsed, case=None)
        return IngestResult(message=row, outcome=IngestOutcome.AUTO_REPLY, case=None)

    if thread.case is not None:
        row.status = InboundStatus.THREADED
        row.case = thread.case
        row.save()
        attachments = _store_attachments(row=row, parsed=parsed, case=thread.case)
        _record_on_case(case=thread.case, row=row, attachments=attachments)
        _note_reused_message_id(case=thread.case, row=row)
        return IngestResult(message=row, outcome=IngestOutcome.THREADED, case=thread.case)

    org_name, person_name = split_display_name(name=parsed.sender.name)
    case = case_services.case_create(
        actor=None,
        channel=Channel.EMAIL,
        subject=parsed.subject.strip() or _("（件名なし）"),
        body=parsed.text_body,
        organization=case_services.OrganizationData(name=org_name),
        person=case_services.PersonData(name=person_name, email=parsed.sender.address),
    )
    row.status = InboundStatus.STORED
    row.case = case
    row.referenced_case = thread.referenced
    row.referenced_via = thread.referenced_via
    row.save()
    attachments = _store_attachments(row=row, parsed=parsed, case=case)
    _record_on_case(case=case, row=row, attachments=attachments)
    _note_reused_message_id(case=case, row=row)
    if thread.referenced is not None:
        _note_refused_thread(case=case, referenced=thread.referenced, via=thread.referenced_via, row=row)
    if parsed.sender.address.lower() != _own_address():
        acknowledge(
            case=case,
            to=parsed.sender.address,
            code=MailTemplateCode.ACK_EMAIL,
            context={"subject": parsed.subject},
            in_reply_to=parsed.message_id,
        )
    return IngestResult(message=row, outcome=IngestOutcome.NEW_CASE, case=case)


def _note_reused_message_id(*, case: Case, row: InboundMessage) -> None:
    if not row.message_id_reused:
        return
    events.generic(
        case=case,
        actor=None,
        kind=EventKind.NOTE,
        text=_(
            "このメールの Message-ID %(message_id)s は、内容の異なる別のメールで既に使われています"
            "（Message-ID が再利用されています）。同じメールの再送ではないため、別のメールとして受け付けました。"
        )
        % {"message_id": row.message_id},
        inbound_id=row.pk,
        flag="message_id_reused",
    )


def _note_refused_thread(*, case: Case, referenced: Case, via: str, row: InboundMessage) -> None:
    """Both timelines say why the mail did not join the case it pointed at; staff merge it if it belongs."""
    values = {"reference": referenced.reference, "sender": row.from_address, "new": case.reference}
    if via == ReferencedVia.REPLY:
        text = _(
            "既存の案件への返信ですが送信者が一致しないため新しい相談として受け付けました。"
            "返信先は案件 %(reference)s のメールですが、差出人 %(sender)s はその案件の関係者として登録されていません。"
            "同じ相談であれば統合してください。"
        )
    else:
        text = _(
            "受付番号を含むが送信者が一致しないため新しい相談として受け付けました。"
            "件名の受付番号 %(reference)s の案件に、差出人 %(sender)s は関係者として登録されていません。"
            "同じ相談であれば統合してください。"
        )
    events.generic(
        case=case,
        actor=None,
        kind=EventKind.NOTE,
        text=text % values,
        inbound_id=row.pk,
        flag="sender_not_on_case",
        related_case=referenced.reference,
    )
    events.generic(
        case=referenced,
        actor=None,
        kind=EventKind.NOTE,
        text=_(
            "この案件を指すメールが、関係者として登録されていない差出人 %(sender)s から届きました。"
            "この案件には追加せず、新しい相談 %(new)s として受け付けました。"
        )
        % values,
        flag="sender_not_on_case",
        related_case=case.reference,
    )


# --- staff actions on stored mail ---


@transaction.atomic
def reprocess(*, actor: User, message: InboundMessage) -> IngestResult:
    """Parse a quarantined mail again from its raw file (after a parser fix or a settings change).

    The calling view writes the audit entry, because only it knows the client address.
    """
    require(actor, Action.QUARANTINE_MANAGE)
    row = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if row.status != InboundStatus.QUARANTINED:
        raise DomainError(_("隔離中のメールだけを再処理できます。"))
    try:
        raw = storage.read_raw(sha256=row.raw_sha256)
    except OSError as exc:
        raise DomainError(_("保存されたメールのファイルを読み込めません。システム管理者に連絡してください。")) from exc
    parsed, failure = _parse(raw)
    if parsed is None:
        assert failure is not None
        result = _quarantine(row, failure=failure)
    elif (
        InboundMessage.objects.filter(message_id=parsed.message_id, content_sha256=_fingerprint(parsed))
        .exclude(pk=row.pk)
        .exists()
    ):
        row.status = InboundStatus.DISMISSED
        row.dismiss_reason = _("同じ Message-ID で同じ内容のメールが既に保存されているため、重複として破棄しました。")
        row.handled_by, row.handled_at = actor, timezone.now()
        row.save()
        result = IngestResult(message=row, outcome=IngestOutcome.DUPLICATE, case=None)
    else:
        row.content_sha256 = _fingerprint(parsed)
        row.message_id_reused = InboundMessage.objects.filter(message_id=parsed.message_id).exclude(pk=row.pk).exists()
        result = _apply(row, parsed)
        InboundMessage.objects.filter(pk=row.pk).update(handled_by=actor, handled_at=timezone.now())
    return result


@transaction.atomic
def dismiss(*, actor: User, message: InboundMessage, reason: str) -> InboundMessage:
    """Staff decide a quarantined mail is not a consultation; the raw file and the row stay."""
    require(actor, Action.QUARANTINE_MANAGE)
    row = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if row.status != InboundStatus.QUARANTINED:
        raise DomainError(_("隔離中のメールだけを破棄できます。"))
    if not reason.strip():
        raise DomainError(_("破棄する理由を入力してください。"), field="reason")
    row.status = InboundStatus.DISMISSED
    row.dismiss_reason = reason
    row.handled_by, row.handled_at = actor, timezone.now()
    row.save(update_fields=["status", "dismiss_reason", "handled_by", "handled_at"])
    return row
