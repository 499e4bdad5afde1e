"""Text of outgoing mails (answer, acknowledgements, desk notification): a file default, overridable by admins.

A template's first line is the subject, the rest is the body. Both use the Django template language
without HTML escaping (they are plain-text mails) and only ever see the plain strings given here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError

from madoguchi.answers.models import MailTemplate, MailTemplateCode

_TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "emails"
_FILES = {
    MailTemplateCode.ACK_WEB: "ack_web.txt",
    MailTemplateCode.ACK_EMAIL: "ack_email.txt",
    MailTemplateCode.NOTIFY_WEB: "notify_web.txt",
    MailTemplateCode.ANSWER: "answer.txt",
}
# Names an admin can use in a template, with the Japanese explanation shown on the edit screen.
PLACEHOLDERS = {
    "reference": "受付番号",
    "desk_name": "窓口の名称",
    "person_name": "相談者の氏名",
    "organization_name": "組織名",
    "subject": "件名",
    "received_at": "受付日時",
    "attachment_count": "添付ファイルの件数",
    "case_url": "案件画面のURL（窓口への通知のみ）",
    "measures": "① 具体的な対策（回答のみ）",
    "referrals": "② 相談・届出先（回答のみ）",
}


def _engine() -> Engine:
    return Engine(autoescape=False, builtins=[])


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def default_source(*, code: str) -> tuple[str, str]:
    text = (_TEMPLATE_DIR / _FILES[MailTemplateCode(code)]).read_text("utf-8")
    subject, _sep, body = text.partition("\n")
    return subject.strip(), body


def current_source(*, code: str) -> tuple[str, str]:
    override = MailTemplate.objects.filter(code=code).first()
    if override is not None:
        return override.subject, override.body
    return default_source(code=code)


def check_source(*, subject: str, body: str) -> None:
    """Raises TemplateSyntaxError when an admin's edit would not render."""
    engine = _engine()
    engine.from_string(subject)
    engine.from_string(body)


def render(*, code: str, context: dict[str, str | int]) -> MailText:
    subject_source, body_source = current_source(code=code)
    engine = _engine()
    values = {"desk_name": settings.MADOGUCHI_DESK_NAME, **context}
    try:
        subject = engine.from_string(subject_source).render(Context(values))
        body = engine.from_string(body_source).render(Context(values))
    except TemplateSyntaxError:
        # A broken override must not stop intake: fall back to the file the admin started from.
        subject_source, body_source = default_source(code=code)
        subject = engine.from_string(subject_source).render(Context(values))
        body = engine.from_string(body_source).render(Context(values))
    return MailText(subject=" ".join(subject.split()), body=body.lstrip("\n"))
