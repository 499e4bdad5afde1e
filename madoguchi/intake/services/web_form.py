"""Write path of the public consultation form: opening the case, keeping its files, queueing both mails."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile as DjangoUpload
from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import MailTemplateCode, OutboundKind
from madoguchi.cases import events
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Channel
from madoguchi.cases.models import Case
from madoguchi.core import datadir
from madoguchi.intake import ratelimit, storage
from madoguchi.intake.forms import check_upload, check_upload_size, max_files
from madoguchi.intake.models import Attachment, AttachmentSource, RateLimitScope
from madoguchi.intake.services.acknowledgement import acknowledge

# How long an uploaded file waits for the consulter to confirm (the clean_pending_uploads command removes it).
PENDING_MAX_AGE = 6 * 3600

# A file carried between the steps, with its bytes only when the consultation is about to be created.
Carried = tuple[storage.PendingFile, bytes]


def request_allowed(*, key: str) -> bool:
    """Decided before the body is parsed: every POST costs one unit, and no submission slot may be left."""
    post_allowed = ratelimit.hit(scope=RateLimitScope.POST, key=key)
    return post_allowed and not ratelimit.exhausted(scope=RateLimitScope.SUBMISSION, key=key)


def honeypot_filled(*, key: str) -> None:
    """A bot filled the hidden field: it costs a submission slot like a real consultation, and nothing is kept."""
    ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key)


@dataclass
class CarriedFiles:
    files: list[Carried]
    errors: list[str | forms.ValidationError] = field(default_factory=list)  # for the attachments field


def carried_files(*, tokens: Sequence[str], removed: Collection[str], keep_data: bool) -> CarriedFiles:
    """The files carried from earlier steps, less those the consulter removed (their files are deleted)."""
    kept: list[Carried] = []
    lost = False
    for token in tokens:
        if token in removed:
            storage.discard_pending(token=token)
            continue
        loaded = storage.load_pending(token=token, max_age=PENDING_MAX_AGE)
        if loaded is None:
            lost = True
        else:
            kept.append(loaded if keep_data else (loaded[0], b""))
    result = CarriedFiles(files=kept)
    if lost:
        result.errors.append(
            _("添付ファイルの保存期限が切れたため、一部のファイルを読み込めませんでした。もう一度添付してください。")
        )
    return result


def add_uploads(*, carried: CarriedFiles, uploads: Iterable[DjangoUpload], keep_data: bool) -> None:
    """Check each new file and put it in the pending area; beyond the maximum count, files are dropped."""
    for upload in uploads:
        try:
            # The size is known without reading: a too-large file never enters memory.
            check_upload_size(name=upload.name or "", size=upload.size or 0)
            checked = check_upload(name=upload.name or "", data=upload.read(), declared_type=upload.content_type or "")
        except forms.ValidationError as exc:
            carried.errors.append(exc)
            continue
        try:
            saved = storage.save_pending(
                data=checked.data,
                filename=checked.filename,
                content_type=checked.content_type,
                sniffed_type=checked.sniffed_type,
            )
        except datadir.StorageFull as exc:
            # The data dir is full: the message goes next to the file field, the typed text stays in the form.
            carried.errors.append(exc.message)
            break
        # Earlier steps hold at most one file in memory at a time.
        carried.files.append((saved, checked.data if keep_data else b""))
        del checked
    if len(carried.files) > max_files():
        for extra, _data in carried.files[max_files() :]:
            storage.discard_pending(token=extra.token)
        del carried.files[max_files() :]
        carried.errors.append(
            _("添付できるファイルは%(count)d件までです。超えた分は添付していません。") % {"count": max_files()}
        )


def web_consultation_confirm(*, key: str, data: WebConsultation, carried: Sequence[Carried]) -> Case | None:
    """The consulter confirmed: take a submission slot and open the case, or None when no slot is left.

    One atomic increment decides, so parallel submissions cannot all take the last slot. The increment commits
    on its own (a failed submission still used its slot) and the pending files go once the case is committed.
    """
    if not ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key):
        return None
    case = submit_web_consultation(
        data=data,
        files=[
            UploadedFile(filename=p.filename, content_type=p.content_type, sniffed_type=p.sniffed_type, data=raw)
            for p, raw in carried
        ],
    )
    for p, _raw in carried:
        storage.discard_pending(token=p.token)
    return case


@dataclass(frozen=True)
class WebConsultation:
    body: str
    organization: case_services.OrganizationData
    person: case_services.PersonData  # person.email receives the acknowledgement


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    sniffed_type: str  # judged from the bytes by the form (intake.forms.check_upload), not sniffed again
    data: bytes


@datadir.files_removed_on_error()
@transaction.atomic
def submit_web_consultation(*, data: WebConsultation, files: Sequence[UploadedFile]) -> Case:
    """Open a case from the public form (the system is the actor), keep its files, queue both mails."""
    case = case_services.case_create(
        actor=None,
        channel=Channel.WEB,
        subject="",
        body=data.body,
        organization=data.organization,
        person=data.person,
    )
    attachments = []
    for upload in files:
        sha256, relative = storage.store_attachment(data=upload.data)
        attachments.append(
            Attachment.objects.create(
                source=AttachmentSource.WEB,
                case=case,
                filename=upload.filename[:255],
                original_filename=upload.filename[:500],
                content_type=upload.content_type[:200],
                sniffed_type=upload.sniffed_type[:200],
                size=len(upload.data),
                sha256=sha256,
                stored_path=relative,
                is_forwarded_message=upload.filename.lower().endswith(".eml"),
            )
        )
    if attachments:
        events.attachments_received(case=case, filenames=[a.filename for a in attachments])
    acknowledge(case=case, to=data.person.email, code=MailTemplateCode.ACK_WEB, context={})
    notify = [a for a in settings.MADOGUCHI_DESK_NOTIFY if a]
    if notify:
        base = settings.MADOGUCHI_BASE_URL.rstrip("/")
        text = mailtext.render(
            code=MailTemplateCode.NOTIFY_WEB,
            context={
                **mailtext.case_context(case),
                "attachment_count": len(attachments),
                "case_url": f"{base}{case.get_absolute_url()}",
            },
        )
        outbox.enqueue(
            kind=OutboundKind.NOTIFICATION,
            case=case,
            to=notify,
            subject=text.subject,
            body_text=text.body,
            headers={"Auto-Submitted": "auto-generated"},
        )
    return case
